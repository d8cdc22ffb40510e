import { isSecretKey, REDACTED, redactText } from './log/redact'

const RAW_LIMIT = 2_000

/** One failing path of a decode: `data.0.asks.0.1`, what was expected there and what came. */
export interface DecodeIssue {
  readonly path: string
  readonly expected: string
  readonly actual: string
}

/**
 * Turns stack capture off for the `super(...)` call of an error that describes what a venue sent (a frame that
 * fails its codec, a rejected request); returns the limit to put back right after it. Such errors carry no stack
 * frames: the frames would only show the socket handler that read the frame, their fields say what went wrong, and
 * capturing frames costs more (≈ 3-5 µs) than decoding the frame did. Their `stack` is the header alone.
 */
const framesOff = (): number => {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  return limit
}

const truncate = (raw: string, limit = RAW_LIMIT): string =>
  raw.length > limit ? `${raw.slice(0, limit)}… (${raw.length - limit} more chars)` : raw

// The value found at a secret-named field (`args.0.sign`) never reaches a message.
const redactIssue = (issue: DecodeIssue): DecodeIssue => {
  const field = issue.path.slice(issue.path.lastIndexOf('.') + 1)
  return { ...issue, actual: isSecretKey(field) ? REDACTED : redactText(issue.actual) }
}

/** A frame (or REST body) that is not valid JSON or does not match its codec. Never thrown by decoders: returned. No stack frames. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError'
  readonly kind = 'decode'
  readonly venue: string
  /** Name of the codec that rejected the frame (`OkxBookFrame`), or `JSON` for a parse failure. */
  readonly codec: string
  readonly issues: readonly DecodeIssue[]
  /** The frame text, truncated and with secrets redacted. */
  readonly raw: string
  constructor(args: { venue: string; codec: string; issues: readonly DecodeIssue[]; raw: string }) {
    const issues = args.issues.map(redactIssue)
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.expected.startsWith('expected') ? i.expected : `expected ${i.expected}`}, got ${i.actual}`)
      .join('; ')
    const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : ''
    const message = `${args.venue}: ${args.codec}: ${first}${more}`
    const limit = framesOff()
    super(message)
    Error.stackTraceLimit = limit
    this.venue = args.venue
    this.codec = args.codec
    this.issues = issues
    // Redact before truncating: a cut could leave half a secret that no pattern recognises.
    this.raw = truncate(redactText(args.raw))
  }
  /** Dotted paths of every failing field. */
  get paths(): readonly string[] {
    return this.issues.map((i) => i.path)
  }
}

/** The venue refused something: a subscription (bad symbol, bad channel), an order, a request. Never retried. No stack frames. */
export class VenueRejectedError extends Error {
  override readonly name = 'VenueRejectedError'
  readonly kind = 'venue-rejected'
  constructor(
    readonly venue: string,
    /** The venue's own code, as a string (`"60018"`, `"404"`, `"INVALID_ARGUMENT"`). */
    readonly code: string,
    readonly venueMessage: string,
    /** What was rejected: a channel topic, an order id, a request id. */
    readonly subject?: string,
  ) {
    const message = redactText(`${venue}: rejected${subject === undefined ? '' : ` ${subject}`}: ${code} ${venueMessage}`.trim())
    const limit = framesOff()
    super(message)
    Error.stackTraceLimit = limit
  }
}

/** Login or signed-handshake failure (bad key, bad signature, clock skew). Fatal: never retried in a loop. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError'
  readonly kind = 'authentication'
  constructor(
    readonly venue: string,
    readonly code: string,
    readonly venueMessage: string,
  ) {
    super(redactText(`${venue}: authentication failed: ${code} ${venueMessage}`.trim()))
  }
}

export type ResyncReason =
  | 'sequence-gap'
  | 'sequence-reset'
  | 'checksum-mismatch'
  | 'delta-before-snapshot'
  | 'crossed-book'
  | 'snapshot-too-old'
  /** An update's `sizeUnit` differs from its snapshot's: levels in two units must never be mixed in one book. */
  | 'size-unit-changed'

/** One book lost integrity and must be rebuilt; its siblings are unaffected. */
export class BookResyncError extends Error {
  override readonly name = 'BookResyncError'
  readonly kind = 'book-resync'
  constructor(
    readonly venue: string,
    readonly symbol: string,
    readonly reason: ResyncReason,
    readonly detail?: string,
  ) {
    super(`${venue} ${symbol}: book resync needed (${reason}${detail === undefined ? '' : `: ${detail}`})`)
  }
}

/** No frame (pong included) arrived within the venue's limit: only a new connection cures it. */
export class StaleConnectionError extends Error {
  override readonly name = 'StaleConnectionError'
  readonly kind = 'stale-connection'
  constructor(
    readonly venue: string,
    readonly connection: string,
    readonly silentMs: number,
  ) {
    super(`${venue} ${connection}: no frame for ${silentMs} ms, connection is stale`)
  }
}

/** The socket closed or failed to open (recoverable: the connection is re-dialled with backoff). */
export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError'
  readonly kind = 'connection-closed'
  constructor(
    readonly venue: string,
    readonly connection: string,
    /** WebSocket close code (1006 = closed without a close frame), or HTTP status of a refused upgrade. */
    readonly code: number | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(redactText(`${venue} ${connection}: connection closed${code === undefined ? '' : ` (${code})`}${reason === '' ? '' : `: ${reason}`}`), options)
  }
}

/** A venue or client-side rate limit was hit. */
export class RateLimitError extends Error {
  override readonly name = 'RateLimitError'
  readonly kind = 'rate-limit'
  constructor(
    readonly venue: string,
    readonly limit: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${venue}: rate limit: ${limit}${retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`}`)
  }
}

/** Bad options or an unsupported request, found before anything is sent. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError'
  readonly kind = 'configuration'
  constructor(
    readonly venue: string,
    message: string,
  ) {
    super(redactText(`${venue}: ${message}`))
  }
}

/** A consumer fell behind on a stream that is never dropped silently (trades, orders, fills). */
export class BufferOverflowError extends Error {
  override readonly name = 'BufferOverflowError'
  readonly kind = 'buffer-overflow'
  constructor(
    readonly venue: string,
    readonly stream: string,
    readonly capacity: number,
  ) {
    super(`${venue} ${stream}: consumer fell behind, buffer of ${capacity} events overflowed`)
  }
}

/** A request (order entry, REST call, readiness signal) got no answer in time. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError'
  readonly kind = 'timeout'
  constructor(
    readonly venue: string,
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${venue}: ${what} timed out after ${timeoutMs} ms`)
  }
}

