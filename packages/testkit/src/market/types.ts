export interface SyntheticInstrument {
  /** Unified symbol (`BTC/USDT`); venue scripts map it to their own ids. */
  readonly symbol: string
  /** Starting mid. */
  readonly mid: number
  readonly tickSize: number
  /** Size step, base units. */
  readonly lotSize: number
  /** Relative standard deviation of the mid per second. @defaultValue 0.0001 (about 3% a day) */
  readonly volatility?: number
  /** Typical resting size of a level, base units. @defaultValue 100 lots */
  readonly typicalSize?: number
}

export interface SyntheticVenue {
  readonly id: string
  /** Constant offset from the shared mid, bps. @defaultValue 0 */
  readonly offsetBps?: number
  /** Standard deviation of the venue's mean-reverting deviation, bps. @defaultValue 1 */
  readonly noiseBps?: number
  /** Chance per step that a dislocation starts. @defaultValue 0.001 */
  readonly dislocationChance?: number
  /** Typical size of a dislocation, bps (drawn in [0.5, 1.5] times this). @defaultValue 25 */
  readonly dislocationBps?: number
  /** Steps a dislocation lasts. @defaultValue 50 */
  readonly dislocationSteps?: number
}

export interface SyntheticMarketOptions {
  readonly seed: number | string
  readonly instruments: readonly SyntheticInstrument[]
  /** Venue settings; a venue not listed gets the defaults on first use. */
  readonly venues?: readonly SyntheticVenue[]
  /** Levels per side: a book holds `depth` to `depth + max(2, depth / 4)` levels (the slack keeps most changes
   *  near the touch). @defaultValue 20 */
  readonly depth?: number
  /** Granularity of the random walk, ms. @defaultValue 100 */
  readonly stepMs?: number
  /** Epoch ms of step 0. @defaultValue now() when given, else 2026-01-01T00:00:00Z */
  readonly start?: number
  /** Wall clock (the demo passes `Date.now`); without it, time moves only through `advance(ms)`. */
  readonly now?: () => number
}

/** `[price, size]`, size in base units. */
export type SyntheticLevel = readonly [price: number, size: number]

export interface SyntheticBook {
  readonly venue: string
  readonly symbol: string
  readonly ts: number
  /** Sequence of the last change applied. */
  readonly seq: number
  /** Descending. */
  readonly bids: readonly SyntheticLevel[]
  /** Ascending; every ask is above every bid. */
  readonly asks: readonly SyntheticLevel[]
}

/** Level changes since the previous update; size 0 deletes the level. Each change takes one sequence number. */
export interface SyntheticBookUpdate {
  readonly venue: string
  readonly symbol: string
  readonly ts: number
  /** The book's sequence before this update (OKX prevSeqId, Weex previous). */
  readonly prevSeq: number
  /** `prevSeq + 1` (KuCoin sequenceStart). */
  readonly firstSeq: number
  /** Sequence after this update (KuCoin sequenceEnd, OKX seqId). */
  readonly seq: number
  readonly bids: readonly SyntheticLevel[]
  readonly asks: readonly SyntheticLevel[]
}

export interface SyntheticTrade {
  readonly venue: string
  readonly symbol: string
  readonly id: string
  readonly price: number
  readonly size: number
  /** Taker side. */
  readonly side: 'buy' | 'sell'
  readonly ts: number
}

/** Rolling stats since the market's start (the 24h ticker), with the current touch. */
export interface SyntheticStats {
  readonly venue: string
  readonly symbol: string
  readonly ts: number
  readonly open: number
  readonly high: number
  readonly low: number
  /** Last trade price, else the venue mid on the tick grid. */
  readonly last: number
  readonly bid: number
  readonly bidSize: number
  readonly ask: number
  readonly askSize: number
  /** Traded base volume. */
  readonly volume: number
  readonly quoteVolume: number
}

export interface SyntheticCandle {
  readonly venue: string
  readonly symbol: string
  readonly intervalMs: number
  /** Interval start, epoch ms. */
  readonly start: number
  readonly open: number
  readonly high: number
  readonly low: number
  readonly close: number
  readonly volume: number
}
