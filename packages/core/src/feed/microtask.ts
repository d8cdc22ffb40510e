import { asyncScheduler, type SchedulerAction, type SchedulerLike, Subscription } from 'rxjs'

const resolved = Promise.resolve()

/** Runs its work once per `schedule` on a microtask, unless unsubscribed first; delays go to `asyncScheduler`. */
class MicrotaskAction<T> extends Subscription implements SchedulerAction<T> {
  constructor(private readonly work: (this: SchedulerAction<T>, state?: T) => void) {
    super()
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this
    if (delay > 0) {
      const later = asyncScheduler.schedule(this.work, delay, state)
      this.add(later)
      return later
    }
    void resolved.then(() => {
      if (!this.closed) this.work(state)
    })
    return this
  }
}

/**
 * Runs work on the microtask queue (a promise job, as `asapScheduler` does), without `asapScheduler`'s per-batch
 * action and flush bookkeeping; `deliver` recognises it and drains with one promise job per batch. Unlike
 * `asapScheduler`, a `TestScheduler` does not virtualise it.
 */
export const microtaskScheduler: SchedulerLike = {
  now: () => Date.now(),
  schedule: <T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription =>
    new MicrotaskAction(work).schedule(state, delay),
}

/** Calls `run` on a microtask once per `request()` until `cancel()`; one promise job per request, nothing else. @internal */
export class MicrotaskTrigger {
  private pending = false
  private readonly fire = (): void => {
    if (!this.pending) return
    this.pending = false
    this.run()
  }

  constructor(private readonly run: () => void) {}

  request(): void {
    if (this.pending) return
    this.pending = true
    void resolved.then(this.fire)
  }

  cancel(): void {
    this.pending = false
  }
}
