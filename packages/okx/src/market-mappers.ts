import type * as t from 'io-ts'
import type { BookLevel, BookSnapshot, BookUpdate, Candle, FundingRate, MarkPrice, Quote, SizeUnit, Ticker, Trade } from '@tributary/core'
import type { OkxBookPush, OkxBookTopPush, OkxCandlePush, OkxFundingRatePush, OkxMarkPricePush, OkxTickersPush, OkxTradesPush } from './codecs'
import { identity as sizesAsSent, sizeAt, type ToBase } from './sizes'
import { okxKindOf } from './symbols'
import { intervalOf } from './topics'
import type { OkxLevel } from './wire'

/** What a market mapper needs besides the frame. */
export interface MarketContext {
  readonly venue: string
  readonly symbol: string
  readonly receivedAt: number
  readonly toBase: ToBase
  /** `contracts` when the contract value is unknown: `toBase` then leaves sizes as sent, and the events say so. */
  readonly sizeUnit?: SizeUnit
}

/** `{ key: value }`, or `{}` when the value is undefined (optional fields are absent, never `undefined`). */
export const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/** Levels per side each OKX book channel holds. */
export const BOOK_DEPTH: Readonly<Record<string, number>> = { books: 400, 'books-l2-tbt': 400, 'books50-l2-tbt': 50, books5: 5, 'bbo-tbt': 1 }

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// Copied once: compiled imports can be getters, and this one is compared for every book side.
const identity = sizesAsSent

// Built field by field, optional fields only when defined (no spreads): tickers and trades are hot channels.
export const toTickers = (push: t.TypeOf<typeof OkxTickersPush>, c: MarketContext): Ticker[] =>
  push.data.map((d) => {
    const spot = okxKindOf(d.instId) === 'spot'
    const ticker: Mutable<Ticker> = { kind: 'ticker', venue: c.venue, symbol: c.symbol, ts: d.ts, receivedAt: c.receivedAt }
    const lastSize = sizeAt(c.toBase, d.lastSz, d.last)
    const bidSize = sizeAt(c.toBase, d.bidSz, d.bidPx)
    const askSize = sizeAt(c.toBase, d.askSz, d.askPx)
    // vol24h is base for spot but contracts for derivatives, where volCcy24h is the base volume.
    const baseVolume24h = spot ? d.vol24h : d.volCcy24h
    if (d.last !== undefined) ticker.last = d.last
    if (lastSize !== undefined) ticker.lastSize = lastSize
    if (d.bidPx !== undefined) ticker.bid = d.bidPx
    if (bidSize !== undefined) ticker.bidSize = bidSize
    if (d.askPx !== undefined) ticker.ask = d.askPx
    if (askSize !== undefined) ticker.askSize = askSize
    if (d.open24h !== undefined) ticker.open24h = d.open24h
    if (d.high24h !== undefined) ticker.high24h = d.high24h
    if (d.low24h !== undefined) ticker.low24h = d.low24h
    if (baseVolume24h !== undefined) ticker.baseVolume24h = baseVolume24h
    if (spot && d.volCcy24h !== undefined) ticker.quoteVolume24h = d.volCcy24h
    if (c.sizeUnit !== undefined) ticker.sizeUnit = c.sizeUnit
    return ticker
  })

export const toTrades = (push: t.TypeOf<typeof OkxTradesPush>, c: MarketContext): Trade[] =>
  push.data.map((d) => {
    const trade: Mutable<Trade> = {
      kind: 'trade',
      venue: c.venue,
      symbol: c.symbol,
      ts: d.ts,
      receivedAt: c.receivedAt,
      id: d.tradeId,
      price: d.px,
      size: c.toBase(d.sz, d.px),
      side: d.side,
    }
    if (c.sizeUnit !== undefined) trade.sizeUnit = c.sizeUnit
    return trade
  })

/** Levels in base units. Spot levels are passed on as decoded (same tuples); contract sizes are converted. */
const toLevels = (levels: readonly OkxLevel[], toBase: ToBase): readonly BookLevel[] => {
  if (toBase === identity) return levels
  const out = new Array<BookLevel>(levels.length)
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as OkxLevel
    out[i] = [level[0], toBase(level[1], level[0]), level[2], level[3]]
  }
  return out
}

type BookData = t.TypeOf<typeof OkxBookPush>['data'][number]

