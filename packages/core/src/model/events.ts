import type { BookSnapshot, BookState, BookUpdate } from './book'
import type { ConnectionState, Issue } from './health'
import type { Candle, FundingRate, MarkPrice, Quote, Ticker, Trade } from './market'
import type { Balance, Fill, Order, Position } from './private'

/** Public market data events. */
export type MarketEvent = Ticker | Quote | Trade | Candle | BookSnapshot | BookUpdate | FundingRate | MarkPrice
/** The user's own account events. */
export type PrivateEvent = Order | Fill | Balance | Position
/** Stream-health events: connections, books, issues. */
export type HealthEvent = ConnectionState | BookState | Issue
/** Everything a feed can emit, discriminated by `kind`. */
export type FeedEvent = MarketEvent | PrivateEvent | HealthEvent
export type FeedEventKind = FeedEvent['kind']

/** Narrows a feed event stream to one kind: `events.filter(isKind('trade'))`. */
export const isKind =
  <K extends FeedEventKind>(kind: K) =>
  (e: FeedEvent): e is Extract<FeedEvent, { kind: K }> =>
    e.kind === kind
