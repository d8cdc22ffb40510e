import type * as E from 'fp-ts/Either'
import type { DecodeError, FeedError, VenueRejectedError, AuthenticationError } from './errors'
import type { SecretRegistry } from './log/logger'
import type { BookSnapshot, BookUpdate, OrderBook } from './model/book'
import type { FeedEvent } from './model/events'
import type { Instrument } from './model/instrument'
import type { SymbolMapper } from './symbol'

// ---------------------------------------------------------------------------------------------------------------
// What a user asks for

export type StreamKind =
  | 'ticker'
  | 'quote'
  | 'trades'
  | 'candles'
  | 'book'
  | 'funding-rate'
  | 'mark-price'
  | 'orders'
  | 'fills'
  | 'positions'
  | 'balances'

/** A venue-neutral request for one stream. */
export interface StreamRequest {
  readonly kind: StreamKind
  /** Unified symbol; absent for account-wide private streams. */
  readonly symbol?: string
  /** Candle interval: `1m`, `5m`, `1h`, `1d`, … */
  readonly interval?: string
  /** Book depth wanted; the venue picks the channel that serves it. */
  readonly depth?: number
  /** A venue channel name that overrides the venue's choice (OKX `books-l2-tbt`, Weex `depth200`). */
  readonly channel?: string
}

/** One venue subscription: the unit that is ref-counted, acknowledged and rejected. */
export interface VenueChannel {
  /** Unique within the venue; the ref-count key. */
  readonly key: string
  /** Connection group that serves it (`public`, `business`, `private`): connections never mix groups. */
  readonly group: string
  /** The venue's name for it; data frames, acks and rejections are routed by it. */
  readonly topic: string
  readonly request: StreamRequest
  readonly venueSymbol?: string
  /**
   * Channels with the same batch key may share one subscribe request (KuCoin `/market/level2:A,B`, OKX args).
   * @defaultValue the group
   */
  readonly batch?: string
}

// ---------------------------------------------------------------------------------------------------------------
// Connections

/** Where and how to dial, resolved before every attempt (tokens are fetched, headers signed, each time). */
export interface Endpoint {
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  /** Heartbeat figures the venue handed out with the endpoint (KuCoin `pingInterval`/`pingTimeout`). */
  readonly heartbeat?: Partial<Heartbeat>
}

export interface ResolveContext {
  /** 1 for the first dial, then 2, 3, … for reconnects. */
  readonly attempt: number
  readonly http: HttpClient
  readonly now: () => number
  /** Register tokens and signatures here: every log line and error message scrubs them. */
  readonly secrets: SecretRegistry
}

export interface Heartbeat {
  /** Client ping period; absent when the server pings (Weex) or nothing needs pinging. */
  readonly intervalMs?: number
  /** The ping frame text; `n` counts pings on this connection, for venues that want an id. */
  readonly ping?: (n: number) => string
  /** Recognises a pong on the raw text, before any decoding. */
  readonly isPong: (raw: string) => boolean
  /** No frame at all (pong included) for this long means the connection is stale. */
  readonly timeoutMs: number
}

export interface ConnectionLimits {
  /** Channels one connection may carry. */
  readonly maxChannels: number
  /** Channels one subscribe request may carry. */
  readonly maxChannelsPerRequest: number
  /** Subscribe + unsubscribe (+ login) requests per window, per connection (OKX 480/h, Weex 240/h). */
  readonly opsPerWindow?: { readonly ops: number; readonly windowMs: number }
  /** Every uplink message (pings included) per window, per connection (KuCoin 100 per 10 s). */
  readonly messagesPerWindow?: { readonly messages: number; readonly windowMs: number }
}

