import type * as E from 'fp-ts/Either'
import { filter, finalize, firstValueFrom, type Observable, type SchedulerLike, Subject, switchMap, take, throwError, throwIfEmpty, timeout } from 'rxjs'
import { ConnectionClosedError, RequestTimeoutError, type VenueRejectedError } from '../errors'

export interface RequestContext {
  readonly venue: string
  readonly connection: string
  /** True while the connection is open; completes when it closes for good. */
  readonly open$: Observable<boolean>
  readonly send: (frame: string) => void
  readonly nextId: () => number
  readonly scheduler: SchedulerLike
}

/**
 * Requests awaiting a `response` message, by request id. A request waits for the connection to open, sends
 * `build(id)`, and settles with the response, a {@link RequestTimeoutError}, or a {@link ConnectionClosedError}.
 * @internal
 */
export class PendingRequests {
  private readonly answers = new Map<string, Subject<unknown>>()

  constructor(private readonly ctx: RequestContext) {}

  send(build: (requestId: number) => string, timeoutMs: number): Promise<unknown> {
    const { venue, connection, open$, scheduler } = this.ctx
    const closed = (): ConnectionClosedError => new ConnectionClosedError(venue, connection, undefined, 'connection closed before the request was answered')
    return firstValueFrom(
      open$.pipe(
        filter((open) => open),
        take(1),
        throwIfEmpty(closed),
        switchMap(() => {
          const n = this.ctx.nextId()
          const id = String(n)
          const answer = new Subject<unknown>()
          this.answers.set(id, answer)
          this.ctx.send(build(n))
          return answer.pipe(take(1), throwIfEmpty(closed), finalize(() => this.answers.delete(id)))
        }),
        timeout({ first: timeoutMs, with: () => throwError(() => new RequestTimeoutError(venue, `${connection} request`, timeoutMs)), scheduler }),
      ),
    )
  }

  /** Settles the request `requestId`; false when no such request is pending. */
  settle(requestId: string, result: E.Either<VenueRejectedError, unknown>): boolean {
    const answer = this.answers.get(requestId)
    if (answer === undefined) return false
    if (result._tag === 'Left') answer.error(result.left)
    else answer.next(result.right)
    return true
  }

  /** Fails every pending request: the connection closed. */
  closeAll(): void {
    for (const answer of this.answers.values()) answer.complete()
  }
}
