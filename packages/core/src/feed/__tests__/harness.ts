import type { Observable, Subscription } from 'rxjs'

/** Everything an observable emitted, and how it ended. */
export interface Collected<T> {
  readonly values: T[]
  error: unknown
  completed: boolean
  readonly subscription: Subscription
}

export const collect = <T>(source: Observable<T>): Collected<T> => {
  const values: T[] = []
  const box: { error: unknown; completed: boolean } = { error: undefined, completed: false }
  const subscription = source.subscribe({
    next: (v) => values.push(v),
    error: (e: unknown) => (box.error = e),
    complete: () => (box.completed = true),
  })
  return Object.assign(box, { values, subscription })
}

/** Client frames of the test venue, without pings, parsed. */
export const frames = (received: readonly string[]): { op: string; id?: number; args?: string[] }[] =>
  received.filter((f) => f !== 'ping' && f.startsWith('{"op"')).map((f) => JSON.parse(f) as { op: string; id?: number; args?: string[] })
