import * as E from 'fp-ts/Either'
import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs'
import { ConnectionClosedError, isFeedError, type FeedError, type ResyncReason } from '../errors'
import type { Logger } from '../log/logger'
import type { BookSnapshot, BookState, BookUpdate, OrderBook } from '../model/book'
import { snapshotSourceOf, type HttpClient, type VenueChannel } from '../venue'
import { createBookMachine } from './machine'
import type { BookEffect, BookInput, BookMachine, BookMachineOptions } from './types'

export interface MaintainBookOptions extends Omit<BookMachineOptions, 'now'> {
  readonly http: HttpClient
  /** @defaultValue the scheduler's clock */
  readonly now?: () => number
  readonly logger: Logger
  /** Resubscribes this book's channel (stream-snapshot venues). Called once per resync, after its backoff. Must not throw. */
  readonly resubscribe: (reason: ResyncReason) => void
  /** True while the channel's connection is open. False makes the book `stale`; true again starts a new sync. */
  readonly connected$: Observable<boolean>
  /** Wait before resync attempt `n` (1-based) of a book. @defaultValue {@link defaultResyncDelayMs} */
  readonly resyncDelayMs?: (attempt: number) => number
  /** Stream venues: wait this long for the snapshot after a resubscribe, then resubscribe again. @defaultValue 10_000 */
  readonly snapshotTimeoutMs?: number
  readonly scheduler?: SchedulerLike
}

export type BookOutput = OrderBook | BookState

/** No wait for the first attempt, then 500 ms doubling up to 30 s. */
export const defaultResyncDelayMs = (attempt: number): number =>
  attempt <= 1 ? 0 : Math.min(30_000, 500 * 2 ** (attempt - 2))

/** What every book of one `maintainBook` call shares. */
interface Settings {
  readonly venue: string
  readonly channel: VenueChannel
  readonly rules: MaintainBookOptions['rules']
  readonly http: HttpClient
  readonly now: () => number
  readonly log: Logger
  readonly resubscribe: (reason: ResyncReason) => void
  readonly connected$: Observable<boolean>
  readonly resyncDelayMs: (attempt: number) => number
  readonly snapshotTimeoutMs: number
  readonly scheduler: SchedulerLike
}

/**
 * Runs one book machine for one subscriber and carries out its effects: REST fetches and resubscribes after their
 * backoff (a newer request, or the book going stale or live, cancels the pending one), the snapshot wait, and the
 * connection's ups and downs. One object per book instead of an operator chain: a process holds hundreds of books.
 */
class BookKeeper {
  private events: Subscription | undefined
  private link$: Subscription | undefined
  private stopped = false
  private fetchTimer: Subscription | undefined
  /** Bumped by every fetch request and cancel: a snapshot that arrives for an older one is dropped. */
  private fetchId = 0
  private resubscribeTimer: Subscription | undefined
  private connected: boolean | undefined

  constructor(
    private readonly s: Settings,
    private readonly machine: BookMachine,
    private readonly out: Subscriber<BookOutput>,
  ) {}

  /** Subscribes to the events (this keeper is their observer), then to the connection's ups and downs. */
  start(source: Observable<BookSnapshot | BookUpdate>): void {
    const events = source.subscribe(this)
    if (this.stopped) return events.unsubscribe()
    this.events = events
    const link = this.s.connected$.subscribe({ next: (up) => this.link(up), error: (e: unknown) => this.error(e) })
    if (this.stopped) return link.unsubscribe()
    this.link$ = link
  }

  next(event: BookSnapshot | BookUpdate): void {
    this.input({ type: 'event', event })
  }

  error(error: unknown): void {
    this.unsubscribe()
    this.out.error(error)
  }

  complete(): void {
    this.unsubscribe()
    this.out.complete()
  }

  /** Stops everything (the subscriber's teardown). */
  unsubscribe(): void {
    this.stopped = true
    this.events?.unsubscribe()
    this.link$?.unsubscribe()
    this.cancelFetch()
    this.cancelResubscribe()
  }

  private link(up: boolean): void {
    if (up === this.connected) return
    this.connected = up
    this.input(up ? { type: 'connected' } : { type: 'disconnected', reason: 'connection down' })
  }

  /** Applies every effect of the input, then publishes the books and states among them, in order. */
  private input(input: BookInput): void {
    if (this.out.closed) return
    try {
      const effects = this.machine.handle(input)
      for (const effect of effects) this.apply(effect)
      for (const effect of effects) {
        if (this.out.closed) return
        if (effect.type === 'book') this.out.next(effect.book)
        else if (effect.type === 'state') this.out.next(effect.state)
      }
    } catch (error) {
      this.error(error)
    }
  }

