import type { Candle, FeedEvent, InterpretContext, VenueMessage } from '@tributary/core'
import { pongFrame, type WeexDepth, type WeexFrame, type WeexPush } from './codecs'
import {
  closeCandles,
  depthTopic,
  klineTopic,
  toBalances,
  toBookEvent,
  toCandles,
  toFills,
  toOrders,
  toPositions,
  toReplyMessage,
  toTickerEvents,
  toTrades,
  tickerTopic,
  tradeTopic,
  PONG_ID_BASE,
} from './mappers'
import { weexSymbols } from './symbols'
import { createTradeMemory, type TradeMemory } from './trade-memory'

export type WeexInterpret = (frame: WeexFrame, ctx: InterpretContext) => readonly VenueMessage[]

export interface InterpreterOptions {
  /** Trade ids remembered per symbol for de-duplication. @defaultValue 2_000 */
  readonly tradeMemory?: number
}

/** Venue ids mapped by rule, remembered (the rule is pure); forgotten wholesale past this many. */
const RULE_MEMORY = 4_096

/** Unified symbols: a loaded instrument's, else by rule (`BTCUSDT` → `BTC/USDT:USDT`), remembered per id. */
const createSymbolLookup = () => {
  const byRule = new Map<string, string | undefined>()
  return (ctx: InterpretContext, id: string): string | undefined => {
    const loaded = ctx.instrument(id)
    if (loaded !== undefined) return loaded.symbol
    const known = byRule.get(id)
    if (known !== undefined || byRule.has(id)) return known
    if (byRule.size >= RULE_MEMORY) byRule.clear()
    const symbol = weexSymbols.fromVenue(id)
    byRule.set(id, symbol)
    return symbol
  }
}

/**
 * Builds the frame interpreter. It keeps two small memories across frames, so use one per feed: trade ids
 * (each venue trade is emitted once across snapshot/push overlaps and resubscribes) and the forming candle per
 * kline stream (a candle is emitted `closed: true` when the next one starts).
 */
export const createInterpreter = ({ tradeMemory = 2_000 }: InterpreterOptions = {}): WeexInterpret => {
  const trades: TradeMemory = createTradeMemory(tradeMemory)
  const forming = new Map<string, Candle>()
  const unifiedSymbol = createSymbolLookup()
  // The depth topic of the last depth push: one per book, so nearly always the same string.
  let depthKey = { s: '', l: 0, topic: '' }

  const data = (topic: string, events: readonly FeedEvent[]): readonly VenueMessage[] => [{ type: 'data', topic, events }]

  const interpretPush = (push: WeexPush, ctx: InterpretContext): readonly VenueMessage[] => {
    const { receivedAt } = ctx
    switch (push.e) {
      case 'orders':
        return data('orders', toOrders(push, (id) => unifiedSymbol(ctx, id) ?? id, receivedAt))
      case 'fill':
        return data('fill', toFills(push, (id) => unifiedSymbol(ctx, id) ?? id, receivedAt))
      case 'positions':
        return data('positions', toPositions(push, (id) => unifiedSymbol(ctx, id) ?? id, receivedAt))
      case 'account':
        return data('account', toBalances(push, receivedAt))
      default:
        break
    }
    const symbol = unifiedSymbol(ctx, push.s)
    if (symbol === undefined) return [{ type: 'unknown', what: `${push.e} for unknown symbol ${push.s}` }]
    switch (push.e) {
      case 'ticker':
        return data(tickerTopic(push.s), toTickerEvents(push, symbol, receivedAt))
      case 'tradeSnapshot':
      case 'trade':
        return data(tradeTopic(push.s), toTrades(push, symbol, receivedAt).filter((tr) => trades.admit(push.s, tr.id)))
      case 'klineSnapshot':
      case 'kline': {
        const batch = toCandles(push, symbol, receivedAt)
        const interval = batch[0]?.interval
        if (interval === undefined) return [{ type: 'ignore', what: `${push.e} without candles` }]
        const topic = klineTopic(push.s, interval, push.p)
        const { events, forming: next } = closeCandles(forming.get(topic), batch)
        if (next !== undefined) forming.set(topic, next)
        return data(topic, events)
      }
    }
  }

  const interpretDepth = (depth: WeexDepth, ctx: InterpretContext): readonly VenueMessage[] => {
    const symbol = unifiedSymbol(ctx, depth.s)
    if (symbol === undefined) return [{ type: 'unknown', what: `${depth.e} for unknown symbol ${depth.s}` }]
    if (depthKey.s !== depth.s || depthKey.l !== depth.l) depthKey = { s: depth.s, l: depth.l, topic: depthTopic(depth.s, depth.l) }
    return data(depthKey.topic, [toBookEvent(depth, symbol, ctx.receivedAt)])
  }

  return (frame, ctx) => {
    switch (frame.type) {
      case 'depth':
        return interpretDepth(frame.depth, ctx)
      case 'reply':
        return [toReplyMessage(frame.reply)]
      case 'push':
        return interpretPush(frame.push, ctx)
      case 'ping':
        return [{ type: 'reply', frame: pongFrame(PONG_ID_BASE + ctx.nextId()) }]
      case 'connected':
        return [{ type: 'ignore', what: 'connected' }]
      case 'unknown':
        return [{ type: 'unknown', what: frame.what }]
    }
  }
}
