import type * as E from 'fp-ts/Either'
import { BehaviorSubject, defer, Observable, ReplaySubject, type SchedulerLike, type Subscription } from 'rxjs'
import { ConnectionClosedError, type DecodeError, type VenueRejectedError } from '../errors'
import type { Logger } from '../log/logger'
import type { FeedEvent } from '../model/events'
import type { ConnectionState, ConnectionStatus, IssueCode } from '../model/health'
import type { Instrument } from '../model/instrument'
import type { ConnectionGroup, Endpoint, VenueChannel, VenueSpec } from '../venue'
import type { ConnectionOptions } from './connection-options'
import { decodeIssue, frameIssue } from './issues'
import { LagRecorder } from './lag'
import { reconnect } from './reconnect'
import { PendingRequests } from './requests'
import { Session } from './session'
import type { SessionHost, SocketCounters } from './session-host'
import type { WireEvent } from './wire'

export type { ConnectionHooks, ConnectionOptions } from './connection-options'

/** The old socket's session is retired because its replacement is live (venue announced a close). */
class HandoverSignal extends Error {
  override readonly name = 'HandoverSignal'
}

/**
 * One logical venue connection of a group: a reconnecting socket carrying a changing set of channels. Every
 * (re)connect resolves the endpoint afresh, logs in, waits for the ready signal, and resubscribes every channel;
 * the old socket is detached before the next one dials.
 * @internal
 */
export class Connection implements SessionHost {
  readonly spec: VenueSpec<unknown>
  readonly groupName: string
  readonly group: ConnectionGroup
  readonly id: string
  readonly scheduler: SchedulerLike
  readonly logger: Logger
  readonly now: () => number
  readonly debugFrames: boolean
  readonly counters: SocketCounters = { framesIn: 0, bytesIn: 0, framesOut: 0, framesHeld: 0, decodeErrors: 0, unknownFrames: 0, ignored: 0, standbyDropped: 0 }
  readonly lag = new LagRecorder()
  /** `true` while a socket is open and subscribed. */
  readonly open$ = new BehaviorSubject<boolean>(false)
  reconnects = 0
  status: ConnectionStatus = 'connecting'
  private readonly channels = new Map<string, VenueChannel>()
  private readonly topics = new Map<string, VenueChannel>()
  private readonly requests: PendingRequests
  private current: Session | undefined
  private standby: Observable<Session> | undefined
  private standbyDialing: Subscription | undefined
  private loop: Subscription | undefined
  private pendingAdd: VenueChannel[] = []
  private pendingRemove: VenueChannel[] = []
  private flushTask: Subscription | undefined
  private requestIds = 0
  private dials = 0
  private closed = false

  constructor(private readonly options: ConnectionOptions) {
    const { spec, group, id, scheduler, logger, now } = options
    const groupSpec = spec.groups[group]
    if (groupSpec === undefined) throw new Error(`${spec.id}: no connection group ${group}`)
    this.spec = spec
    this.groupName = group
    this.group = groupSpec
    this.id = id
    this.scheduler = scheduler
    this.logger = logger
    this.now = now
    this.debugFrames = options.debugFrames ?? false
    this.requests = new PendingRequests({
      venue: spec.id,
      connection: id,
      open$: this.open$,
      send: (frame) => this.current?.send(frame),
      nextId: () => this.nextRequestId(),
      scheduler,
    })
  }

  get channelCount(): number {
    return this.channels.size
  }

