import type { FeedError, ResyncReason } from '../errors'
import type { BookSnapshot, BookState, BookStatus, BookUpdate, OrderBook } from '../model/book'
import type { BookRules, VenueChannel } from '../venue'

export interface BookMachineOptions {
  readonly venue: string
  /** Unified symbol. */
  readonly symbol: string
  readonly channel: VenueChannel
  readonly rules: BookRules
  /** Local clock, epoch ms: stamps state changes and measures how long a book stayed live. */
  readonly now: () => number
  /**
   * Updates kept while a REST snapshot is in flight; the oldest are dropped beyond it (the snapshot then
   * proves too old and is fetched again). @defaultValue 10_000
   */
  readonly maxBuffered?: number
  /** A book live this long counts as healthy: its next resync starts again at attempt 1. @defaultValue 30_000 */
  readonly healthyAfterMs?: number
}

/** What a book machine is told. */
export type BookInput =
  /** A snapshot or update from the socket. */
  | { readonly type: 'event'; readonly event: BookSnapshot | BookUpdate }
  /** The REST snapshot asked for by a `fetch-snapshot` effect arrived. */
  | { readonly type: 'rest-snapshot'; readonly snapshot: BookSnapshot }
  | { readonly type: 'rest-snapshot-failed'; readonly error: FeedError }
  /** The book's connection dropped: the book goes `stale`. */
  | { readonly type: 'disconnected'; readonly reason: string }
  /** The book's connection is open (again): a stale book goes `syncing`. */
  | { readonly type: 'connected' }
  /** Stream venues: no snapshot came within the wait after a resubscribe: resubscribe again (one attempt more). */
  | { readonly type: 'snapshot-timeout' }

/** What a book machine asks its interpreter to do, in order. */
export type BookEffect =
  /** Publish this book. Only ever produced while the book is live. */
  | { readonly type: 'book'; readonly book: OrderBook }
  /** Publish this status change. */
  | { readonly type: 'state'; readonly state: BookState }
  /** Stream-snapshot venues: resubscribe this channel to get a fresh snapshot (after `resyncDelayMs(attempt)`). */
  | { readonly type: 'resubscribe'; readonly reason: ResyncReason; readonly attempt: number }
  /** REST-snapshot venues: fetch the snapshot (after `resyncDelayMs(attempt)`); answer with `rest-snapshot(-failed)`. */
  | { readonly type: 'fetch-snapshot'; readonly attempt: number; readonly reason?: ResyncReason }

export interface BookStats {
  /** Snapshots and updates applied. */
  readonly applied: number
  /** Updates dropped without applying: duplicates, heartbeats, stale or pre-snapshot deltas. */
  readonly skipped: number
  readonly checksumsVerified: number
  readonly checksumMismatches: number
  /** Gaps and resets seen by the sequence rule. */
  readonly sequenceGaps: number
  /** Rebuilds started (resubscribes and refetches after an integrity failure). */
  readonly resyncs: number
}

/** One book's integrity state machine: synchronous, pure apart from its own state. */
export interface BookMachine {
  handle(input: BookInput): readonly BookEffect[]
  readonly status: BookStatus
  readonly stats: BookStats
  /** The last book published, while live; undefined otherwise. */
  readonly book: OrderBook | undefined
}
