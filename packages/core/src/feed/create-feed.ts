import * as E from 'fp-ts/Either'
import { asyncScheduler, defer, map, merge, type Observable, Subject, takeUntil, throwError, timer } from 'rxjs'
import { BufferOverflowError, ConfigurationError, ConnectionClosedError } from '../errors'
import { createNodeHttpClient } from '../http/node-client'
import { SecretRegistry, silentLogger } from '../log/logger'
import type { OrderBook } from '../model/book'
import { fullJitterBackoff } from '../socket/backoff'
import { wsDialer } from '../socket/wire'
import type { StreamKind, StreamRequest, Venue, VenueChannel, VenueSpec } from '../venue'
import { deliver, deliverMatching } from './deliver'
import { snapshotMetrics } from './metrics'
import { microtaskScheduler } from './microtask'
import { ChannelPool } from './pool'
import { type EventOf, matcher, policyFor } from './request-match'
import { SharedBook } from './shared-book'
import type { Feed, FeedOptions } from './types'

/** A venue spec whose `interpret` carries this feed's own state, for venues that supply `createInterpreter`. */
const withOwnInterpreter = <F>(spec: VenueSpec<F>): VenueSpec<F> =>
  spec.createInterpreter === undefined ? spec : { ...spec, interpret: spec.createInterpreter() }

const describeRequest = (r: StreamRequest): string => [r.kind, r.symbol, r.interval].filter((x) => x !== undefined).join(' ')

/**
 * Opens a venue as one normalized feed. Consumers of the same venue channel share one subscription; connections
 * are opened, packed, healed and closed on demand.
 * @example
 * const feed = createFeed(okx, { logger })
 * feed.book('BTC/USDT').subscribe((book) => console.log(book.mid))
 */
export function createFeed(venue: Venue, options: FeedOptions = {}): Feed {
  const {
    logger = silentLogger, now = Date.now, secrets = new SecretRegistry(), scheduler = asyncScheduler, backoff = {},
    bufferCapacity = 10_000, conflateAbove = 256, metricsIntervalMs = 1_000, requestTimeoutMs = 10_000, debugFrames = false, dial = wsDialer(),
    deliveryScheduler = microtaskScheduler,
  } = options
  const spec = withOwnInterpreter(venue.spec)
  const http = options.http ?? createNodeHttpClient({ venue: spec.id })
  const log = logger.child({ venue: spec.id })
  const pool = new ChannelPool({
    spec, dial, http, now, secrets, logger: log, scheduler, debugFrames,
    delayMs: fullJitterBackoff(backoff),
    healthyAfterMs: backoff.healthyAfterMs ?? 10_000,
  })
  const closed$ = new Subject<void>()
  const books = new Map<string, SharedBook>()

  const channelsFor = (request: StreamRequest): E.Either<unknown, readonly [VenueChannel, ...VenueChannel[]]> => {
    const result = spec.channelsFor(request)
    if (E.isLeft(result)) return result
    const [first, ...rest] = result.right
    return first === undefined ? E.left(new ConfigurationError(spec.id, `no channel serves ${describeRequest(request)}`)) : E.right([first, ...rest])
  }

  const select = <K extends StreamKind>(request: StreamRequest & { readonly kind: K }): Observable<EventOf<K>> =>
    defer(() => {
      const channels = channelsFor(request)
      if (E.isLeft(channels)) return throwError(() => channels.left)
      const [first] = channels.right
      const source = channels.right.length === 1 ? pool.channel$(first) : merge(...channels.right.map((c) => pool.channel$(c)))
      return source.pipe(
        deliverMatching(matcher(request), {
          policy: policyFor(request.kind),
          capacity: bufferCapacity,
          conflateAbove,
          overflow: () => new BufferOverflowError(spec.id, describeRequest(request), bufferCapacity),
          onConflated: (n) => {
            const entry = pool.entries.get(first.key)
            if (entry !== undefined) entry.conflated += n
          },
          scheduler: deliveryScheduler,
        }),
      )
    })

  const book = (symbol: string, opts: { readonly depth?: number; readonly channel?: string } = {}): Observable<OrderBook> =>
    defer(() => {
      const request: StreamRequest = {
        kind: 'book', symbol,
        ...(opts.depth === undefined ? {} : { depth: opts.depth }),
        ...(opts.channel === undefined ? {} : { channel: opts.channel }),
      }
      const channels = channelsFor(request)
      if (E.isLeft(channels)) return throwError(() => channels.left)
      const [channel] = channels.right
      const rules = spec.books
      if (rules === undefined) return throwError(() => new ConfigurationError(spec.id, 'this venue maintains no books'))
      let shared = books.get(channel.key)
      if (shared === undefined) {
        const created = new SharedBook(pool, channel, symbol, { venue: spec.id, rules, http, now, logger: log, scheduler }, () => {
          if (books.get(channel.key) === created) books.delete(channel.key)
        })
        shared = created
        books.set(channel.key, shared)
      }
      return shared.book$.pipe(
        deliver<OrderBook>({
          policy: 'conflate',
          capacity: bufferCapacity,
          conflateAbove,
          overflow: () => new BufferOverflowError(spec.id, describeRequest(request), bufferCapacity),
          onConflated: (n) => {
            const entry = pool.entries.get(channel.key)
            if (entry !== undefined) entry.conflated += n
          },
          scheduler: deliveryScheduler,
        }),
      )
    })

  return {
    venue: spec.id,
    stream: (request) => select(request),
    ticker: (symbol) => select({ kind: 'ticker', symbol }),
    quotes: (symbol) => select({ kind: 'quote', symbol }),
    trades: (symbol) => select({ kind: 'trades', symbol }),
    candles: (symbol, interval) => select({ kind: 'candles', symbol, interval }),
    book,
    fundingRate: (symbol) => select({ kind: 'funding-rate', symbol }),
    markPrice: (symbol) => select({ kind: 'mark-price', symbol }),
    orders: (symbol) => select({ kind: 'orders', ...(symbol === undefined ? {} : { symbol }) }),
    fills: (symbol) => select({ kind: 'fills', ...(symbol === undefined ? {} : { symbol }) }),
    positions: (symbol) => select({ kind: 'positions', ...(symbol === undefined ? {} : { symbol }) }),
    balances: () => select({ kind: 'balances' }),
    status$: pool.status$.asObservable(),
    issues$: pool.issues$.asObservable(),
    metrics$: timer(0, metricsIntervalMs, scheduler).pipe(
      map(() => snapshotMetrics(spec.id, pool, now())),
      takeUntil(closed$),
    ),
    request: (group, build, opts = {}) => {
      if (spec.groups[group] === undefined) return Promise.reject(new ConfigurationError(spec.id, `no connection group ${group}`))
      if (pool.isClosed) return Promise.reject(new ConnectionClosedError(spec.id, group, undefined, 'feed closed'))
      return pool.requestConnection(group).request(build, opts.timeoutMs ?? requestTimeoutMs)
    },
    close: () => {
      closed$.next()
      closed$.complete()
      pool.close()
    },
  }
}
