import { asyncScheduler, catchError, concat, merge, of, switchMap, timer, type Observable, type SchedulerLike } from 'rxjs'
import { isRecoverable, type BookState, type ConnectionState, type Logger, type OrderBook, type Quote } from '@tributary/core'
import type { MarketInput, MarketRef } from './market'

/** The part of a core `Feed` the monitor reads. */
export interface MarketSource {
  readonly venue: string
  book(symbol: string, options?: { readonly depth?: number }): Observable<OrderBook>
  quotes(symbol: string): Observable<Quote>
  readonly status$: Observable<ConnectionState | BookState>
}

export interface MarketInputsOptions {
  /** `book`: the venue's L2 book (integrity-checked); `quote`: its best bid/offer stream. @defaultValue 'book' */
  readonly via?: 'book' | 'quote'
  /** Book depth to ask each venue for. @defaultValue the venue's choice */
  readonly depth?: (venue: string) => number | undefined
  /** Wait before resubscribing a market whose stream failed recoverably (`attempt` from 1). @defaultValue 1 s doubling to 30 s */
  readonly retryDelayMs?: (attempt: number) => number
  readonly scheduler?: SchedulerLike
  readonly logger: Logger
}

const backoff = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** (attempt - 1))

/**
 * Merges, for each market, its book (or quote) stream and its venue's status stream into monitor inputs. A market
 * whose stream fails becomes a `market-failure` input (logged) and is flagged; a recoverable failure (a REST call
 * that failed) is retried with backoff, an unrecoverable one (a rejected symbol) is not. Other markets go on.
 */
export const marketInputs = (sources: readonly MarketSource[], markets: readonly MarketRef[], options: MarketInputsOptions): Observable<MarketInput> => {
  const { via = 'book', depth, retryDelayMs = backoff, scheduler = asyncScheduler, logger } = options
  const byVenue = new Map(sources.map((s) => [s.venue, s]))
  const streams: Observable<MarketInput>[] = sources.filter((s) => markets.some((m) => m.venue === s.venue)).map((s) => s.status$)
  for (const { venue, symbol } of markets) {
    const source = byVenue.get(venue)
    if (source === undefined) {
      streams.push(of({ kind: 'market-failure', venue, symbol, message: `no source for venue ${venue}` }))
      continue
    }
    const d = depth?.(venue)
    const data = (): Observable<MarketInput> => (via === 'book' ? source.book(symbol, d === undefined ? {} : { depth: d }) : source.quotes(symbol))
    const attempt = (n: number): Observable<MarketInput> =>
      data().pipe(
        catchError((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error)
          const retry = isRecoverable(error)
          logger.warn('market stream failed', { venue, symbol, error: message, retryInMs: retry ? retryDelayMs(n) : undefined })
          const failure = of<MarketInput>({ kind: 'market-failure', venue, symbol, message })
          return retry ? concat(failure, timer(retryDelayMs(n), scheduler).pipe(switchMap(() => attempt(n + 1)))) : failure
        }),
      )
    streams.push(attempt(1))
  }
  return merge(...streams)
}
