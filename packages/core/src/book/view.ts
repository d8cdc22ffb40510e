import type { BookLevel, BookStatus, OrderBook } from '../model/book'
import type { SizeUnit } from '../model/common'
import { bestOf, levelsOf, topOf, type SideSnapshot } from './side-snapshot'

/** The fields a view carries besides its sides (`sizeUnit` undefined: base units). */
export type ViewMeta = Pick<OrderBook, 'venue' | 'symbol' | 'status' | 'seq' | 'ts' | 'receivedAt'> & { readonly sizeUnit?: SizeUnit | undefined }

/**
 * An immutable {@link OrderBook} over frozen side snapshots. Taking one is O(1); levels are rebuilt from the packed
 * sides on read: `bestBid`/`bestAsk`/`bids`/`asks` once (then cached), `top(n)` only `n` levels per side per call.
 * @internal
 */
export class BookView implements OrderBook {
  readonly kind = 'book'
  readonly venue: string
  readonly symbol: string
  readonly status: BookStatus
  readonly seq: number | undefined
  readonly ts: number
  readonly receivedAt: number
  /** `contracts`: sizes are venue contracts as sent (contract value unknown), not base units. Absent otherwise. */
  declare readonly sizeUnit?: SizeUnit
  private best: [BookLevel | undefined, BookLevel | undefined] | undefined
  private bidLevels: readonly BookLevel[] | undefined
  private askLevels: readonly BookLevel[] | undefined

  constructor(
    meta: ViewMeta,
    private readonly bidSide: SideSnapshot,
    private readonly askSide: SideSnapshot,
  ) {
    this.venue = meta.venue
    this.symbol = meta.symbol
    this.status = meta.status
    this.seq = meta.seq
    this.ts = meta.ts
    this.receivedAt = meta.receivedAt
    if (meta.sizeUnit !== undefined) this.sizeUnit = meta.sizeUnit
  }

  get bestBid(): BookLevel | undefined {
    return (this.best ??= [bestOf(this.bidSide), bestOf(this.askSide)])[0]
  }

  get bestAsk(): BookLevel | undefined {
    return (this.best ??= [bestOf(this.bidSide), bestOf(this.askSide)])[1]
  }

  get bids(): readonly BookLevel[] {
    return (this.bidLevels ??= levelsOf(this.bidSide))
  }

  get asks(): readonly BookLevel[] {
    return (this.askLevels ??= levelsOf(this.askSide))
  }

  get mid(): number | undefined {
    const bid = this.bidSide.chunks[0]?.data[0]
    const ask = this.askSide.chunks[0]?.data[0]
    return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2
  }

  get spread(): number | undefined {
    const bid = this.bidSide.chunks[0]?.data[0]
    const ask = this.askSide.chunks[0]?.data[0]
    return bid === undefined || ask === undefined ? undefined : ask - bid
  }

  /** Levels per side. */
  get depth(): { readonly bids: number; readonly asks: number } {
    return { bids: this.bidSide.count, asks: this.askSide.count }
  }

  top(n: number): { readonly bids: readonly BookLevel[]; readonly asks: readonly BookLevel[] } {
    return { bids: topOf(this.bidSide, n), asks: topOf(this.askSide, n) }
  }

  /** The frozen side behind `bids` or `asks` (for {@link levelCrcs}). @internal */
  sideOf(side: 'bids' | 'asks'): SideSnapshot {
    return side === 'bids' ? this.bidSide : this.askSide
  }

  /** Plain data (getters included), for `JSON.stringify` and logging. */
  toJSON(): Omit<OrderBook, 'top'> {
    const { kind, venue, symbol, status, seq, ts, receivedAt, bids, asks, bestBid, bestAsk, mid, spread, sizeUnit } = this
    return { kind, venue, symbol, status, seq, ts, receivedAt, ...(sizeUnit === undefined ? {} : { sizeUnit }), bids, asks, bestBid, bestAsk, mid, spread }
  }
}
