import type { BookStats, BookStatus } from '@tributary/core'

/** Integrity figures of one replayed book: one (connection, topic, symbol). */
export interface ReplayBook extends BookStats {
  readonly connection: string
  readonly topic: string
  readonly symbol: string
  readonly status: BookStatus
  /** Book events written (live books only). */
  readonly published: number
}

/** What a replay saw, for `--summary`. Deterministic for a given file. */
export interface ReplaySummary {
  readonly venue: string
  /** Capture lines by direction. */
  readonly lines: { readonly in: number; readonly out: number; readonly http: number }
  /** Venue → client frames (`in` lines). */
  readonly frames: number
  readonly pongs: number
  readonly decoded: number
  readonly decodeErrors: number
  readonly unknownFrames: number
  /** Events written whose sizes are venue contracts (`sizeUnit: 'contracts'`: the contract value was unknown). */
  readonly contractSized: number
  /** Decoded frames by what they meant to the connection layer (`data`, `ack`, `reject`, …). */
  readonly messages: Readonly<Record<string, number>>
  /** Events written, by kind. */
  readonly events: Readonly<Record<string, number>>
  readonly http: { readonly answered: number; readonly unanswered: readonly string[]; readonly instrumentsLoaded: number }
  readonly books: {
    readonly count: number
    readonly symbols: readonly string[]
    /** Books live at the end of the file. */
    readonly live: number
    readonly checksumsVerified: number
    readonly checksumMismatches: number
    readonly sequenceGaps: number
    readonly resyncs: number
    readonly applied: number
    readonly skipped: number
    readonly each: readonly ReplayBook[]
  }
}
