import type { ChannelPool } from './pool'
import type { FeedMetrics } from './types'

/** A point-in-time copy of the pool's counters. @internal */
export const snapshotMetrics = (venue: string, pool: ChannelPool, ts: number): FeedMetrics => ({
  venue,
  ts,
  connections: pool.connections.map((c) => ({
    connection: c.id,
    group: c.groupName,
    state: c.status,
    channels: c.channelCount,
    framesIn: c.counters.framesIn,
    bytesIn: c.counters.bytesIn,
    framesOut: c.counters.framesOut,
    framesHeld: c.counters.framesHeld,
    framesWaiting: c.framesWaiting,
    decodeErrors: c.counters.decodeErrors,
    unknownFrames: c.counters.unknownFrames,
    ignored: c.counters.ignored,
    unrouted: pool.unrouted.get(c) ?? 0,
    reconnects: c.reconnects,
    lag: c.lag.summary(),
  })),
  subscriptions: [...pool.entries.values()].map((e) => ({
    key: e.channel.key,
    topic: e.channel.topic,
    connection: e.connection?.id,
    subscribers: e.refCount,
    events: e.events,
    conflated: e.conflated,
    resyncs: e.resyncs,
    lag: e.lag.summary(),
  })),
  decodeErrors: Object.fromEntries(pool.decodeErrors),
})
