import type { SchedulerLike, Subscription } from 'rxjs'
import type { ConnectionLimits } from '../venue'

/** Send times within a sliding window; `full` says whether one more send would exceed `max`. */
class Window {
  private readonly times: number[] = []
  private head = 0
  constructor(
    private readonly max: number,
    readonly windowMs: number,
    /** The limit in words, for logs. */
    readonly limit: string,
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

/** A wait for room in a rate window: how long until the first waiting frame may go, and the limit in words. */
export interface Hold {
  readonly waitMs: number
  readonly limit: string
}

/**
 * Called for every frame that must wait for room: with the {@link Hold} when the frame starts a wait (its kind's
 * queue was empty), `undefined` when it joins frames already waiting.
 */
export type OnHold = (kind: FrameKind, starts: Hold | undefined) => void

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
    private readonly onHold: OnHold = () => undefined,
  ) {
    const { opsPerWindow: ops, messagesPerWindow: messages } = limits
    this.ops = ops === undefined ? undefined : new Window(ops.ops, ops.windowMs, `${ops.ops} subscribe/unsubscribe/login requests per ${ops.windowMs / 1000} s`)
    this.messages =
      messages === undefined ? undefined : new Window(messages.messages, messages.windowMs, `${messages.messages} messages per ${messages.windowMs / 1000} s`)
  }

  /** Frames waiting for room in a window. */
  get queued(): number {
    return this.queuedOps.length + this.queuedMessages.length
  }

  send(frame: string, kind: FrameKind): void {
    const queue = kind === 'op' ? this.queuedOps : this.queuedMessages
    const full = queue.length === 0 ? this.fullWindow(kind) : undefined
    if (queue.length === 0 && full === undefined) this.emit(frame, kind)
    else {
      queue.push(frame)
      this.onHold(kind, full === undefined ? undefined : { waitMs: full.waitMs(this.scheduler.now()), limit: full.limit })
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

  /** The window that holds a frame of `kind` now; `undefined` when it may go. */
  private fullWindow(kind: FrameKind): Window | undefined {
    if (this.ops === undefined && this.messages === undefined) return undefined
    const now = this.scheduler.now()
    if (this.messages?.full(now) === true) return this.messages
    if (kind === 'op' && this.ops?.full(now) === true) return this.ops
    return undefined
  }

  /** 0 when a frame of `kind` may go now, else the wait in ms. */
  private waitMs(kind: FrameKind): number {
    return this.fullWindow(kind)?.waitMs(this.scheduler.now()) ?? 0
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
