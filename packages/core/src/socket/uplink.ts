import type { SchedulerLike, Subscription } from 'rxjs'
import type { ConnectionLimits } from '../venue'

/** Send times within a sliding window; `full` says whether one more send would exceed `max`. */
class Window {
  private readonly times: number[] = []
  private head = 0
  constructor(
    private readonly max: number,
    readonly windowMs: number,
  ) {}
  private prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.windowMs) this.head++
    if (this.head > 256 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head)
      this.head = 0
    }
  }
  full(now: number): boolean {
    this.prune(now)
    return this.times.length - this.head >= this.max
  }
  /** Milliseconds until one slot frees up. */
  waitMs(now: number): number {
    return Math.max(1, (this.times[this.head] ?? now) + this.windowMs - now)
  }
  record(now: number): void {
    this.times.push(now)
  }
}

/** Whether a frame counts against `opsPerWindow` (subscribe, unsubscribe, login) or only `messagesPerWindow`. */
export type FrameKind = 'op' | 'message'

/**
 * Sends uplink frames within a connection's limits, queueing what would exceed them. Ops (login, subscribe,
 * unsubscribe) keep their order among themselves; messages (pings, replies, requests) keep theirs and never wait
 * behind ops held by `opsPerWindow`. Without limits (or with room) a frame goes out synchronously.
 * @internal
 */
export class Uplink {
  private readonly ops: Window | undefined
  private readonly messages: Window | undefined
  private readonly queuedOps: string[] = []
  private readonly queuedMessages: string[] = []
  private timer: Subscription | undefined

  constructor(
    private readonly write: (frame: string) => void,
    limits: ConnectionLimits,
    private readonly scheduler: SchedulerLike,
  ) {
    this.ops = limits.opsPerWindow === undefined ? undefined : new Window(limits.opsPerWindow.ops, limits.opsPerWindow.windowMs)
    this.messages =
      limits.messagesPerWindow === undefined ? undefined : new Window(limits.messagesPerWindow.messages, limits.messagesPerWindow.windowMs)
  }

  /** Frames waiting for room in a window. */
  get queued(): number {
    return this.queuedOps.length + this.queuedMessages.length
  }

  send(frame: string, kind: FrameKind): void {
    const queue = kind === 'op' ? this.queuedOps : this.queuedMessages
    if (queue.length === 0 && this.waitMs(kind) === 0) this.emit(frame, kind)
    else {
      queue.push(frame)
      this.arm()
    }
  }

  /** Sends everything queued now, limits notwithstanding (the connection is closing). */
  flushAll(): void {
    for (const frame of this.queuedMessages.splice(0)) this.emit(frame, 'message')
    for (const frame of this.queuedOps.splice(0)) this.emit(frame, 'op')
    this.dispose()
  }

  dispose(): void {
    this.timer?.unsubscribe()
    this.timer = undefined
  }

  /** 0 when a frame of `kind` may go now, else the wait in ms. */
  private waitMs(kind: FrameKind): number {
    if (this.ops === undefined && this.messages === undefined) return 0
    const now = this.scheduler.now()
    if (this.messages?.full(now) === true) return this.messages.waitMs(now)
    if (kind === 'op' && this.ops?.full(now) === true) return this.ops.waitMs(now)
    return 0
  }

  private emit(frame: string, kind: FrameKind): void {
    const now = this.ops === undefined && this.messages === undefined ? 0 : this.scheduler.now()
    this.messages?.record(now)
    if (kind === 'op') this.ops?.record(now)
    this.write(frame)
  }

  private arm(): void {
    if (this.timer !== undefined || this.queued === 0) return
    const waits = [this.queuedMessages.length > 0 ? this.waitMs('message') : Infinity, this.queuedOps.length > 0 ? this.waitMs('op') : Infinity]
    this.timer = this.scheduler.schedule(() => {
      this.timer = undefined
      this.drain()
    }, Math.min(...waits))
  }

  private drain(): void {
    while (this.queuedMessages.length > 0 && this.waitMs('message') === 0) this.emit(this.queuedMessages.shift() as string, 'message')
    while (this.queuedOps.length > 0 && this.waitMs('op') === 0) this.emit(this.queuedOps.shift() as string, 'op')
    this.arm()
  }
}
