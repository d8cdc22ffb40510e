import type { BookStatus, ConnectionStatus, SizeUnit } from '@tributary/core'
import { connectionOf, type MarketBoard, type MarketTop, type Touch } from './market'

/** Why a market may not be used. */
export type LegFlag =
  /** Nothing quoted yet (or not on the side needed). */
  | 'no-quote'
  /** Its book is syncing, resyncing or stale. */
  | 'book-not-live'
  /** Its connection is not open. */
  | 'connection-down'
  /** Its last quote is older than the allowed age. */
  | 'quote-stale'
  /** Its stream failed (rejected symbol, failed login) and will not recover by itself. */
  | 'stream-failed'

/** Why a usable market's prices may be used but its sizes may not. */
export type SizeFlag =
  /** Its venue sent sizes in contracts of unknown value (`sizeUnit: 'contracts'`): no executable size in base units. */
  'size-unit-contracts'

/** @internal `{ sizeFlags }` for sizes in `unit`, or `{}` when they are base units. */
export const sizeFlagsOf = (unit: SizeUnit | undefined): { readonly sizeFlags?: readonly SizeFlag[] } =>
  unit === 'contracts' ? { sizeFlags: ['size-unit-contracts'] } : {}

export interface StalenessOptions {
  /** Local time now, epoch ms. */
  readonly now: number
  /** A quote received longer ago than this is stale. */
  readonly maxAgeMs: number
}

/** A market with its health judged at one moment. `flags` is empty when, and only when, it is usable. */
export interface MarketView {
  readonly venue: string
  readonly symbol: string
  readonly bid: Touch | undefined
  readonly ask: Touch | undefined
  /** `now - receivedAt` of the last quote, ms. */
  readonly ageMs: number | undefined
  /** Book integrity state; `undefined` for markets fed by quotes or tickers. */
  readonly book: BookStatus | undefined
  readonly bookReason: string | undefined
  /** `undefined` when the venue reported no connection state. */
  readonly connection: ConnectionStatus | undefined
  /** Why its stream failed, when it has. */
  readonly failure: string | undefined
  readonly flags: readonly LegFlag[]
  /** Present when its prices are usable but its sizes are not (then `bid.size` and `ask.size` are 0). */
  readonly sizeFlags?: readonly SizeFlag[]
}

/** Judges one market: a book that is not live, a connection that is not open, or an old quote flags it. */
export const assessMarket = (board: MarketBoard, market: MarketTop, options: StalenessOptions): MarketView => {
  const connection = connectionOf(board, market)
  const ageMs = market.receivedAt === undefined ? undefined : Math.max(0, options.now - market.receivedAt)
  const flags: LegFlag[] = []
  if (market.bid === undefined && market.ask === undefined) flags.push('no-quote')
  if (market.book !== undefined ? market.book !== 'live' : market.source === 'book') flags.push('book-not-live')
  if (connection !== undefined && connection !== 'open') flags.push('connection-down')
  if (ageMs !== undefined && ageMs > options.maxAgeMs) flags.push('quote-stale')
  if (market.failure !== undefined) flags.push('stream-failed')
  return {
    venue: market.venue,
    symbol: market.symbol,
    bid: market.bid,
    ask: market.ask,
    ageMs,
    book: market.book,
    bookReason: market.bookReason,
    connection,
    failure: market.failure,
    flags,
    ...sizeFlagsOf(market.sizeUnit),
  }
}

/** Every watched market of the board, judged at `options.now`, in the board's order. */
export const assessBoard = (board: MarketBoard, options: StalenessOptions): readonly MarketView[] =>
  [...board.markets.values()].map((m) => assessMarket(board, m, options))