export interface ConnectionGroup {
  readonly resolve: (ctx: ResolveContext) => Promise<Endpoint>
  readonly heartbeat: Heartbeat
  readonly limits: ConnectionLimits
  /** Frame sent first on every (re)connect (OKX login). Built fresh each time: timestamps expire. */
  readonly login?: (now: number) => string
  /**
   * Wait for a `ready` message (KuCoin `welcome`, OKX login ack) before sending subscribes.
   * @defaultValue false
   */
  readonly awaitReady?: boolean
  /** @defaultValue 10_000 */
  readonly readyTimeoutMs?: number
  /**
   * Classifies a close or a refused upgrade. `code` is the WebSocket close code (1000–4999) or the HTTP status of a
   * refused upgrade (below 1000). Return a non-recoverable error (an `AuthenticationError` for a 401 on a signed
   * upgrade) to stop retrying, a recoverable one to explain the close, or `undefined` to keep the default
   * (recoverable `ConnectionClosedError`).
   */
  readonly closeError?: (close: { readonly code: number | undefined; readonly reason: string }) => FeedError | undefined
}

// ---------------------------------------------------------------------------------------------------------------
// What a venue frame means

export interface InterpretContext {
  readonly receivedAt: number
  readonly group: string
  readonly connection: string
  /** Instrument metadata by venue id (loaded before channels that need it are subscribed). */
  readonly instrument: (venueSymbol: string) => Instrument | undefined
  /** Next request id on this connection (for replies such as Weex's PONG). */
  readonly nextId: () => number
}

/** What one decoded frame means to the connection layer. */
export type VenueMessage =
  /** Data for the subscribers of `topic`. */
  | { readonly type: 'data'; readonly topic: string; readonly events: readonly FeedEvent[] }
  /** A subscribe/unsubscribe request (by id) or one channel (by topic) was accepted. */
  | { readonly type: 'ack'; readonly requestId?: string; readonly topic?: string }
  /** A request or channel was refused; only its subscribers error. Without id and topic: the last request. */
  | { readonly type: 'reject'; readonly requestId?: string; readonly topic?: string; readonly error: VenueRejectedError }
  /** The connection is ready for subscribes (KuCoin welcome, OKX login ack). */
  | { readonly type: 'ready' }
  /** Fatal for the connection group: never retried (failed login). */
  | { readonly type: 'fatal'; readonly error: AuthenticationError | VenueRejectedError }
  /** Send this frame back now (Weex answers the server's ping). */
  | { readonly type: 'reply'; readonly frame: string }
  /** The venue announced it will close (OKX 64008): reconnect proactively. */
  | { readonly type: 'reconnect'; readonly reason: string }
  /** A reply to a request sent with `Feed.request` (order entry). */
  | { readonly type: 'response'; readonly requestId: string; readonly result: E.Either<VenueRejectedError, unknown> }
  /** A heartbeat answer that only a decoded frame reveals (KuCoin JSON pong, Weex PONG ack). */
  | { readonly type: 'pong' }
  /** A known frame that means nothing here (Weex `connected`); counted, not published. */
  | { readonly type: 'ignore'; readonly what: string }
  /** A well-formed frame of an unknown type: published as an `unknown-frame` issue. */
  | { readonly type: 'unknown'; readonly what: string }
  /**
   * Something worth an issue about a frame that was mapped anyway (a derivative's sizes left in contracts): published
   * as a `degraded-data` issue. Venues report a cause once per interpreter, not on every frame.
   */
  | { readonly type: 'issue'; readonly code: 'degraded-data'; readonly what: string }

// ---------------------------------------------------------------------------------------------------------------
// Books

/** What a sequence rule says about an update, given the book's last sequence. */
export type SequenceVerdict =
  /** Contiguous (or overlapping with new data): apply. */
  | 'apply'
  /** Already covered (duplicate, stale, heartbeat): drop without applying. */
  | 'skip'
  /** Something was missed: resync this book. */
  | 'gap'
  /** The venue restarted its sequence: resync this book. */
  | 'reset'

/** Judges continuity of an update against the last applied sequence. Pure. */
export type SequenceRule = (lastSeq: number, update: BookUpdate) => SequenceVerdict

/** Where a book's snapshots come from. `stream`: the socket sends one after (re)subscribe. `rest`: fetched (KuCoin). */
export type SnapshotSource =
  | { readonly source: 'stream' }
  | {
      readonly source: 'rest'
      /**
       * Fetches a snapshot for the channel; its `seq` aligns the buffered updates. It must cover the full depth of
       * the diff stream (levels it lacks would never be filled in by updates).
       */
      readonly fetch: (channel: VenueChannel, http: HttpClient, now: () => number) => Promise<E.Either<FeedError, BookSnapshot>>
    }