export type FeedError =
  | DecodeError
  | VenueRejectedError
  | AuthenticationError
  | BookResyncError
  | StaleConnectionError
  | ConnectionClosedError
  | RateLimitError
  | ConfigurationError
  | BufferOverflowError
  | RequestTimeoutError

export type FeedErrorKind = FeedError['kind']

const FEED_ERROR_KINDS: ReadonlySet<string> = new Set<FeedErrorKind>([
  'decode',
  'venue-rejected',
  'authentication',
  'book-resync',
  'stale-connection',
  'connection-closed',
  'rate-limit',
  'configuration',
  'buffer-overflow',
  'timeout',
])

/** Whether `e` is one of Tributary's typed errors (an `Error` with a known `kind`). */
export const isFeedError = (e: unknown): e is FeedError => {
  if (!(e instanceof Error)) return false
  const kind: unknown = (e as { kind?: unknown }).kind
  return typeof kind === 'string' && FEED_ERROR_KINDS.has(kind)
}

/** Whether reconnecting can cure this error. Bad credentials and rejected symbols are never retried. */
export const isRecoverable = (e: unknown): boolean => {
  if (!isFeedError(e)) return true
  switch (e.kind) {
    case 'authentication':
    case 'venue-rejected':
    case 'configuration':
    case 'buffer-overflow':
      return false
    case 'decode':
    case 'book-resync':
    case 'stale-connection':
    case 'connection-closed':
    case 'rate-limit':
    case 'timeout':
      return true
  }
}
