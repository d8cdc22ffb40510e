import type { Candle, FeedEvent, InterpretContext, VenueMessage } from '@tributary/core'
import { pongFrame, type WeexFrame, type WeexPush } from './codecs'
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

const unifiedSymbol = (ctx: InterpretContext, id: string): string | undefined => ctx.instrument(id)?.symbol ?? weexSymbols.fromVenue(id)

/**
 * Builds the frame interpreter. It keeps two small memories across frames, so use one per feed: trade ids
 * (each venue trade is emitted once across snapshot/push overlaps and resubscribes) and the forming candle per
 * kline stream (a candle is emitted `closed: true` when the next one starts).
 */
export const createInterpreter = ({ tradeMemory = 2_000 }: InterpreterOptions = {}): WeexInterpret => {
  const trades: TradeMemory = createTradeMemory(tradeMemory)
  const forming = new Map<string, Candle>()

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
      case 'depthSnapshot':
      case 'depth':
        return data(depthTopic(push.s, push.l), [toBookEvent(push, symbol, receivedAt)])
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

  return (frame, ctx) => {
    switch (frame.type) {
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
