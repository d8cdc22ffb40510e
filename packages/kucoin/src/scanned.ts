import type { BookLevel } from '@tributary/core'

/**
 * A `/market/level2` push read by the fast path, already in model units: what `KucoinL2Update` says, with the
 * sequence-only rows (price `"0"`) left out of the levels, as `toBookUpdate` leaves them out.
 */
export interface KucoinScannedUpdate {
  readonly topic: string
  readonly venueSymbol: string
  readonly prevSeq: number
  readonly seq: number
  /** Venue time, ms; absent in 2021-era frames. */
  readonly time: number | undefined
  readonly bids: readonly BookLevel[]
  readonly asks: readonly BookLevel[]
}

/** A `/market/ticker` push read by the fast path: what `KucoinTicker` says, as numbers. */
export interface KucoinScannedTicker {
  readonly topic: string
  readonly venueSymbol: string
  readonly time: number
  readonly price: number
  readonly size: number
  readonly bestBid: number
  readonly bestBidSize: number
  readonly bestAsk: number
  readonly bestAskSize: number
}

/** A `/spotMarket/level2Depth5|50` push read by the fast path: what `KucoinDepth` says, levels mapped (none left out). */
export interface KucoinScannedDepth {
  readonly topic: string
  readonly venueSymbol: string
  readonly timestamp: number
  readonly bids: readonly BookLevel[]
  readonly asks: readonly BookLevel[]
}

/** A hot frame read by the fast path (see `createDecode`), tagged like the decoded frames. */
export type KucoinScanned =
  | { readonly kind: 'l2update-scanned'; readonly frame: KucoinScannedUpdate }
  | { readonly kind: 'ticker-scanned'; readonly frame: KucoinScannedTicker }
  | { readonly kind: 'depth-scanned'; readonly frame: KucoinScannedDepth }

