import { filter, Observable, skipWhile, type Subscriber, type Subscription } from 'rxjs'
import { maintainBook, type MaintainBookOptions } from '../book/maintain-book'
import type { BookState, OrderBook } from '../model/book'
import type { VenueChannel } from '../venue'
import type { ChannelPool, Lease } from './pool'
import { matcher } from './request-match'

/** What a shared book needs besides its channel: the maintainBook options its feed decides. */
export type SharedBookOptions = Omit<MaintainBookOptions, 'channel' | 'symbol' | 'resubscribe' | 'connected$'>

/**
 * One maintained book per channel, shared by its consumers: the first consumer holds the channel and starts the
 * book machine, the last one to leave releases both. A consumer that joins a live book gets the latest book at
 * once. Book states go to the pool's `status$`, never to consumers; an error or completion reaches every consumer
 * and resets the book (the next consumer starts afresh). One object per book rather than `share()` and its
 * operators: a process holds hundreds of books.
 * @internal
 */
export class SharedBook {
  readonly book$: Observable<OrderBook>
  private readonly consumers: Subscriber<OrderBook>[] = []
  private lease: Lease | undefined
  private upstream: Subscription | undefined
  private latest: OrderBook | undefined

  constructor(
    private readonly pool: ChannelPool,
    private readonly channel: VenueChannel,
    private readonly symbol: string,
    private readonly options: SharedBookOptions,
    /** Called when the book resets (its last consumer left, or it errored or completed). */
    private readonly onReset: () => void,
  ) {
    this.book$ = new Observable<OrderBook>((subscriber) => {
      this.consumers.push(subscriber)
      if (this.latest !== undefined) subscriber.next(this.latest)
      if (this.lease === undefined) this.connect()
      return () => this.leave(subscriber)
    })
  }

  private connect(): void {
    const lease = this.pool.acquire(this.channel)
    this.lease = lease
    const { entry } = lease
    const upstream = entry.events$
      .pipe(
        filter(matcher({ kind: 'book', symbol: this.symbol })),
        maintainBook({
          ...this.options,
          symbol: this.symbol,
          channel: this.channel,
          resubscribe: () => lease.resubscribe(),
          connected$: entry.connected$.pipe(skipWhile((open) => !open)),
        }),
      )
      .subscribe({
        next: (out) => (out.kind === 'book' ? this.publish(out) : this.state(out)),
        error: (error: unknown) => this.end((c) => c.error(error)),
        complete: () => this.end((c) => c.complete()),
      })
    if (this.lease === lease) this.upstream = upstream
    else upstream.unsubscribe() // ended while subscribing
  }

  private publish(book: OrderBook): void {
    this.latest = book
    const { consumers } = this
    if (consumers.length === 1) consumers[0]?.next(book)
    else for (const consumer of [...consumers]) consumer.next(book)
  }

  private state(state: BookState): void {
    if (state.state !== 'live') this.latest = undefined
    if (state.state === 'resyncing' && this.lease !== undefined) this.lease.entry.resyncs++
    this.pool.status$.next(state)
  }

  private leave(subscriber: Subscriber<OrderBook>): void {
    const i = this.consumers.indexOf(subscriber)
    if (i >= 0) this.consumers.splice(i, 1)
    if (this.consumers.length === 0) this.reset()
  }

  /** The book ended for everyone: reset first, so a consumer that resubscribes at once starts a new one. */
  private end(notify: (consumer: Subscriber<OrderBook>) => void): void {
    const consumers = this.consumers.splice(0)
    this.reset()
    for (const consumer of consumers) notify(consumer)
  }

  private reset(): void {
    const { upstream, lease } = this
    this.upstream = undefined
    this.lease = undefined
    this.latest = undefined
    upstream?.unsubscribe()
    lease?.release()
    if (upstream !== undefined || lease !== undefined) this.onReset()
  }
}
