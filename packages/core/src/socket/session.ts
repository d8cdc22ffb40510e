import * as E from 'fp-ts/Either'
import { interval, Observable, type SchedulerAction, type Subscriber, type Subscription, timer } from 'rxjs'
import { ConnectionClosedError, isFeedError, RequestTimeoutError, StaleConnectionError, type VenueRejectedError } from '../errors'
import type { Heartbeat, InterpretContext, VenueChannel, VenueMessage } from '../venue'
import { toBatches } from './batches'
import type { SessionHost } from './session-host'
import { type FrameKind, type Hold, Uplink } from './uplink'
import type { Wire } from './wire'

type Phase = 'resolving' | 'dialing' | 'awaiting-ready' | 'live' | 'done'

interface MutableContext {
  receivedAt: number
  readonly group: string
  readonly connection: string
  readonly instrument: InterpretContext['instrument']
  readonly nextId: () => number
}

/**
 * One socket of a connection: resolves the endpoint, dials, sends login, waits for the ready signal, subscribes,
 * pings, and watches for silence. Emits itself once live; errors when the socket fails. @internal
 */
export class Session {
  phase: Phase = 'resolving'
  /** Set once the connection routes this session's data (a replacement socket waits until it takes over). */
  adopted = false
  /** Channel keys this socket has subscribed. */
  readonly subscribed = new Set<string>()
  private wire: Wire | undefined
  private uplinkImpl: Uplink | undefined
  private heartbeat: Heartbeat
  private pings = 0
  private lastFrameAt = 0
  private readonly pending = new Map<string, readonly VenueChannel[]>()
  private lastSubscribe: readonly VenueChannel[] = []
  private readonly timers: Subscription[] = []
  private readyTimer: Subscription | undefined
  private dialing: Subscription | undefined
  private readonly ctx: MutableContext

  constructor(
    private readonly host: SessionHost,
    readonly attempt: number,
    private readonly subscriber: Subscriber<Session>,
  ) {
    this.heartbeat = host.group.heartbeat
    this.ctx = {
      receivedAt: 0,
      group: host.groupName,
      connection: host.id,
      instrument: (venueSymbol) => host.instrument(venueSymbol),
      nextId: () => host.nextRequestId(),
    }
  }

  /** Opens a session; it emits once subscribed and errors when its socket fails. */
  static open(host: SessionHost, attempt: number): Observable<Session> {
    return new Observable<Session>((subscriber) => {
      const session = new Session(host, attempt, subscriber)
      session.start()
      return () => session.dispose()
    })
  }

  get live(): boolean {
    return this.phase === 'live'
  }

  get uplink(): Uplink | undefined {
    return this.uplinkImpl
  }

  /** Sends a frame that is not a subscribe/unsubscribe (requests, replies). */
  send(frame: string): void {
    this.uplinkImpl?.send(frame, 'message')
  }

  subscribe(channels: readonly VenueChannel[]): void {
    this.request(channels, 'subscribe')
  }

  unsubscribe(channels: readonly VenueChannel[]): void {
    this.request(channels.filter((c) => this.subscribed.has(c.key)), 'unsubscribe')
  }

  /** Forgets channels the venue refused (nothing is sent for them). */
  forget(channels: readonly VenueChannel[]): void {
    for (const c of channels) this.subscribed.delete(c.key)
  }

  /** Tears the socket down with an error (stale, fatal): the connection decides whether to retry. */
  fail(error: unknown): void {
    if (this.phase === 'done') return
    if (error instanceof StaleConnectionError) this.wire?.terminate()
    this.dispose()
    this.subscriber.error(error)
  }

  dispose(): void {
    this.phase = 'done'
    for (const t of this.timers.splice(0)) t.unsubscribe()
    this.readyTimer?.unsubscribe()
    this.uplinkImpl?.dispose()
    this.dialing?.unsubscribe()
    this.dialing = undefined
    this.wire = undefined
  }