  /** Uplink frames of the live socket waiting for room in a venue rate window now. */
  get framesWaiting(): number {
    return this.current?.uplink?.queued ?? 0
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Subscribes channels (batched with others added in the same tick). Starts the connection if needed. */
  add(channels: readonly VenueChannel[]): void {
    if (this.closed) return
    for (const c of channels) {
      if (this.channels.has(c.key)) continue
      this.channels.set(c.key, c)
      this.topics.set(c.topic, c)
      if (this.current?.live === true) this.pendingAdd.push(c)
    }
    this.start()
    this.scheduleFlush()
  }

  /** Unsubscribes channels (batched with others removed in the same tick). */
  remove(channels: readonly VenueChannel[]): void {
    for (const c of channels) {
      if (!this.channels.delete(c.key)) continue
      if (this.topics.get(c.topic) === c) this.topics.delete(c.topic)
      const queued = this.pendingAdd.indexOf(c)
      if (queued >= 0) this.pendingAdd.splice(queued, 1)
      else if (this.current?.subscribed.has(c.key) === true) this.pendingRemove.push(c)
    }
    this.scheduleFlush()
  }

  /** Unsubscribes then subscribes one channel on the current socket (a book that lost integrity). */
  resubscribe(channel: VenueChannel): void {
    const session = this.current
    if (!this.channels.has(channel.key) || session?.live !== true) return
    this.flush()
    session.unsubscribe([channel])
    session.subscribe([channel])
  }

  /** Sends `build(id)` once open and resolves with the `response` message carrying `String(id)`. */
  request(build: (requestId: number) => string, timeoutMs: number): Promise<unknown> {
    this.start()
    return this.requests.send(build, timeoutMs)
  }

  /** Sends the unsubscribes still owed, then closes the socket. */
  close(reason = 'closed by client'): void {
    if (this.closed) return
    this.closed = true
    const session = this.current
    if (session?.live === true) {
      session.unsubscribe([...this.pendingRemove, ...this.channels.values()])
      session.uplink?.flushAll()
    }
    this.pendingAdd = []
    this.pendingRemove = []
    this.shutdown()
    this.emitState('closed', { reason })
    this.logger.info('connection closed', { connection: this.id, reason })
  }

  // SessionHost ------------------------------------------------------------------------------------------------

  resolve(attempt: number): Promise<Endpoint> {
    const { http, now, secrets } = this.options
    return this.group.resolve({ attempt, http, now, secrets })
  }

  dial(endpoint: Endpoint): Observable<WireEvent> {
    return this.options.dial(endpoint, { venue: this.spec.id, connection: this.id })
  }

  channelList(): readonly VenueChannel[] {
    return [...this.channels.values()]
  }

  channelByTopic(topic: string): VenueChannel | undefined {
    return this.topics.get(topic)
  }

  nextRequestId(): number {
    return ++this.requestIds
  }

  instrument(venueSymbol: string): Instrument | undefined {
    return this.options.instrument(venueSymbol)
  }

  onData(topic: string, events: readonly FeedEvent[]): void {
    this.options.hooks.data(this, topic, events)
  }

  onRejected(channels: readonly VenueChannel[], error: VenueRejectedError): void {
    const held = channels.filter((c) => this.channels.get(c.key) === c)
    for (const c of held) {
      this.channels.delete(c.key)
      if (this.topics.get(c.topic) === c) this.topics.delete(c.topic)
    }
    this.logger.warn('subscription rejected', { connection: this.id, topics: held.map((c) => c.topic), code: error.code, error: error.message })
    if (held.length > 0) this.options.hooks.rejected(this, held, error)
  }

  onHandover(reason: string): void {
    const old = this.current
    if (this.standby !== undefined || this.closed || old?.live !== true) return
    this.logger.info('venue announced a close: opening the replacement connection', { connection: this.id, reason })
    const relay = new ReplaySubject<Session>(1)
    const dialing = Session.open(this, ++this.dials).subscribe(relay)
    const standby = new Observable<Session>((subscriber) => {
      const s = relay.subscribe(subscriber)
      return () => {
        s.unsubscribe()
        dialing.unsubscribe()
      }
    })
    this.standby = standby
    this.standbyDialing = dialing
    let adopted: Session | undefined
    relay.subscribe({
      next: (session) => {
        if (this.current !== old || this.standby !== standby) return
        adopted = session
        this.onLive(session)
        old.fail(new HandoverSignal(reason))
      },
      error: (error: unknown) => {
        if (this.standby !== standby) return // the reconnect loop holds it now and handles its failure
        this.standby = undefined
        if (adopted !== undefined && this.current === adopted) {
          this.current = undefined
          if (this.open$.value) this.open$.next(false)
        }
        this.logger.warn('replacement connection failed', { connection: this.id, error })
      },
    })
  }

  onResponse(requestId: string, result: E.Either<VenueRejectedError, unknown>): void {
    if (!this.requests.settle(requestId, result)) this.onOddFrame('unexpected-frame', `response to unknown request ${requestId}`, '')
  }

  onDecodeError(error: DecodeError): void {
    this.counters.decodeErrors++
    this.options.hooks.issue(decodeIssue(error, this.id, this.now()), error)
  }

  onOddFrame(code: Exclude<IssueCode, 'decode-error'>, what: string, raw: string): void {
    this.options.hooks.issue(frameIssue({ venue: this.spec.id, connection: this.id, code, what, raw, now: this.now() }))
  }

  // Lifecycle --------------------------------------------------------------------------------------------------

  private start(): void {
    if (this.loop !== undefined || this.closed) return
    this.emitState('connecting', { attempt: 1 })
    this.loop = defer(() => this.nextSession())
      .pipe(
        reconnect<Session>({
          delayMs: (attempt, error) => (error instanceof HandoverSignal ? 0 : this.options.delayMs(attempt)),
          healthyAfterMs: this.options.healthyAfterMs,
          scheduler: this.scheduler,
          onRetry: (error, attempt, delayMs) => this.retrying(error, attempt, delayMs),
        }),
      )
      .subscribe({ next: (session) => this.onLive(session), error: (error: unknown) => this.onFatal(error) })
  }

  private nextSession(): Observable<Session> {
    const adopted = this.standby
    this.standby = undefined
    if (adopted !== undefined) return adopted
    this.dials++
    if (this.dials > 1) this.emitState('connecting', { attempt: this.dials })
    return Session.open(this, this.dials)
  }

  private onLive(session: Session): void {
    if (this.current === session) return
    this.current = session
    session.adopted = true
    this.pendingAdd = []
    this.pendingRemove = []
    this.emitState('open', { attempt: session.attempt })
    this.logger.info('connection open', { connection: this.id, attempt: session.attempt, channels: this.channels.size })
    if (this.open$.value) this.open$.next(false)
    this.open$.next(true)
  }

  private retrying(error: unknown, attempt: number, delayMs: number): void {
    if (error instanceof HandoverSignal) return
    this.current = undefined
    this.reconnects++
    if (this.open$.value) this.open$.next(false)
    const reason = error instanceof Error ? error.message : String(error)
    const code = error instanceof ConnectionClosedError && error.code !== undefined ? { code: error.code } : {}
    this.emitState('reconnecting', { attempt, delayMs, reason, ...code })
    this.logger.warn('connection lost, reconnecting', { connection: this.id, attempt, delayMs, reason, ...code })
  }

  private onFatal(error: unknown): void {
    this.closed = true
    this.shutdown()
    const reason = error instanceof Error ? error.message : String(error)
    this.emitState('closed', { reason, ...(error instanceof ConnectionClosedError && error.code !== undefined ? { code: error.code } : {}) })
    this.logger.error('connection failed for good', { connection: this.id, error })
    this.options.hooks.failed(this, error)
  }

  private shutdown(): void {
    this.flushTask?.unsubscribe()
    this.loop?.unsubscribe()
    this.standbyDialing?.unsubscribe()
    this.current = undefined
    this.standby = undefined
    if (this.open$.value) this.open$.next(false)
    this.open$.complete()
    this.requests.closeAll()
  }

  private scheduleFlush(): void {
    if (this.flushTask !== undefined || (this.pendingAdd.length === 0 && this.pendingRemove.length === 0)) return
    this.flushTask = this.scheduler.schedule(() => {
      this.flushTask = undefined
      this.flush()
    })
  }

  private flush(): void {
    const session = this.current
    const removes = this.pendingRemove
    const adds = this.pendingAdd
    this.pendingRemove = []
    this.pendingAdd = []
    if (session?.live !== true) return
    session.unsubscribe(removes)
    session.subscribe(adds)
  }

  private emitState(state: ConnectionStatus, extra: Partial<Pick<ConnectionState, 'attempt' | 'delayMs' | 'reason' | 'code'>>): void {
    this.status = state
    const now = this.now()
    this.options.hooks.state({ kind: 'connection', venue: this.spec.id, connection: this.id, state, ts: now, receivedAt: now, ...extra })
  }
}