  private apply(effect: BookEffect): void {
    const { log } = this.s
    switch (effect.type) {
      case 'book':
        return
      case 'state': {
        const { state, previous, reason } = effect.state
        const meta = { state, previous, reason }
        if (state === 'live' || state === 'syncing') log.info('book state', meta)
        else log.warn('book state', meta)
        if (state === 'stale') this.cancelFetch()
        if (state === 'stale' || state === 'live') this.cancelResubscribe()
        return
      }
      case 'resubscribe':
        log.warn('book resync', { reason: effect.reason, attempt: effect.attempt, stats: this.machine.stats })
        return this.scheduleResubscribe(effect.reason, effect.attempt)
      case 'fetch-snapshot':
        if (effect.reason !== undefined) log.warn('book resync', { reason: effect.reason, attempt: effect.attempt, stats: this.machine.stats })
        else log.debug('book snapshot fetch', { attempt: effect.attempt })
        return this.scheduleFetch(effect.attempt)
    }
  }

  private scheduleFetch(attempt: number): void {
    this.cancelFetch()
    const id = this.fetchId
    this.fetchTimer = this.s.scheduler.schedule(() => {
      this.fetchTimer = undefined
      this.fetch(id)
    }, this.s.resyncDelayMs(attempt))
  }

  private cancelFetch(): void {
    this.fetchTimer?.unsubscribe()
    this.fetchTimer = undefined
    this.fetchId++
  }

  private fetch(id: number): void {
    const { rules, channel, http, now } = this.s
    const source = snapshotSourceOf(rules, channel)
    if (source.source !== 'rest') return
    const failed = (cause: unknown): void => this.fetched(id, { type: 'rest-snapshot-failed', error: this.asFeedError(cause) })
    try {
      source.fetch(channel, http, now).then(
        (result) =>
          this.fetched(id, E.isLeft(result) ? { type: 'rest-snapshot-failed', error: result.left } : { type: 'rest-snapshot', snapshot: result.right }),
        failed,
      )
    } catch (cause) {
      failed(cause)
    }
  }

  private asFeedError(cause: unknown): FeedError {
    return isFeedError(cause) ? cause : new ConnectionClosedError(this.s.venue, 'rest-snapshot', undefined, String(cause), { cause })
  }

  private fetched(id: number, input: BookInput): void {
    if (id !== this.fetchId || this.out.closed) return
    if (input.type === 'rest-snapshot-failed') this.s.log.warn('book snapshot fetch failed', { error: input.error.message })
    this.input(input)
  }

  private scheduleResubscribe(reason: ResyncReason, attempt: number): void {
    this.cancelResubscribe()
    const { scheduler, log, resubscribe, snapshotTimeoutMs } = this.s
    this.resubscribeTimer = scheduler.schedule(() => {
      log.info('book resubscribing', { reason, attempt })
      try {
        resubscribe(reason)
      } catch (error) {
        this.error(error)
        return
      }
      this.resubscribeTimer = scheduler.schedule(() => {
        this.resubscribeTimer = undefined
        this.input({ type: 'snapshot-timeout' })
      }, snapshotTimeoutMs)
    }, this.s.resyncDelayMs(attempt))
  }

  private cancelResubscribe(): void {
    this.resubscribeTimer?.unsubscribe()
    this.resubscribeTimer = undefined
  }
}

/**
 * Maintains one L2 book from its snapshot and update events: emits the book after every applied event while it
 * is live, and a `BookState` on every status change. Integrity failures rebuild this book alone: REST snapshots
 * are (re)fetched and stream channels resubscribed, after `resyncDelayMs(attempt)`. Errors of the source pass
 * through; REST failures are retried, never thrown.
 * @example
 * events$.pipe(maintainBook({ venue: 'okx', symbol, channel, rules, http, logger, resubscribe, connected$ }))
 */
export function maintainBook(options: MaintainBookOptions): OperatorFunction<BookSnapshot | BookUpdate, BookOutput> {
  const {
    http,
    logger,
    resubscribe,
    connected$,
    resyncDelayMs = defaultResyncDelayMs,
    snapshotTimeoutMs = 10_000,
    scheduler = asyncScheduler,
    ...rest
  } = options
  const { venue, symbol, channel, rules } = rest
  const now = options.now ?? (() => scheduler.now())
  const log = logger.child({ venue, symbol, channel: channel.key })
  const settings: Settings = { venue, channel, rules, http, now, log, resubscribe, connected$, resyncDelayMs, snapshotTimeoutMs, scheduler }
  return (source) =>
    new Observable<BookOutput>((subscriber) => {
      const keeper = new BookKeeper(settings, createBookMachine({ ...rest, now }), subscriber)
      keeper.start(source)
      return keeper
    })
}
