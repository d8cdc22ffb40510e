import { Observable, type Subscriber } from 'rxjs'

type End = { readonly kind: 'error'; readonly error: unknown } | { readonly kind: 'complete' }

/**
 * A channel's events handed to every subscriber, as an rxjs `Subject` does it: values while open; an error or
 * completion ends it for every subscriber, present and future. Unlike `Subject.next`, a value costs no closure, no
 * copy of the subscriber list and no iterator: the list is replaced when a subscriber joins or leaves (rare), so a
 * value walks a list that cannot change under it (one joining meanwhile gets the next value, as with `Subject`).
 * @internal
 */
export class Fanout<T> {
  /** Subscribing joins the fanout; unsubscribing leaves it. */
  readonly observable: Observable<T>
  private subscribers: readonly Subscriber<T>[] = []
  private end: End | undefined

  constructor() {
    this.observable = new Observable<T>((subscriber) => this.join(subscriber))
  }

  get ended(): boolean {
    return this.end !== undefined
  }

  next(value: T): void {
    if (this.end !== undefined) return
    const { subscribers } = this
    for (let i = 0; i < subscribers.length; i++) (subscribers[i] as Subscriber<T>).next(value)
  }

  error(error: unknown): void {
    this.finish({ kind: 'error', error })
  }

  complete(): void {
    this.finish({ kind: 'complete' })
  }

  private finish(end: End): void {
    if (this.end !== undefined) return
    this.end = end
    const { subscribers } = this
    this.subscribers = []
    for (const subscriber of subscribers) notify(subscriber, end)
  }

  private join(subscriber: Subscriber<T>): () => void {
    if (this.end !== undefined) {
      notify(subscriber, this.end)
      return () => undefined
    }
    this.subscribers = [...this.subscribers, subscriber]
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== subscriber)
    }
  }
}

const notify = (subscriber: Subscriber<unknown>, end: End): void => {
  if (end.kind === 'error') subscriber.error(end.error)
  else subscriber.complete()
}