/** The snapshot source of one channel's book. */
export const snapshotSourceOf = (rules: BookRules, channel: VenueChannel): SnapshotSource =>
  typeof rules.snapshot === 'function' ? rules.snapshot(channel) : rules.snapshot

/** Book-integrity hooks a venue supplies. No venue names in core: each rule is a function. */
export interface BookRules {
  /** Continuity rule; absent when the venue sends no sequence (then updates are trusted in order). */
  readonly sequence?: SequenceRule
  /** Computes the venue checksum of a book after an event; compared with the event's `checksum` when present. */
  readonly checksum?: (book: OrderBook) => number
  /**
   * Where snapshots come from: one source for every book of the venue, or one per channel (KuCoin: its level2 diff
   * stream is seeded over REST, its depth5/depth50 channels push whole books).
   */
  readonly snapshot: SnapshotSource | ((channel: VenueChannel) => SnapshotSource)
  /** Levels per side to keep (the stream's depth); deeper levels are dropped defensively. */
  readonly maxDepth?: (channel: VenueChannel) => number | undefined
  /**
   * Accept a crossed book (best bid at or above best ask) instead of resyncing it ('crossed-book').
   * @defaultValue false
   */
  readonly allowCrossed?: boolean
}

// ---------------------------------------------------------------------------------------------------------------
// REST

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  /** @defaultValue 10_000 */
  readonly timeoutMs?: number
}

export interface HttpResponse {
  readonly status: number
  readonly body: string
}

/** The REST port. The default uses Node's `fetch`; replay serves recorded responses; tests point it at simulators. */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>

// ---------------------------------------------------------------------------------------------------------------
// The contract

/** Everything a venue package supplies. Pure functions except `resolve`, `instruments` and snapshot fetches. */
export interface VenueSpec<Frame> {
  readonly id: string
  readonly groups: Readonly<Record<string, ConnectionGroup>>
  readonly symbols: SymbolMapper
  /** Channels serving a request, or `Left` when the venue cannot serve it (unsupported kind, unknown symbol). */
  readonly channelsFor: (request: StreamRequest) => E.Either<FeedError, readonly VenueChannel[]>
  /** One subscribe frame for channels of one group and batch (at most `maxChannelsPerRequest`). */
  readonly subscribe: (channels: readonly VenueChannel[], requestId: number) => string
  readonly unsubscribe: (channels: readonly VenueChannel[], requestId: number) => string
  readonly decode: (raw: string) => E.Either<DecodeError, Frame>
  readonly interpret: (frame: Frame, ctx: InterpretContext) => readonly VenueMessage[]
  /**
   * For venues whose interpretation needs memory (dedupe of trades re-sent after a resubscribe, closing candles when
   * a newer one starts): returns a fresh `interpret` with its own state. Each feed (and each replay) calls it once,
   * so two feeds on one venue never share state. Without it, `interpret` is used as is.
   */
  readonly createInterpreter?: () => (frame: Frame, ctx: InterpretContext) => readonly VenueMessage[]
  readonly books?: BookRules
  /** Instrument metadata over REST; loaded once, before the first channel for which `needsInstruments` holds. */
  readonly instruments?: {
    readonly load: (http: HttpClient) => Promise<E.Either<FeedError, readonly Instrument[]>>
    readonly needed: (channel: VenueChannel) => boolean
  }
}

/** A venue with its frame type hidden, so venues with different frames fit in one array. */
export interface Venue {
  readonly id: string
  readonly spec: VenueSpec<unknown>
}

/** Seals a venue spec. */
export const defineVenue = <Frame>(spec: VenueSpec<Frame>): Venue => ({
  id: spec.id,
  spec: spec as unknown as VenueSpec<unknown>,
})

/** API credentials, taken only from options. */
export interface Credentials {
  readonly apiKey: string
  readonly secret: string
  readonly passphrase: string
}
