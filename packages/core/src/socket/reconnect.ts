import { asyncScheduler, defer, retry, type MonoTypeOperatorFunction, type SchedulerLike, tap, throwError, timer } from 'rxjs'
import { isRecoverable } from '../errors'
import { fullJitterBackoff } from './backoff'

export interface ReconnectOptions<T> {
  /** Wait before retry `attempt` (1-based). @defaultValue {@link fullJitterBackoff}() */
  readonly delayMs?: (attempt: number, error: unknown) => number
  /** A connection that stayed open this long proved healthy: the next failure starts again at attempt 1. @defaultValue 10_000 */
  readonly healthyAfterMs?: number
  /** Which value means "a connection is open". @defaultValue every value */
  readonly isOpen?: (value: T) => boolean
  /** Called once per failure, before waiting. Log here; must not throw. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void
  /** @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike
}

/**
 * Resubscribes to the source when it errors, waiting `delayMs(attempt)`. Errors that {@link isRecoverable} rejects
 * (bad credentials, rejected symbols) are rethrown at once. The attempt count resets after a connection has stayed
 * open for `healthyAfterMs`, so one flap after hours of uptime does not wait the capped delay.
 * @example dial$.pipe(reconnect({ delayMs: fullJitterBackoff({ baseMs: 250 }), healthyAfterMs: 5_000 }))
 */
export function reconnect<T>(options: ReconnectOptions<T> = {}): MonoTypeOperatorFunction<T> {
  const { delayMs = fullJitterBackoff(), healthyAfterMs = 10_000, isOpen, onRetry, scheduler = asyncScheduler } = options
  return (source) =>
    defer(() => {
      let attempt = 0
      let openedAt: number | undefined
      return source.pipe(
        tap((value) => {
          if (openedAt === undefined && (isOpen === undefined || isOpen(value))) openedAt = scheduler.now()
        }),
        retry({
          delay: (error: unknown) => {
            if (!isRecoverable(error)) return throwError(() => error)
            if (openedAt !== undefined && scheduler.now() - openedAt >= healthyAfterMs) attempt = 0
            openedAt = undefined
            attempt += 1
            const waitMs = delayMs(attempt, error)
            onRetry?.(error, attempt, waitMs)
            return timer(waitMs, scheduler)
          },
        }),
      )
    })
}
