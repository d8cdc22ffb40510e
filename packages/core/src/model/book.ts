import * as t from 'io-ts'
import { FiniteNumber } from '../codec/number-from-string'
import { EventBase, SizeUnit, struct } from './common'

/**
 * One price level: `[price, size, rawPrice, rawSize]`. Numbers for arithmetic, the venue's original strings for
 * exactness (checksums are computed over them). Size is in base units (unless the event's `sizeUnit` says
 * `contracts`); `rawSize` is as sent (contracts for OKX derivatives). A size of 0 in an update deletes the level.
 */
export const BookLevel = t.readonly(t.tuple([FiniteNumber, FiniteNumber, t.string, t.string]), 'BookLevel')
export type BookLevel = t.TypeOf<typeof BookLevel>

const Sides = { bids: t.readonlyArray(BookLevel), asks: t.readonlyArray(BookLevel) }
const SeqFields = {
  /** Sequence of the book after this event (OKX `seqId`, KuCoin `sequenceEnd`, Weex `u`). */
  seq: FiniteNumber,
  /** Checksum the venue sent for the book after this event; absent when not provided (OKX sends 0 now: mapped to absent). */
  checksum: FiniteNumber,
  /** Depth of the venue's stream (400 for OKX `books`, 15/200 for Weex), for truncation. */
  depth: FiniteNumber,
  /**
   * `contracts`: the level sizes are venue contracts as sent, NOT base units, because the contract value was unknown
   * (no instrument metadata). Prices are right; never add or compare these sizes with base sizes. Absent: base units.
   */
  sizeUnit: SizeUnit,
}

/** Replaces the whole book. Bids best-first (descending), asks best-first (ascending) is not required: the engine sorts. */
export const BookSnapshot = struct('BookSnapshot', { kind: t.literal('book-snapshot'), ...EventBase.props, ...Sides }, SeqFields)
export type BookSnapshot = t.TypeOf<typeof BookSnapshot>

/** Changes to apply: absolute sizes per price, size 0 deletes. */
export const BookUpdate = struct(
  'BookUpdate',
  { kind: t.literal('book-update'), ...EventBase.props, ...Sides },
  {
    ...SeqFields,
    /**
     * The sequence this update follows, in the venue's convention normalised by its mapper: OKX `prevSeqId`,
     * KuCoin `sequenceStart - 1`, Weex `U`. The venue's sequence rule judges continuity with it.
     */
    prevSeq: FiniteNumber,
  },
)
export type BookUpdate = t.TypeOf<typeof BookUpdate>

export type BookEvent = BookSnapshot | BookUpdate

/** Integrity state of one book. Only a `live` book is ever emitted as a book. */
export const BookStatus = t.keyof({ syncing: null, live: null, resyncing: null, stale: null }, 'BookStatus')
export type BookStatus = t.TypeOf<typeof BookStatus>

/**
 * An immutable view of an L2 book at one moment. Keeping one is safe: later updates never change it.
 * Levels are best-first on both sides.
 */
export interface OrderBook {
  readonly kind: 'book'
  readonly venue: string
  readonly symbol: string
  readonly status: BookStatus
  /** Venue sequence after the last applied event, when the venue has one. */
  readonly seq: number | undefined
  /**
   * `contracts`: level sizes are venue contracts as sent, not base units (the contract value was unknown); prices are
   * right. Absent: base units.
   */
  readonly sizeUnit?: SizeUnit
  readonly ts: number
  readonly receivedAt: number
  /** Best-first bids (descending price). */
  readonly bids: readonly BookLevel[]
  /** Best-first asks (ascending price). */
  readonly asks: readonly BookLevel[]
  readonly bestBid: BookLevel | undefined
  readonly bestAsk: BookLevel | undefined
  /** (bestBid + bestAsk) / 2, or undefined when a side is empty. */
  readonly mid: number | undefined
  /** bestAsk - bestBid, or undefined when a side is empty. */
  readonly spread: number | undefined
  /** The best `n` levels per side, cheap (no copy of the whole book). */
  top(n: number): { readonly bids: readonly BookLevel[]; readonly asks: readonly BookLevel[] }
}

/** Published on the status stream each time a book changes state. */
export const BookState = struct(
  'BookState',
  { kind: t.literal('book-state'), ...EventBase.props, state: BookStatus, reason: t.string },
  { previous: BookStatus, connection: t.string },
)
export type BookState = t.TypeOf<typeof BookState>
