import { asapScheduler, type MonoTypeOperatorFunction, Observable, type SchedulerLike, type Subscription } from 'rxjs'

/** `conflate`: latest value per symbol wins (books, tickers, quotes). `buffer`: every value, up to a bound. */
export type DeliveryPolicy = 'conflate' | 'buffer'

export interface DeliverOptions {
  readonly policy: DeliveryPolicy
  /** `buffer` only: values pending beyond this error the stream with `overflow()`. */
  readonly capacity: number
  readonly overflow: () => Error
  /** Counts values a newer one replaced before delivery (`conflate`). */
  readonly onConflated?: (count: number) => void
  /** Where batches are delivered. @defaultValue asapScheduler */
  readonly scheduler?: SchedulerLike
}

/**
 * Hands values to one consumer in batches: everything that arrived while the consumer was busy (one socket read,
 * or more when it falls behind) is delivered at the next drain. `conflate` keeps only the latest value per symbol
 * and counts the rest; `buffer` keeps all of them and errors with `overflow()` beyond `capacity`, never dropping
 * silently. A consumer that keeps up pays one queue push per value and one drain per batch. Completion and errors
 * of the source are delivered after the pending batch.
 * @example trades$.pipe(deliver({ policy: 'buffer', capacity: 10_000, overflow: () => new BufferOverflowError(…) }))
 */
export function deliver<T extends { readonly symbol: string }>(options: DeliverOptions): MonoTypeOperatorFunction<T> {
  const { policy, capacity, overflow, onConflated, scheduler = asapScheduler } = options
  return (source) =>
    new Observable<T>((subscriber) => {
      let latest = new Map<string, T>()
      let spareLatest = new Map<string, T>()
      let queue: T[] = []
      let spareQueue: T[] = []
      let drainTask: Subscription | undefined
      let conflated = 0

      const drain = (): void => {
        drainTask = undefined
        if (conflated > 0) {
          onConflated?.(conflated)
          conflated = 0
        }
        if (policy === 'conflate') {
          const batch = latest
          latest = spareLatest
          spareLatest = batch
          for (const value of batch.values()) {
            if (subscriber.closed) break
            subscriber.next(value)
          }
          batch.clear()
        } else {
          const batch = queue
          queue = spareQueue
          spareQueue = batch
          for (let i = 0; i < batch.length && !subscriber.closed; i++) subscriber.next(batch[i] as T)
          batch.length = 0
        }
      }

      const subscription = source.subscribe({
        next: (value) => {
          if (policy === 'conflate') {
            const size = latest.size
            latest.set(value.symbol, value)
            if (latest.size === size) conflated++
          } else if (queue.length >= capacity) {
            drainTask?.unsubscribe()
            drainTask = undefined
            subscriber.error(overflow())
            return
          } else queue.push(value)
          if (drainTask === undefined) drainTask = scheduler.schedule(drain)
        },
        error: (error: unknown) => {
          drainTask?.unsubscribe()
          drain()
          subscriber.error(error)
        },
        complete: () => {
          drainTask?.unsubscribe()
          drain()
          subscriber.complete()
        },
      })
      return () => {
        drainTask?.unsubscribe()
        subscription.unsubscribe()
      }
    })
}
