import * as E from 'fp-ts/Either'
import { AuthenticationError, VenueRejectedError, type FeedEvent, type InterpretContext, type VenueMessage } from '@tributary/core'
import type { OkxFrame } from './codecs'
import { toBookEvents, toBookTops, toCandles, toFundingRates, toMarkPrices, toQuotes, toTickers, toTrades, type MarketContext } from './market-mappers'
import { toBalances, toFill, toOrder, toPosition, type PrivateContext } from './private-mappers'
import { contractsToBase, identity, toBaseFor } from './sizes'
import { fromOkxSymbol, okxKindOf } from './symbols'
import { topicOf } from './topics'

const VENUE = 'okx'

/** Error codes that mean the login failed: fatal for the connection group, never retried. */
export const AUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  '60004', '60005', '60006', '60007', '60009', '60021', '60022', '60023', '60024', '60026', '60030', '60031', '63999',
])

/** OKX names the channel in some errors' text only: `Wrong URL or channel:tickers,instId:BTC-USDT-XXX doesn't exist`. */
const CHANNEL_IN_MESSAGE = /channel:\s*([A-Za-z0-9_-]+)\s*,\s*instId:\s*([A-Za-z0-9_.-]+)/

type Frame<K extends OkxFrame['type']> = Extract<OkxFrame, { type: K }>['frame']

/**
 * A frame the adapter understood but cannot map faithfully (a derivative without contract metadata, an unknown order
 * state): reported on the feed's issue stream, never guessed at. Issues inside `data` would be filtered out by kind.
 */
const problem = (what: string): VenueMessage => ({ type: 'unknown', what })

const CACHE_SIZE = 10_000

/** What every market frame of one instrument shares: its unified symbol, whether it is spot, its topic per channel. */
interface InstrumentEntry {
  readonly symbol: string | undefined
  /** Spot sizes are base units already: no instrument lookup, no conversion. */
  readonly spot: boolean
  readonly topics: Map<string, string>
  /** The channel of the last frame and its topic (an instrument's frames mostly come on one channel). */
  channel: string
  topic: string
}
const entries = new Map<string, InstrumentEntry>()

/** {@link fromOkxSymbol}, {@link okxKindOf} and {@link topicOf}, remembered: every frame of an instrument carries the same id. */
const entryOf = (instId: string): InstrumentEntry => {
  let entry = entries.get(instId)
  if (entry === undefined) {
    if (entries.size >= CACHE_SIZE) entries.clear()
    entry = { symbol: fromOkxSymbol(instId), spot: okxKindOf(instId) === 'spot', topics: new Map(), channel: '', topic: '' }
    entries.set(instId, entry)
  }
  return entry
}

const topicIn = (entry: InstrumentEntry, arg: { readonly channel: string; readonly instId: string }): string => {
  if (entry.channel === arg.channel) return entry.topic
  let topic = entry.topics.get(arg.channel)
  if (topic === undefined) {
    topic = topicOf(arg)
    entry.topics.set(arg.channel, topic)
  }
  entry.channel = arg.channel
  entry.topic = topic
  return topic
}

/** Whether a derivative whose contract value is unknown should be reported now (the first time, per interpreter). */
type FirstReport = (instId: string) => boolean

/**
 * Maps a market push whose sizes may need contract conversion. Without a contract value the sizes stay contracts,
 * marked `sizeUnit: 'contracts'`, and a `degraded-data` issue says so when `firstReport` allows: prices are never lost,
 * sizes are never passed off as base units. Without `firstReport`, the channel's figures need no contract value.
 */
const market = <F extends { readonly arg: { readonly channel: string; readonly instId: string } }>(
  frame: F,
  ctx: InterpretContext,
  map: (frame: F, c: MarketContext) => readonly FeedEvent[],
  firstReport: FirstReport | undefined,
): VenueMessage[] => {
  const { instId, channel } = frame.arg
  const entry = entryOf(instId)
  const symbol = entry.symbol
  const topic = topicIn(entry, frame.arg)
  if (symbol === undefined) return [problem(`okx ${channel}: instrument id ${instId} not understood`)]
  // Spot sizes need no conversion (what `toBaseFor` answers for spot; the entry knows the kind already).
  const toBase = firstReport === undefined || entry.spot ? undefined : contractsToBase(instId, ctx.instrument)
  if (toBase === undefined || E.isRight(toBase)) {
    const c: MarketContext = { venue: VENUE, symbol, receivedAt: ctx.receivedAt, toBase: toBase?.right ?? identity }
    return [{ type: 'data', topic, events: map(frame, c) }]
  }
  const c: MarketContext = { venue: VENUE, symbol, receivedAt: ctx.receivedAt, toBase: identity, sizeUnit: 'contracts' }
  const data: VenueMessage = { type: 'data', topic, events: map(frame, c) }
  if (firstReport?.(instId) !== true) return [data]
  return [data, { type: 'issue', code: 'degraded-data', what: `okx: contract value unknown for ${instId}: sizes left in contracts (no instrument metadata)` }]
}

const rejection = (f: Frame<'error-event'>): VenueMessage => {
  const named = CHANNEL_IN_MESSAGE.exec(f.msg)
  const topic = f.arg !== undefined ? topicOf(f.arg) : named?.[1] !== undefined && named[2] !== undefined ? topicOf({ channel: named[1], instId: named[2] }) : undefined
  const error = new VenueRejectedError(VENUE, f.code, f.msg, topic)
  // A topic rejects that one channel; only without one does the request id (or the last request) take the blame.
  if (topic !== undefined) return { type: 'reject', topic, error }
  return f.id === undefined ? { type: 'reject', error } : { type: 'reject', requestId: f.id, error }
}

