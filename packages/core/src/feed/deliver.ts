import { asapScheduler, type MonoTypeOperatorFunction, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs'
import { MicrotaskTrigger, microtaskScheduler } from './microtask'

/**
 * `conflate`: every value while the consumer keeps up; once values pile up (a consumer that fell behind), the latest
 * per symbol wins (books, tickers, quotes). `buffer`: every value, up to a bound.
 */
export type DeliveryPolicy = 'conflate' | 'buffer'

export interface DeliverOptions {
  readonly policy: DeliveryPolicy
  /** `buffer` only: values pending beyond this error the stream with `overflow()`. */
  readonly capacity: number
  /**
   * `conflate` only: pending values beyond this mean the consumer fell behind; they are then collapsed to the latest
   * per symbol. Below it every value is delivered. @defaultValue 256
   */
  readonly conflateAbove?: number
  readonly overflow: () => Error
  /** Counts values a newer one replaced before delivery (`conflate`). */
  readonly onConflated?: (count: number) => void
  /** Where batches are delivered ({@link microtaskScheduler}: one promise job per batch). @defaultValue asapScheduler */
  readonly scheduler?: SchedulerLike
}

/** Schedules the drain of one consumer's batch; at most one is pending. */
interface DrainTrigger {
  request(): void
  cancel(): void
}

/** Empties a queue; popping keeps a small queue's storage (`length = 0` drops it, and the next push reallocates). */
const empty = (queue: unknown[]): void => {
  if (queue.length > 64) queue.length = 0
  else while (queue.length > 0) queue.pop()
}

const everyValue = <T>(_value: T): _value is T => true

/** A drain on any scheduler: one scheduled action per batch. */
class SchedulerTrigger implements DrainTrigger {
  private task: Subscription | undefined
  private readonly fire = (): void => {
    this.task = undefined
    this.run()
  }

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly run: () => void,
  ) {}

  request(): void {
    this.task ??= this.scheduler.schedule(this.fire)
  }

  cancel(): void {
    this.task?.unsubscribe()
    this.task = undefined
  }
}

/**
 * Hands values to one consumer in batches: everything that arrived while the consumer was busy (one socket read,
 * or more when it falls behind) is delivered at the next drain. A consumer that keeps up gets every value and pays
 * one queue push per value and one drain per batch. When more than `conflateAbove` values pile up, `conflate`
 * collapses them to the latest per symbol and counts the rest; `buffer` keeps all of them and errors with
 * `overflow()` beyond `capacity`, never dropping silently. Completion and errors of the source are delivered after
 * the pending batch.
 * @example trades$.pipe(deliver({ policy: 'buffer', capacity: 10_000, overflow: () => new BufferOverflowError(…) }))
 */
export function deliver<T extends { readonly symbol: string }>(options: DeliverOptions): MonoTypeOperatorFunction<T> {
  return deliverMatching<T, T>(everyValue, options)
}

/**
 * `filter(accept)` then {@link deliver}, in one step (one subscriber less per value on the hot path).
 * @internal
 */
export function deliverMatching<I, T extends I & { readonly symbol: string }>(
  accept: (value: I) => value is T,
  options: DeliverOptions,
): OperatorFunction<I, T> {
  const { policy, capacity, overflow, onConflated, conflateAbove = 256, scheduler = asapScheduler } = options
  return (source) =>
    new Observable<T>((subscriber) => {
      const latest = new Map<string, T>()
      let queue: T[] = []
      let spareQueue: T[] = []
      let conflated = 0
      /** Collapsing again only once the queue doubled keeps the work per value constant with many symbols. */
      let collapseAt = conflateAbove
      /** Set once this batch was collapsed: the consumer is behind, so it gets only the latest per symbol. */
      let behind = false

      const drain = (): void => {
        if (behind) collapse()
        behind = false
        if (conflated > 0) {
          onConflated?.(conflated)
          conflated = 0
        }
        collapseAt = conflateAbove
        const batch = queue
        queue = spareQueue
        spareQueue = batch
        for (let i = 0; i < batch.length && !subscriber.closed; i++) subscriber.next(batch[i] as T)
        empty(batch)
      }

      /** The consumer fell behind: keep the latest value per symbol, in the order of their latest arrival. */
      const collapse = (): void => {
        for (const value of queue) {
          latest.delete(value.symbol)
          latest.set(value.symbol, value)
        }
        conflated += queue.length - latest.size
        queue.length = 0
        for (const value of latest.values()) queue.push(value)
        latest.clear()
        collapseAt = Math.max(conflateAbove, queue.length * 2)
        behind = true
      }

      const trigger: DrainTrigger = scheduler === microtaskScheduler ? new MicrotaskTrigger(drain) : new SchedulerTrigger(scheduler, drain)

      const subscription = source.subscribe({
        next: (input) => {
          if (!accept(input)) return
          const value = input
          if (policy === 'conflate') {
            queue.push(value)
            if (queue.length > collapseAt) collapse()
          } else if (queue.length >= capacity) {
            trigger.cancel()
            subscriber.error(overflow())
            return
          } else queue.push(value)
          trigger.request()
        },
        error: (error: unknown) => {
          trigger.cancel()
          drain()
          subscriber.error(error)
        },
        complete: () => {
          trigger.cancel()
          drain()
          subscriber.complete()
        },
      })
      return () => {
        trigger.cancel()
        subscription.unsubscribe()
      }
    })
}