  private start(): void {
    this.host.resolve(this.attempt).then(
      (endpoint) => {
        if (this.phase === 'done') return
        this.phase = 'dialing'
        if (endpoint.heartbeat !== undefined) this.heartbeat = { ...this.heartbeat, ...endpoint.heartbeat }
        this.dialing = this.host.dial(endpoint).subscribe({
          next: (event) => {
            try {
              if (typeof event === 'string') this.onFrame(event)
              else this.onOpen(event)
            } catch (error) {
              // venue code (login, subscribe builders, isPong) threw: log it and let the connection retry
              this.host.logger.error('socket session failed', { connection: this.host.id, error })
              this.fail(error)
            }
          },
          error: (error: unknown) => this.fail(this.classifyClose(error)),
        })
      },
      (error: unknown) => {
        const why = `endpoint could not be resolved: ${error instanceof Error ? error.message : String(error)}`
        this.fail(isFeedError(error) ? error : new ConnectionClosedError(this.host.spec.id, this.host.id, undefined, why, { cause: error }))
      },
    )
  }

  /** Lets the venue name what a close or refused upgrade means (a 401 on a signed upgrade is fatal). */
  private classifyClose(error: unknown): unknown {
    const classify = this.host.group.closeError
    if (classify === undefined || !(error instanceof ConnectionClosedError)) return error
    return classify({ code: error.code, reason: error.reason }) ?? error
  }

  private onOpen(wire: Wire): void {
    const { group, scheduler } = this.host
    this.wire = wire
    const counters = this.host.counters
    this.uplinkImpl = new Uplink(
      (frame) => {
        counters.framesOut++
        wire.send(frame)
      },
      group.limits,
      scheduler,
      (kind, starts) => this.onHold(kind, starts),
    )
    this.lastFrameAt = scheduler.now()
    this.watchSilence()
    const { intervalMs, ping } = this.heartbeat
    if (intervalMs !== undefined && ping !== undefined) {
      this.timers.push(interval(intervalMs, scheduler).subscribe(() => this.uplinkImpl?.send(ping(++this.pings), 'message')))
    }
    if (group.login !== undefined) this.uplinkImpl.send(group.login(this.host.now()), 'op')
    if (group.awaitReady === true) {
      this.phase = 'awaiting-ready'
      const timeoutMs = group.readyTimeoutMs ?? 10_000
      this.readyTimer = timer(timeoutMs, scheduler).subscribe(() =>
        this.fail(new RequestTimeoutError(this.host.spec.id, `${this.host.id} ready signal`, timeoutMs)),
      )
    } else this.goLive()
  }

  /**
   * A frame waits for room in one of the venue's rate windows: counted, and said once per wait, as a warning when the
   * wait is a second or more (a subscribe held for most of an hour by Weex's 240 ops per hour must not look like
   * silence).
   */
  private onHold(kind: FrameKind, starts: Hold | undefined): void {
    this.host.counters.framesHeld++
    if (starts === undefined) return
    const meta = { connection: this.host.id, kind, waitMs: Math.round(starts.waitMs), limit: starts.limit }
    if (starts.waitMs >= 1_000) this.host.logger.warn("uplink frames held by the venue's rate limit", meta)
    else this.host.logger.debug("uplink frames held by the venue's rate limit", meta)
  }

  private goLive(): void {
    this.readyTimer?.unsubscribe()
    this.phase = 'live'
    this.subscribe(this.host.channelList())
    this.subscriber.next(this)
  }

  /** Fires when nothing (pong included) arrived for `timeoutMs`; re-arms itself lazily, so frames cost one clock read. */
  private watchSilence(): void {
    const { scheduler } = this.host
    const check = (action: SchedulerAction<undefined>): void => {
      const timeoutMs = this.heartbeat.timeoutMs
      const silentMs = scheduler.now() - this.lastFrameAt
      if (silentMs >= timeoutMs) this.fail(new StaleConnectionError(this.host.spec.id, this.host.id, silentMs))
      else action.schedule(undefined, timeoutMs - silentMs)
    }
    this.timers.push(
      scheduler.schedule(function (this: SchedulerAction<undefined>) {
        check(this)
      }, this.heartbeat.timeoutMs),
    )
  }

