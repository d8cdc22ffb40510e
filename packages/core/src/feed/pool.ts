import * as E from 'fp-ts/Either'
import { BehaviorSubject, Observable, Subject, type Subscription } from 'rxjs'
import { ConfigurationError, type DecodeError, type VenueRejectedError } from '../errors'
import type { BookState } from '../model/book'
import type { FeedEvent } from '../model/events'
import type { ConnectionState, Issue } from '../model/health'
import { Connection, type ConnectionHooks } from '../socket/connection'
import type { ConnectionOptions } from '../socket/connection-options'
import { LagRecorder } from '../socket/lag'
import type { VenueChannel } from '../venue'
import { Fanout } from './fanout'
import { InstrumentCache } from './instruments'
import { Routes } from './routes'

/** One venue subscription shared by every consumer of its key. @internal */
export class ChannelEntry {
  /** Where the pool pushes this channel's events (a lean `Subject`: one call per event on the hot path). */
  readonly fanout = new Fanout<FeedEvent>()
  readonly events$: Observable<FeedEvent> = this.fanout.observable
  /** True while the connection carrying this channel is open. */
  readonly connected$ = new BehaviorSubject<boolean>(false)
  connection: Connection | undefined
  refCount = 0
  events = 0
  conflated = 0
  resyncs = 0
  readonly lag = new LagRecorder(256)
  openSub: Subscription | undefined
  constructor(readonly channel: VenueChannel) {}
}

/** What the pool passes to each connection it opens, less what it decides per connection. */
export type PoolOptions = Omit<ConnectionOptions, 'group' | 'id' | 'instrument' | 'hooks' | 'debugFrames'> & {
  readonly debugFrames: boolean
}

/** A consumer's hold on a channel: its events, its connection's state, and a way to rebuild it. @internal */
export interface Lease {
  readonly entry: ChannelEntry
  resubscribe(): void
  release(): void
}

/**
 * Ref-counts venue channels and packs them into connections within each group's limits; routes data frames to
 * channels, rejections to the channels they name, and fatal errors to every channel of the group.
 * @internal
 */
export class ChannelPool implements ConnectionHooks {
  readonly status$ = new Subject<ConnectionState | BookState>()
  readonly issues$ = new Subject<Issue>()
  readonly entries = new Map<string, ChannelEntry>()
  readonly connections: Connection[] = []
  readonly unrouted = new WeakMap<Connection, number>()
  readonly decodeErrors = new Map<string, number>()
  private readonly routes = new Map<Connection, Routes<ChannelEntry>>()
  private readonly forRequests = new Set<Connection>()
  private readonly serial = new Map<string, number>()
  private readonly warned = new Set<string>()
  private readonly instruments: InstrumentCache
  private closed = false

  constructor(private readonly options: PoolOptions) {
    this.instruments = new InstrumentCache(options.spec, options.http)
  }

  /** The shared events of one channel; the first subscriber subscribes the venue, the last one unsubscribes it. */
  channel$(channel: VenueChannel): Observable<FeedEvent> {
    return new Observable<FeedEvent>((subscriber) => {
      const lease = this.acquire(channel)
      const sub = lease.entry.events$.subscribe(subscriber)
      return () => {
        sub.unsubscribe()
        lease.release()
      }
    })
  }

  /** Holds a channel; after `close()` the lease's events complete at once. */
  acquire(channel: VenueChannel): Lease {
    if (this.closed) {
      const entry = new ChannelEntry(channel)
      entry.fanout.complete()
      entry.connected$.complete()
      return { entry, resubscribe: () => undefined, release: () => undefined }
    }
    let entry = this.entries.get(channel.key)
    if (entry === undefined) {
      entry = new ChannelEntry(channel)
      this.entries.set(channel.key, entry)
      this.attach(entry)
    }
    entry.refCount++
    const held = entry
    let released = false
    return {
      entry: held,
      resubscribe: () => {
        if (!released) held.connection?.resubscribe(held.channel)
      },
      release: () => {
        if (released) return
        released = true
        if (--held.refCount === 0 && this.entries.get(held.channel.key) === held) this.detach(held)
      },
    }
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** A connection of `group` for requests (kept open while the feed lives). */
  requestConnection(group: string): Connection {
    const existing = this.connections.find((c) => c.groupName === group && !c.isClosed)
    const connection = existing ?? this.open(group)
    this.forRequests.add(connection)
    return connection
  }

  close(): void {
    this.closed = true
    for (const entry of this.entries.values()) {
      entry.openSub?.unsubscribe()
      entry.fanout.complete()
      entry.connected$.complete()
    }
    this.entries.clear()
    for (const c of this.connections.splice(0)) c.close()
    this.status$.complete()
    this.issues$.complete()
  }

  // ConnectionHooks ----------------------------------------------------------------------------------------------

  data(connection: Connection, topic: string, events: readonly FeedEvent[]): void {
    const entry = this.routes.get(connection)?.get(topic)
    if (entry === undefined) {
      this.unrouted.set(connection, (this.unrouted.get(connection) ?? 0) + 1)
      return
    }
    const lag = connection.lag
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as FeedEvent
      const ms = event.receivedAt - event.ts
      lag.record(ms)
      entry.lag.record(ms)
    }
    entry.events += events.length
    for (let i = 0; i < events.length; i++) entry.fanout.next(events[i] as FeedEvent)
  }

