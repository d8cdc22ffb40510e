/** A scripted in-memory dialer on a virtual clock, for timing tests of the connection layer. */
import { Observable, type Subscriber } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { ConnectionClosedError } from '../../errors'
import type { Endpoint } from '../../venue'
import type { Dialer, WireEvent } from '../wire'

export interface FakeSocket {
  /** 1-based dial number. */
  readonly n: number
  readonly endpoint: Endpoint
  /** Client → server frames with the virtual time they were sent. */
  readonly sent: { readonly at: number; readonly frame: string }[]
  open: boolean
  /** Server → client frame, delivered after `latencyMs`. */
  push(frame: string): void
  /** Server closes the socket. */
  drop(code?: number, reason?: string): void
  /** Delivers a frame even after the socket was dropped (a dead socket's late frame). */
  leak(frame: string): void
}

export interface FakeServer {
  /** Called for each client frame; reply with `socket.push`. */
  onFrame?(socket: FakeSocket, frame: string): void
  onOpen?(socket: FakeSocket): void
  /** Refuse the n-th dial with this HTTP status. */
  refuse?(n: number): number | undefined
}

export const fakeDialer = (scheduler: TestScheduler, server: FakeServer, latencyMs = 1): { dialer: Dialer; sockets: FakeSocket[] } => {
  const sockets: FakeSocket[] = []
  const dialer: Dialer = (endpoint, ctx) =>
    new Observable<WireEvent>((subscriber: Subscriber<WireEvent>) => {
      const n = sockets.length + 1
      const socket: FakeSocket = {
        n,
        endpoint,
        sent: [],
        open: false,
        push: (frame) => {
          scheduler.schedule(() => {
            if (socket.open) subscriber.next(frame)
          }, latencyMs)
        },
        leak: (frame) => subscriber.next(frame),
        drop: (code = 1006, reason = '') => {
          if (!socket.open) return
          socket.open = false
          subscriber.error(new ConnectionClosedError(ctx.venue, ctx.connection, code, reason))
        },
      }
      sockets.push(socket)
      const status = server.refuse?.(n)
      const opening = scheduler.schedule(() => {
        if (status !== undefined) {
          subscriber.error(new ConnectionClosedError(ctx.venue, ctx.connection, status, `upgrade refused with HTTP ${status}`))
          return
        }
        socket.open = true
        subscriber.next({
          send: (frame) => {
            socket.sent.push({ at: scheduler.now(), frame })
            server.onFrame?.(socket, frame)
          },
          close: () => (socket.open = false),
          terminate: () => (socket.open = false),
        })
        server.onOpen?.(socket)
      }, latencyMs)
      return () => {
        opening.unsubscribe()
        socket.open = false
      }
    })
  return { dialer, sockets }
}

/** A virtual clock that lets promise callbacks (endpoint resolution) run between timer steps. */
export const virtualClock = (): { scheduler: TestScheduler; advance(ms: number): Promise<void> } => {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b))
  const advance = async (ms: number): Promise<void> => {
    const target = scheduler.frame + ms
    for (let t = scheduler.frame; t <= target; t++) {
      for (let i = 0; i < 5; i++) await Promise.resolve()
      scheduler.maxFrames = t
      scheduler.flush()
      scheduler.frame = t
    }
    for (let i = 0; i < 5; i++) await Promise.resolve()
  }
  return { scheduler, advance }
}