  private request(channels: readonly VenueChannel[], op: 'subscribe' | 'unsubscribe'): void {
    const uplink = this.uplinkImpl
    if (uplink === undefined || channels.length === 0) return
    const { spec, group, groupName } = this.host
    for (const chunk of toBatches(channels, groupName, group.limits.maxChannelsPerRequest)) {
      const id = this.host.nextRequestId()
      const frame = op === 'subscribe' ? spec.subscribe(chunk, id) : spec.unsubscribe(chunk, id)
      for (const c of chunk) {
        if (op === 'subscribe') this.subscribed.add(c.key)
        else this.subscribed.delete(c.key)
      }
      if (op === 'subscribe') {
        this.pending.set(String(id), chunk)
        this.lastSubscribe = chunk
      }
      uplink.send(frame, 'op')
    }
  }

  private onFrame(raw: string): void {
    const { host } = this
    const counters = host.counters
    this.lastFrameAt = host.scheduler.now()
    counters.framesIn++
    counters.bytesIn += raw.length
    if (host.debugFrames) host.logger.debug('frame in', { connection: host.id, raw })
    if (this.heartbeat.isPong(raw)) return
    this.ctx.receivedAt = host.now()
    const decoded = host.spec.decode(raw)
    if (E.isLeft(decoded)) {
      host.onDecodeError(decoded.left)
      return
    }
    let messages: readonly VenueMessage[]
    try {
      messages = host.spec.interpret(decoded.right, this.ctx)
    } catch (error) {
      host.logger.error('venue interpret threw: frame skipped', { connection: host.id, error })
      host.onOddFrame('unknown-frame', `interpret threw: ${error instanceof Error ? error.message : String(error)}`, raw)
      return
    }
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i]
      if (message !== undefined) this.handle(message, raw)
      if (this.phase === 'done') return
    }
  }

  private handle(message: VenueMessage, raw: string): void {
    const { host } = this
    switch (message.type) {
      case 'data':
        if (this.adopted) host.onData(message.topic, message.events)
        else host.counters.standbyDropped++
        return
      case 'ack':
        if (message.requestId !== undefined) this.pending.delete(message.requestId)
        return
      case 'reject':
        return this.rejected(message.error, message.requestId, message.topic, raw)
      case 'ready':
        if (this.phase === 'awaiting-ready') this.goLive()
        return
      case 'fatal':
        return this.fail(message.error)
      case 'reply':
        return this.uplinkImpl?.send(message.frame, 'message')
      case 'reconnect':
        return host.onHandover(message.reason)
      case 'response':
        return host.onResponse(message.requestId, message.result)
      case 'pong':
        return
      case 'ignore':
        host.counters.ignored++
        return
      case 'unknown':
        host.counters.unknownFrames++
        return host.onOddFrame('unknown-frame', message.what, raw)
      case 'issue':
        return host.onOddFrame(message.code, message.what, raw)
    }
  }

  /** The narrowest match wins: the topic named, else the request by id, else (neither given) the last subscribe. */
  private rejected(error: VenueRejectedError, requestId: string | undefined, topic: string | undefined, raw: string): void {
    const named = topic === undefined ? undefined : this.host.channelByTopic(topic)
    const request = requestId === undefined ? undefined : this.pending.get(requestId)
    if (requestId !== undefined) this.pending.delete(requestId)
    const channels = named !== undefined ? [named] : request ?? (requestId === undefined && topic === undefined ? this.lastSubscribe : [])
    if (channels.length === 0) {
      this.host.onOddFrame('unexpected-frame', `rejection of nothing this connection asked for: ${error.message}`, raw)
      return
    }
    this.forget(channels)
    this.host.onRejected(channels, error)
  }
}
