import type { OrderBook } from '@tributary/core'
import { sizeFlagsOf, type LegFlag, type MarketView, type SizeFlag } from './health'

/** A price on one venue's market. */
export interface VenueTouch {
  readonly venue: string
  readonly symbol: string
  readonly price: number
  /** Base units; 0 when unknown (see `sizeFlags`). */
  readonly size: number
  readonly ageMs: number | undefined
  /** Present when the price is usable but the size is not. */
  readonly sizeFlags?: readonly SizeFlag[]
}

/** The best bid and ask across venues for one instrument, with where they come from. */
export interface ConsolidatedTop {
  readonly instrument: string
  /** Usable markets' bids, best first (higher price, then larger size, then venue name). */
  readonly bids: readonly VenueTouch[]
  /** Usable markets' asks, best first (lower price, then larger size, then venue name). */
  readonly asks: readonly VenueTouch[]
  readonly bestBid: VenueTouch | undefined
  readonly bestAsk: VenueTouch | undefined
  /** The best bid is above the best ask: an opportunity before fees. */
  readonly crossed: boolean
  /** Markets left out, and why. */
  readonly excluded: readonly { readonly venue: string; readonly symbol: string; readonly flags: readonly LegFlag[] }[]
}

const byName = (a: VenueTouch, b: VenueTouch): number => (a.venue === b.venue ? (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) : a.venue < b.venue ? -1 : 1)
const bestBidFirst = (a: VenueTouch, b: VenueTouch): number => b.price - a.price || b.size - a.size || byName(a, b)
const bestAskFirst = (a: VenueTouch, b: VenueTouch): number => a.price - b.price || b.size - a.size || byName(a, b)

/**
 * Merges the touches of one instrument's markets into a consolidated top of book. Flagged markets are listed in
 * `excluded`, never merged.
 */
export const consolidateTop = (instrument: string, markets: readonly MarketView[]): ConsolidatedTop => {
  const bids: VenueTouch[] = []
  const asks: VenueTouch[] = []
  const excluded: { venue: string; symbol: string; flags: readonly LegFlag[] }[] = []
  for (const m of markets) {
    if (m.flags.length > 0) {
      excluded.push({ venue: m.venue, symbol: m.symbol, flags: m.flags })
      continue
    }
    const sized = m.sizeFlags === undefined ? {} : { sizeFlags: m.sizeFlags }
    if (m.bid !== undefined) bids.push({ venue: m.venue, symbol: m.symbol, ...m.bid, ageMs: m.ageMs, ...sized })
    if (m.ask !== undefined) asks.push({ venue: m.venue, symbol: m.symbol, ...m.ask, ageMs: m.ageMs, ...sized })
  }
  bids.sort(bestBidFirst)
  asks.sort(bestAskFirst)
  const [bestBid] = bids
  const [bestAsk] = asks
  return { instrument, bids, asks, bestBid, bestAsk, crossed: bestBid !== undefined && bestAsk !== undefined && bestBid.price > bestAsk.price, excluded }
}

/** A level of a merged book: one venue's price level. */
export interface MergedLevel {
  readonly price: number
  /** Base units; 0 when its book's sizes are contracts of unknown value (then `sizeFlags` is present). */
  readonly size: number
  readonly venue: string
  readonly symbol: string
  readonly sizeFlags?: readonly SizeFlag[]
}

/**
 * Merges the best `depth` levels per side of several venues' books into one ladder per side, best first, each level
 * keeping its venue. Books that are not live are left out and named in `excluded`. A book whose sizes are contracts
 * of unknown value (`sizeUnit: 'contracts'`) gives its prices with size 0 and `sizeFlags`: units are never mixed.
 * @example mergeBooks([okxBook, kucoinBook], 5).asks[0] // { price, size, venue: 'kucoin', symbol: 'BTC/USDT' }
 */
export const mergeBooks = (
  books: readonly OrderBook[],
  depth: number,
): { readonly bids: readonly MergedLevel[]; readonly asks: readonly MergedLevel[]; readonly excluded: readonly { readonly venue: string; readonly symbol: string }[] } => {
  const bids: MergedLevel[] = []
  const asks: MergedLevel[] = []
  const excluded: { venue: string; symbol: string }[] = []
  for (const book of books) {
    if (book.status !== 'live') {
      excluded.push({ venue: book.venue, symbol: book.symbol })
      continue
    }
    const top = book.top(depth)
    const flags = sizeFlagsOf(book.sizeUnit)
    const level = ([price, size]: readonly [number, number, ...unknown[]]): MergedLevel =>
      ({ price, size: flags.sizeFlags === undefined ? size : 0, venue: book.venue, symbol: book.symbol, ...flags })
    for (const l of top.bids) bids.push(level(l))
    for (const l of top.asks) asks.push(level(l))
  }
  const ageless = (l: MergedLevel): VenueTouch => ({ ...l, ageMs: undefined })
  bids.sort((a, b) => bestBidFirst(ageless(a), ageless(b)))
  asks.sort((a, b) => bestAskFirst(ageless(a), ageless(b)))
  return { bids, asks, excluded }
}