/** One `books*` data item as an event. */
const toBookEvent = (d: BookData, action: 'snapshot' | 'update', depth: number | undefined, c: MarketContext): BookSnapshot | BookUpdate => {
  const bids = toLevels(d.bids, c.toBase)
  const asks = toLevels(d.asks, c.toBase)
  const kind = action === 'snapshot' ? 'book-snapshot' : 'book-update'
  const checksum = d.checksum === 0 ? undefined : d.checksum
  const prevSeq = kind === 'book-update' ? d.prevSeqId : undefined
  // The field sets OKX sends (before 2022; now) in one literal: one object shape, no property store added later.
  if (d.seqId === undefined && checksum !== undefined && depth !== undefined && c.sizeUnit === undefined && prevSeq === undefined) {
    return { kind, venue: c.venue, symbol: c.symbol, ts: d.ts, receivedAt: c.receivedAt, bids, asks, checksum, depth }
  }
  if (d.seqId !== undefined && checksum === undefined && depth !== undefined && c.sizeUnit === undefined && prevSeq !== undefined) {
    return { kind, venue: c.venue, symbol: c.symbol, ts: d.ts, receivedAt: c.receivedAt, bids, asks, seq: d.seqId, depth, prevSeq }
  }
  // Built field by field (no spreads), optional fields only when defined.
  const event: Mutable<BookSnapshot> | Mutable<BookUpdate> = { kind, venue: c.venue, symbol: c.symbol, ts: d.ts, receivedAt: c.receivedAt, bids, asks }
  if (d.seqId !== undefined) event.seq = d.seqId
  if (checksum !== undefined) event.checksum = checksum
  if (depth !== undefined) event.depth = depth
  if (c.sizeUnit !== undefined) event.sizeUnit = c.sizeUnit
  if (prevSeq !== undefined && event.kind === 'book-update') event.prevSeq = prevSeq
  return event
}

/**
 * `books*` pushes → a snapshot (replaces the book) or an update. `seq` = `seqId`, `prevSeq` = `prevSeqId` when sent
 * (not before 2022); `checksum` only when non-zero (OKX sends 0 since it deprecated the checksum).
 */
export const toBookEvents = (push: t.TypeOf<typeof OkxBookPush>, c: MarketContext): (BookSnapshot | BookUpdate)[] => {
  const depth = BOOK_DEPTH[push.arg.channel]
  const first = push.data[0]
  // OKX sends one item: an array of exactly one.
  if (first !== undefined && push.data.length === 1) return [toBookEvent(first, push.action, depth, c)]
  return push.data.map((d) => toBookEvent(d, push.action, depth, c))
}

/** `books5`: each push replaces the book's top five levels. */
export const toBookTops = (push: t.TypeOf<typeof OkxBookTopPush>, c: MarketContext): BookSnapshot[] =>
  push.data.map((d) => ({
    kind: 'book-snapshot',
    venue: c.venue,
    symbol: c.symbol,
    ts: d.ts,
    receivedAt: c.receivedAt,
    bids: toLevels(d.bids, c.toBase),
    asks: toLevels(d.asks, c.toBase),
    ...opt('seq', d.seqId),
    ...opt('depth', BOOK_DEPTH[push.arg.channel]),
    ...opt('sizeUnit', c.sizeUnit),
  }))

/** `bbo-tbt` → quotes; a push with an empty side (one-sided option book) has no quote and yields nothing. */
export const toQuotes = (push: t.TypeOf<typeof OkxBookTopPush>, c: MarketContext): Quote[] =>
  push.data.flatMap((d) => {
    const [bid] = toLevels(d.bids.slice(0, 1), c.toBase)
    const [ask] = toLevels(d.asks.slice(0, 1), c.toBase)
    if (bid === undefined || ask === undefined) return []
    return [{ kind: 'quote', venue: c.venue, symbol: c.symbol, ts: d.ts, receivedAt: c.receivedAt, bid: bid[0], bidSize: bid[1], ask: ask[0], askSize: ask[1], ...opt('sizeUnit', c.sizeUnit) }]
  })

/** `candle<bar>` rows. Base volume: `vol` for spot, `volCcy` for derivatives (whose `vol` counts contracts). */
export const toCandles = (push: t.TypeOf<typeof OkxCandlePush>, c: MarketContext): Candle[] => {
  const spot = okxKindOf(push.arg.instId) === 'spot'
  const interval = intervalOf(push.arg.channel.slice('candle'.length))
  return push.data.map((row) => ({
    kind: 'candle',
    venue: c.venue,
    symbol: c.symbol,
    ts: row.ts,
    receivedAt: c.receivedAt,
    interval,
    openTime: row.ts,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: spot ? row.vol : row.volCcy,
    // Old rows have no confirm flag: the candle is taken as still forming.
    closed: row.confirm ?? false,
    ...opt('quoteVolume', spot ? row.volCcy : row.volCcyQuote),
    priceType: 'last',
  }))
}

export const toFundingRates = (push: t.TypeOf<typeof OkxFundingRatePush>, c: MarketContext): FundingRate[] =>
  push.data.map((d) => ({
    kind: 'funding-rate',
    venue: c.venue,
    symbol: c.symbol,
    ts: d.ts ?? c.receivedAt,
    receivedAt: c.receivedAt,
    rate: d.fundingRate,
    fundingTime: d.fundingTime,
    ...opt('nextRate', d.nextFundingRate),
  }))

export const toMarkPrices = (push: t.TypeOf<typeof OkxMarkPricePush>, c: MarketContext): MarkPrice[] =>
  push.data.map((d) => ({ kind: 'mark-price', venue: c.venue, symbol: c.symbol, ts: d.ts, receivedAt: c.receivedAt, markPrice: d.markPx }))