  rejected(_connection: Connection, channels: readonly VenueChannel[], error: VenueRejectedError): void {
    for (const channel of channels) {
      const entry = this.entries.get(channel.key)
      if (entry !== undefined && entry.channel.topic === channel.topic) this.fail(entry, error)
    }
  }

  failed(connection: Connection, error: unknown): void {
    const group = connection.groupName
    for (const entry of [...this.entries.values()]) {
      if (entry.channel.group === group) this.fail(entry, error)
    }
    for (const c of this.connections.filter((x) => x.groupName === group)) this.drop(c)
  }

  state(state: ConnectionState): void {
    this.status$.next(state)
  }

  issue(issue: Issue, error?: DecodeError): void {
    if (error !== undefined) this.decodeErrors.set(error.codec, (this.decodeErrors.get(error.codec) ?? 0) + 1)
    const key = `${issue.code}:${issue.codec ?? issue.message}`
    if (!this.warned.has(key)) {
      this.warned.add(key)
      this.options.logger.warn(issue.message, { connection: issue.connection, code: issue.code, codec: issue.codec, paths: issue.paths, raw: issue.raw })
    }
    this.issues$.next(issue)
  }

  // Placement ----------------------------------------------------------------------------------------------------

  private attach(entry: ChannelEntry): void {
    const { spec } = this.options
    if (spec.instruments?.needed(entry.channel) !== true) {
      this.place(entry)
      return
    }
    void this.instruments.load().then((result) => {
      if (this.entries.get(entry.channel.key) !== entry) return
      if (E.isLeft(result)) this.fail(entry, result.left)
      else this.place(entry)
    })
  }

  private place(entry: ChannelEntry): void {
    if (this.closed) return
    const { channel } = entry
    const group = this.options.spec.groups[channel.group]
    if (group === undefined) {
      this.fail(entry, new ConfigurationError(this.options.spec.id, `channel ${channel.key} names no connection group ${channel.group}`))
      return
    }
    const max = group.limits.maxChannels
    const connection =
      this.connections.find((c) => c.groupName === channel.group && !c.isClosed && c.channelCount < max) ?? this.open(channel.group)
    entry.connection = connection
    this.routes.get(connection)?.set(channel.topic, entry)
    entry.openSub = connection.open$.subscribe((open) => entry.connected$.next(open))
    connection.add([channel])
  }

  private open(group: string): Connection {
    const n = (this.serial.get(group) ?? 0) + 1
    this.serial.set(group, n)
    const id = `${group}#${n}`
    const { spec, logger } = this.options
    const connection = new Connection({
      ...this.options,
      group,
      id,
      logger: logger.child({ venue: spec.id, connection: id }),
      instrument: (venueSymbol) => this.instruments.get(venueSymbol),
      hooks: this,
    })
    this.connections.push(connection)
    this.routes.set(connection, new Routes())
    return connection
  }

  private detach(entry: ChannelEntry): void {
    this.entries.delete(entry.channel.key)
    entry.openSub?.unsubscribe()
    entry.connected$.complete()
    const connection = entry.connection
    if (connection === undefined) return
    this.routes.get(connection)?.delete(entry.channel.topic)
    connection.remove([entry.channel])
    if (connection.channelCount === 0 && !this.forRequests.has(connection)) this.drop(connection)
  }

  /** Errors one channel's consumers; the venue already forgot it (or will with its connection). */
  private fail(entry: ChannelEntry, error: unknown): void {
    if (this.entries.get(entry.channel.key) === entry) this.entries.delete(entry.channel.key)
    entry.openSub?.unsubscribe()
    const connection = entry.connection
    if (connection !== undefined) {
      this.routes.get(connection)?.delete(entry.channel.topic)
      connection.remove([entry.channel])
      if (connection.channelCount === 0 && !this.forRequests.has(connection)) this.drop(connection)
    }
    entry.fanout.error(error)
    entry.connected$.complete()
  }

  private drop(connection: Connection): void {
    const i = this.connections.indexOf(connection)
    if (i >= 0) this.connections.splice(i, 1)
    this.routes.delete(connection)
    this.forRequests.delete(connection)
    connection.close()
  }
}
