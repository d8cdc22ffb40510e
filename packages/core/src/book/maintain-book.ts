import * as E from 'fp-ts/Either'
import {
  asyncScheduler,
  catchError,
  defer,
  distinctUntilChanged,
  EMPTY,
  endWith,
  map,
  merge,
  mergeMap,
  of,
  Subject,
  switchMap,
  takeWhile,
  tap,
  timer,
  type Observable,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs'
import { ConnectionClosedError, isFeedError, type ResyncReason } from '../errors'
import type { Logger } from '../log/logger'
import type { BookSnapshot, BookState, BookUpdate, OrderBook } from '../model/book'
import { snapshotSourceOf, type HttpClient } from '../venue'
import { createBookMachine } from './machine'
import type { BookEffect, BookInput, BookMachineOptions } from './types'

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

type Resubscribe = { readonly reason: ResyncReason; readonly attempt: number }
const DONE = { type: 'done' } as const

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

  const fetchSnapshot = (): Observable<BookInput> => {
    const source = snapshotSourceOf(rules, channel)
    if (source.source !== 'rest') return EMPTY
    return defer(() => source.fetch(channel, http, now)).pipe(
      map(
        E.match(
          (error): BookInput => ({ type: 'rest-snapshot-failed', error }),
          (snapshot): BookInput => ({ type: 'rest-snapshot', snapshot }),
        ),
      ),
      catchError((cause: unknown) =>
        of<BookInput>({
          type: 'rest-snapshot-failed',
          error: isFeedError(cause) ? cause : new ConnectionClosedError(venue, 'rest-snapshot', undefined, String(cause), { cause }),
        }),
      ),
      tap((input) => {
        if (input.type === 'rest-snapshot-failed') log.warn('book snapshot fetch failed', { error: input.error.message })
      }),
    )
  }

  return (source) =>
    defer(() => {
      const machine = createBookMachine({ ...rest, now })
      const fetches = new Subject<number | undefined>()
      const resubscribes = new Subject<Resubscribe | undefined>()

      const snapshots$ = fetches.pipe(
        switchMap((attempt) =>
          attempt === undefined ? EMPTY : timer(resyncDelayMs(attempt), scheduler).pipe(switchMap(fetchSnapshot)),
        ),
      )
      const resubscribed$ = resubscribes.pipe(
        switchMap((request) =>
          request === undefined
            ? EMPTY
            : timer(resyncDelayMs(request.attempt), scheduler).pipe(
                tap(() => {
                  log.info('book resubscribing', { reason: request.reason, attempt: request.attempt })
                  resubscribe(request.reason)
                }),
                switchMap(() => timer(snapshotTimeoutMs, scheduler)),
                map((): BookInput => ({ type: 'snapshot-timeout' })),
              ),
        ),
      )
      const connection$ = connected$.pipe(
        distinctUntilChanged(),
        map((up): BookInput => (up ? { type: 'connected' } : { type: 'disconnected', reason: 'connection down' })),
      )
      const events$ = source.pipe(
        map((event): BookInput | typeof DONE => ({ type: 'event', event })),
        endWith(DONE),
      )

      const interpret = (effect: BookEffect): BookOutput[] => {
        switch (effect.type) {
          case 'book':
            return [effect.book]
          case 'state': {
            const { state, previous, reason } = effect.state
            const meta = { state, previous, reason }
            if (state === 'live' || state === 'syncing') log.info('book state', meta)
            else log.warn('book state', meta)
            if (state === 'stale') fetches.next(undefined)
            if (state === 'stale' || state === 'live') resubscribes.next(undefined)
            return [effect.state]
          }
          case 'resubscribe':
            log.warn('book resync', { reason: effect.reason, attempt: effect.attempt, stats: machine.stats })
            resubscribes.next({ reason: effect.reason, attempt: effect.attempt })
            return []
          case 'fetch-snapshot':
            if (effect.reason !== undefined) log.warn('book resync', { reason: effect.reason, attempt: effect.attempt, stats: machine.stats })
            else log.debug('book snapshot fetch', { attempt: effect.attempt })
            fetches.next(effect.attempt)
            return []
        }
      }

      return merge(events$, connection$, snapshots$, resubscribed$).pipe(
        takeWhile((input): input is BookInput => input !== DONE),
        mergeMap((input) => machine.handle(input).flatMap(interpret)),
      )
    })
}
