import { RequestTimeoutError } from '../errors'
import type { BookStatus } from '../model/book'
import type { BookRules, SnapshotSource } from '../venue'
import { channel, snapshot, update } from './__tests__/events'
import { feed, last, machineWith, restRules } from './__tests__/machine-helpers'
import { createBookMachine } from './machine'
import type { BookInput } from './types'

// KuCoin-style ranges: an update covers (prevSeq, seq], prevSeq = sequenceStart - 1.
const upd = (prevSeq: number, seq: number, bids: [number, number][] = [[9, seq]]): BookInput => ({
  type: 'event',
  event: update({ prevSeq, seq, bids }),
})
const rest = (seq: number, bids: [number, number][] = [[9, 1], [8, 1]]): BookInput => ({
  type: 'rest-snapshot',
  snapshot: snapshot({ seq, bids, asks: [[11, 1]] }),
})
const failed: BookInput = { type: 'rest-snapshot-failed', error: new RequestTimeoutError('test', 'snapshot', 10_000) }
const down: BookInput = { type: 'disconnected', reason: 'closed 1006' }
const up: BookInput = { type: 'connected' }

describe('createBookMachine on a REST-snapshot venue', () => {
  it.each<[string, BookInput[], string[], BookStatus]>([
    ['buffers the first update and asks for the snapshot', [upd(100, 101)], ['fetch #1'], 'syncing'],
    ['asks only once while the snapshot is in flight', [upd(100, 101), upd(101, 102)], [], 'syncing'],
    ['fetches as soon as its connection is up', [up], ['fetch #1'], 'syncing'],
    ['goes live on an aligned snapshot', [upd(100, 101), upd(101, 102), rest(101)], ['syncing→live (snapshot-aligned)', 'book 9/11'], 'live'],
    ['refetches when the snapshot is older than the buffer', [upd(105, 106), rest(100)], ['fetch #2 snapshot-too-old'], 'syncing'],
    ['goes live on a snapshot newer than the whole buffer', [upd(100, 101), upd(101, 102), rest(110)], ['syncing→live (snapshot-aligned)', 'book 9/11'], 'live'],
    ['goes live on a snapshot when nothing was buffered', [up, rest(110)], ['syncing→live (snapshot-aligned)', 'book 9/11'], 'live'],
    ['refetches after a failed fetch, one attempt more', [upd(100, 101), failed, failed], ['fetch #3'], 'syncing'],
    ['ignores a snapshot nobody asked for', [rest(100)], [], 'syncing'],
    ['refetches this book alone on a gap mid-stream', [up, rest(100), upd(104, 105)], ['live→resyncing (sequence-gap)', 'fetch #2 sequence-gap'], 'resyncing'],
    ['refetches when the buffer itself has a gap', [upd(100, 101), upd(101, 102), upd(104, 105), rest(101)], ['fetch #2 sequence-gap'], 'syncing'],
    ['refetches on a sequence reset in the buffer', [upd(100, 101), upd(101, 50), rest(100)], ['fetch #2 sequence-reset'], 'syncing'],
    ['goes stale when its connection drops', [up, rest(100), down], ['live→stale (closed 1006)'], 'stale'],
    ['buffers updates while stale without fetching', [up, rest(100), down, upd(200, 201)], [], 'stale'],
    ['refetches when its connection is back', [up, rest(100), down, up], ['stale→syncing (reconnected)', 'fetch #1'], 'syncing'],
    ['ignores a snapshot that arrives after a disconnect', [up, down, rest(100)], [], 'stale'],
  ])('%s', (_, inputs, effects, status) => {
    const machine = machineWith(restRules)
    expect(last(machine, inputs)).toEqual(effects)
    expect(machine.status).toBe(status)
  })

  it('replays the buffered updates the snapshot does not cover, in order', () => {
    const machine = machineWith(restRules)
    feed(machine, [upd(99, 100, [[9.5, 1]]), upd(100, 101, [[9.6, 1]]), upd(101, 103, [[9.7, 1], [8, 0]]), rest(100)])
    expect(machine.book?.bids.map((l) => l[0])).toEqual([9.7, 9.6, 9])
    expect(machine.stats).toMatchObject({ applied: 3, skipped: 1 })
  })

  it('applies the first update that overlaps the snapshot sequence', () => {
    const machine = machineWith(restRules)
    feed(machine, [upd(99, 103, [[9.5, 1]]), rest(101)])
    expect([machine.status, machine.book?.seq, machine.book?.bestBid?.[0]]).toEqual(['live', 103, 9.5])
  })

  it('aligns on the next snapshot after one that was too old, keeping the buffer', () => {
    const machine = machineWith(restRules)
    feed(machine, [upd(105, 106, [[9.5, 1]]), rest(100), upd(106, 107, [[9.6, 1]]), rest(105)])
    expect([machine.status, machine.book?.seq, machine.book?.bids.map((l) => l[0])]).toEqual(['live', 107, [9.6, 9.5, 9, 8]])
  })

  it('replays the update that revealed a gap once the new snapshot covers its start', () => {
    const machine = machineWith(restRules)
    feed(machine, [up, rest(100), upd(104, 105, [[9.5, 1]]), rest(104)])
    expect([machine.status, machine.book?.seq, machine.book?.bestBid?.[0]]).toEqual(['live', 105, 9.5])
  })

  it('replays updates buffered while stale after the reconnect snapshot', () => {
    const machine = machineWith(restRules)
    feed(machine, [up, rest(100), down, upd(200, 201, [[9.5, 1]]), up, rest(200)])
    expect([machine.status, machine.book?.seq]).toEqual(['live', 201])
  })

  it('keeps at most maxBuffered updates while the snapshot is in flight', () => {
    const machine = machineWith(restRules)
    feed(machine, Array.from({ length: 10_010 }, (_, i) => upd(i, i + 1)))
    // the 10 oldest updates were dropped, so a snapshot at 0 is too old and one at 10 aligns
    expect([last(machine, [rest(0)]), last(machine, [rest(10)])]).toEqual([['fetch #2 snapshot-too-old'], ['syncing→live (snapshot-aligned)', 'book 9/11']])
  })
})

describe('createBookMachine with a snapshot source per channel', () => {
  const perChannel = (restTopic: string): BookRules => ({
    ...restRules,
    snapshot: (c) => (c.topic === restTopic ? restRules.snapshot as SnapshotSource : { source: 'stream' }),
  })
  const machineOn = (topic: string, restTopic: string) =>
    createBookMachine({ venue: 'test', symbol: 'BTC/USDT', channel: { ...channel, topic, key: topic }, rules: perChannel(restTopic), now: () => 0 })

  it('fetches over REST for the channel whose source is rest', () => {
    expect(feed(machineOn('diff:BTC', 'diff:BTC'), [upd(100, 101)])).toEqual([['fetch #1']])
  })

  it('waits for the stream snapshot, never fetching, for a channel whose source is the stream', () => {
    const machine = machineOn('top5:BTC', 'diff:BTC')
    expect(feed(machine, [up, { type: 'event', event: snapshot({ bids: [[9, 1]], asks: [[11, 1]] }) }])).toEqual([[], ['syncing→live (snapshot)', 'book 9/11']])
  })
})