const control = (frame: OkxFrame): VenueMessage[] | undefined => {
  switch (frame.type) {
    case 'subscribe-event':
      return [{ type: 'ack', topic: topicOf(frame.frame.arg) }]
    case 'login-event':
      return frame.frame.code === '0'
        ? [{ type: 'ready' }]
        : [{ type: 'fatal', error: new AuthenticationError(VENUE, frame.frame.code, frame.frame.msg ?? 'login failed') }]
    case 'error-event':
      return AUTH_ERROR_CODES.has(frame.frame.code)
        ? [{ type: 'fatal', error: new AuthenticationError(VENUE, frame.frame.code, frame.frame.msg) }]
        : [rejection(frame.frame)]
    case 'notice-event':
      return frame.frame.code === '64008'
        ? [{ type: 'reconnect', reason: `okx notice 64008: ${frame.frame.msg}` }]
        : [{ type: 'unknown', what: `okx notice ${frame.frame.code}: ${frame.frame.msg}` }]
    case 'other-event':
      return frame.frame.event === 'channel-conn-count' ? [{ type: 'ignore', what: 'channel-conn-count' }] : [{ type: 'unknown', what: `okx event ${frame.frame.event}` }]
    case 'op-response': {
      const f = frame.frame
      if (f.id === undefined) return [{ type: 'unknown', what: `okx ${f.op} reply without id (${f.code})` }]
      // code 1 / 2: the op (or every item of a batch) failed, with per-item sCode/sMsg for the caller to read.
      const perItem = f.code === '0' || ((f.code === '1' || f.code === '2') && f.data.length > 0)
      const result = perItem ? E.right(f) : E.left(new VenueRejectedError(VENUE, f.code, f.msg, `${f.op} #${f.id}`))
      return [{ type: 'response', requestId: f.id, result }]
    }
    case 'other-push':
      return [{ type: 'unknown', what: `okx channel ${frame.frame.arg.channel}` }]
    default:
      return undefined
  }
}

const privateData = (frame: OkxFrame, ctx: InterpretContext): VenueMessage[] | undefined => {
  const events: FeedEvent[] = []
  const problems: VenueMessage[] = []
  const each = (instId: string, mapOne: (c: PrivateContext) => readonly (FeedEvent | string | undefined)[]): void => {
    const symbol = fromOkxSymbol(instId)
    const toBase = toBaseFor(instId, ctx.instrument)
    if (symbol === undefined) return void problems.push(problem(`okx: instrument id ${instId} not understood`))
    if (E.isLeft(toBase)) return void problems.push(problem(toBase.left))
    for (const out of mapOne({ venue: VENUE, symbol, receivedAt: ctx.receivedAt, toBase: toBase.right })) {
      if (typeof out === 'string') problems.push(problem(out))
      else if (out !== undefined) events.push(out)
    }
  }
  const data = (topic: string): VenueMessage[] => [{ type: 'data', topic, events }, ...problems]
  switch (frame.type) {
    case 'orders':
      for (const d of frame.frame.data) each(d.instId, (c) => [toOrder(d, c), toFill(d, c)])
      return data('orders')
    case 'positions':
      for (const d of frame.frame.data) each(d.instId, (c) => [toPosition(d, c)])
      return data('positions')
    case 'balance-and-position':
      for (const d of frame.frame.data) for (const p of d.posData) each(p.instId, (c) => [toPosition(p, c)])
      return data('balance_and_position')
    case 'account':
      return [{ type: 'data', topic: 'account', events: toBalances(frame.frame, VENUE, ctx.receivedAt) }]
    default:
      return undefined
  }
}

const interpretWith = (frame: OkxFrame, ctx: InterpretContext, firstReport: FirstReport): readonly VenueMessage[] => {
  switch (frame.type) {
    case 'tickers':
      return market(frame.frame, ctx, toTickers, firstReport)
    case 'trades':
      return market(frame.frame, ctx, toTrades, firstReport)
    case 'book':
      return market(frame.frame, ctx, toBookEvents, firstReport)
    case 'book-top':
      return market(frame.frame, ctx, frame.frame.arg.channel === 'bbo-tbt' ? toQuotes : toBookTops, firstReport)
    // Candle, funding and mark-price figures need no contract value.
    case 'candles':
      return market(frame.frame, ctx, toCandles, undefined)
    case 'funding-rate':
      return market(frame.frame, ctx, toFundingRates, undefined)
    case 'mark-price':
      return market(frame.frame, ctx, toMarkPrices, undefined)
    default:
      return control(frame) ?? privateData(frame, ctx) ?? [{ type: 'unknown', what: `okx ${frame.type}` }]
  }
}

const always: FirstReport = () => true

export type OkxInterpret = (frame: OkxFrame, ctx: InterpretContext) => readonly VenueMessage[]

/**
 * What one decoded OKX frame means to the connection layer: data for a topic, acks, rejections (by channel when OKX
 * names it), login readiness, fatal login errors, the 64008 reconnect notice, and trade-op replies. Stateless: a
 * derivative without contract value is reported on every frame; feeds use {@link createInterpreter}.
 */
export const interpret: OkxInterpret = (frame, ctx) => interpretWith(frame, ctx, always)

/** An {@link interpret} with memory: a derivative without contract value is reported once per instrument. */
export const createInterpreter = (): OkxInterpret => {
  const reported = new Set<string>()
  return (frame, ctx) =>
    interpretWith(frame, ctx, (instId) => {
      if (reported.has(instId)) return false
      reported.add(instId)
      return true
    })
}
