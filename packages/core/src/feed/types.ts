import type { Observable, SchedulerLike } from 'rxjs'
import type { Logger, SecretRegistry } from '../log/logger'
import type { OrderBook, BookState } from '../model/book'
import type { FeedEvent } from '../model/events'
import type { ConnectionState, ConnectionStatus, Issue } from '../model/health'
import type { Candle, FundingRate, MarkPrice, Quote, Ticker, Trade } from '../model/market'
import type { Balance, Fill, Order, Position } from '../model/private'
import type { LagSummary } from '../socket/lag'
import type { Dialer } from '../socket/wire'
import type { HttpClient, StreamRequest } from '../venue'

export interface FeedOptions {
  /** @defaultValue silentLogger */
  readonly logger?: Logger
  /** REST port (KuCoin tokens, snapshots, instruments). @defaultValue {@link createNodeHttpClient}() */
  readonly http?: HttpClient
  /** Local clock for `receivedAt`, epoch ms. @defaultValue Date.now */
  readonly now?: () => number
  /** Tokens and signatures learned at run time go here, so loggers built on it scrub them. */
  readonly secrets?: SecretRegistry
  /** Timers (heartbeats, backoff, staleness, rate limits). @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike
  readonly backoff?: {
    /** @defaultValue 500 */
    readonly baseMs?: number
    /** @defaultValue 30_000 */
    readonly capMs?: number
    /** A connection open this long resets the attempt count. @defaultValue 10_000 */
    readonly healthyAfterMs?: number
    readonly random?: () => number
  }
  /** Events a slow consumer may have pending on a never-dropped stream (trades, orders, fills, …). @defaultValue 10_000 */
  readonly bufferCapacity?: number
  /**
   * Books, tickers, quotes, mark prices and funding rates: a consumer with more than this many values pending has
   * fallen behind, and gets the latest per symbol (the rest are counted in `metrics$` as conflated). A consumer that
   * keeps up gets every value. @defaultValue 256
   */
  readonly conflateAbove?: number
  /** Period of `metrics$`. @defaultValue 1_000 */
  readonly metricsIntervalMs?: number
  /** @defaultValue 10_000 */
  readonly requestTimeoutMs?: number
  /** Logs every inbound frame at debug level (costly: off on the hot path by default). @defaultValue false */
  readonly debugFrames?: boolean
  /** Socket factory. @defaultValue {@link wsDialer}() */
  readonly dial?: Dialer
  /** Where consumers' batches are delivered. @defaultValue {@link microtaskScheduler} (a promise job, like asapScheduler) */
  readonly deliveryScheduler?: SchedulerLike
}

/** One venue, normalized: every method returns a cold observable sharing venue subscriptions with its siblings. */
export interface Feed {
  readonly venue: string
  /** Normalized events of one request (raw book events for `book`: use {@link Feed.book} for maintained books). */
  stream(request: StreamRequest): Observable<FeedEvent>
  ticker(symbol: string): Observable<Ticker>
  quotes(symbol: string): Observable<Quote>
  trades(symbol: string): Observable<Trade>
  candles(symbol: string, interval: string): Observable<Candle>
  /** Live books only: while a book resyncs nothing is emitted; its state goes to `status$`. */
  book(symbol: string, options?: { readonly depth?: number; readonly channel?: string }): Observable<OrderBook>
  fundingRate(symbol: string): Observable<FundingRate>
  markPrice(symbol: string): Observable<MarkPrice>
  orders(symbol?: string): Observable<Order>
  fills(symbol?: string): Observable<Fill>
  positions(symbol?: string): Observable<Position>
  balances(): Observable<Balance>
  readonly status$: Observable<ConnectionState | BookState>
  readonly issues$: Observable<Issue>
  /** A snapshot at subscription, then every `metricsIntervalMs`. */
  readonly metrics$: Observable<FeedMetrics>
  /** Sends build(id) on a connection of `group` and resolves with the matching 'response' VenueMessage result. */
  request(group: string, build: (requestId: number) => string, options?: { readonly timeoutMs?: number }): Promise<unknown>
  /** Unsubscribes everything, closes every socket, and completes every stream. */
  close(): void
}

export interface ConnectionMetrics {
  readonly connection: string
  readonly group: string
  readonly state: ConnectionStatus
  readonly channels: number
  readonly framesIn: number
  readonly bytesIn: number
  readonly framesOut: number
  /** Uplink frames (subscribes, pings, …) that had to wait for room in the venue's rate limits, since the start. */
  readonly framesHeld: number
  /** Uplink frames waiting for room now. */
  readonly framesWaiting: number
  readonly decodeErrors: number
  readonly unknownFrames: number
  readonly ignored: number
  /** Data frames for a topic nobody holds (in flight after an unsubscribe). */
  readonly unrouted: number
  readonly reconnects: number
  /** `receivedAt - ts` of events on this connection, ms. */
  readonly lag: LagSummary
}

export interface SubscriptionMetrics {
  /** The venue channel key. */
  readonly key: string
  readonly topic: string
  readonly connection: string | undefined
  readonly subscribers: number
  readonly events: number
  /** Events superseded before a slow consumer took them (latest-wins streams). */
  readonly conflated: number
  /** Book resyncs of this channel. */
  readonly resyncs: number
  readonly lag: LagSummary
}

export interface FeedMetrics {
  readonly venue: string
  /** Local time of the snapshot, epoch ms. */
  readonly ts: number
  readonly connections: readonly ConnectionMetrics[]
  readonly subscriptions: readonly SubscriptionMetrics[]
  /** Decode failures per codec name since the start. */
  readonly decodeErrors: Readonly<Record<string, number>>
}
