import type { BookStatus } from '../model/book'
import type { BookRules } from '../venue'
import { snapshot, update } from './__tests__/events'
import { feed, last, machineWith, streamRules } from './__tests__/machine-helpers'
import type { BookInput } from './types'

const ev = (event: Parameters<typeof snapshot>[0] & { update?: true }): BookInput => {
  const { update: isUpdate, ...rest } = event
  return { type: 'event', event: isUpdate === true ? update(rest) : snapshot(rest) }
}
const snap = ev({ seq: 100, bids: [[10, 1], [9, 1]], asks: [[11, 1], [12, 1]] })
const upd = (prevSeq: number, seq: number, changes: { bids?: [number, number][]; asks?: [number, number][] } = {}) =>
  ev({ update: true, prevSeq, seq, ...changes })

describe('createBookMachine on a stream-snapshot venue', () => {
  it.each<[string, BookInput[], string[], BookStatus]>([
    ['goes live on the first snapshot and publishes the book', [snap], ['syncing→live (snapshot)', 'book 10/11'], 'live'],
    ['publishes a live empty book', [ev({ seq: 1 })], ['syncing→live (snapshot)', 'book -/-'], 'live'],
    ['applies a contiguous update', [snap, upd(100, 101, { bids: [[10.5, 2]] })], ['book 10.5/11'], 'live'],
    ['deletes a level on size 0', [snap, upd(100, 101, { asks: [[11, 0]] })], ['book 10/12'], 'live'],
    ['skips a duplicate update', [snap, upd(100, 101, { bids: [[10.5, 1]] }), upd(100, 101, { bids: [[10.5, 1]] })], [], 'live'],
    ['skips an empty heartbeat', [snap, upd(100, 100)], [], 'live'],
    ['resyncs on a sequence gap', [snap, upd(105, 106)], ['live→resyncing (sequence-gap)', 'resubscribe sequence-gap #1'], 'resyncing'],
    ['resyncs on a sequence reset', [snap, upd(100, 3)], ['live→resyncing (sequence-reset)', 'resubscribe sequence-reset #1'], 'resyncing'],
    ['resyncs on a delta before any snapshot', [upd(1, 2)], ['resubscribe delta-before-snapshot #1'], 'syncing'],
    ['skips further deltas while its resubscribe is pending', [upd(1, 2), upd(2, 3)], [], 'syncing'],
    ['skips deltas while resyncing', [snap, upd(105, 106), upd(106, 107)], [], 'resyncing'],
    ['goes live again on the new snapshot', [snap, upd(105, 106), ev({ seq: 200, bids: [[8, 1]] })], ['resyncing→live (snapshot)', 'book 8/-'], 'live'],
    ['resyncs on a crossed snapshot', [ev({ seq: 1, bids: [[11, 1]], asks: [[11, 1]] })], ['resubscribe crossed-book #1'], 'syncing'],
    ['resyncs when an update crosses the book', [snap, upd(100, 101, { bids: [[11.5, 1]] })], ['live→resyncing (crossed-book)', 'resubscribe crossed-book #1'], 'resyncing'],
    ['verifies a matching checksum', [snap, ev({ update: true, prevSeq: 100, seq: 101, checksum: 10_011 })], ['book 10/11'], 'live'],
    ['resyncs on a checksum mismatch', [snap, ev({ update: true, prevSeq: 100, seq: 101, checksum: 7 })], ['live→resyncing (checksum-mismatch)', 'resubscribe checksum-mismatch #1'], 'resyncing'],
    ['goes stale when its connection drops', [snap, { type: 'disconnected', reason: 'closed 1006' }], ['live→stale (closed 1006)'], 'stale'],
    ['skips updates while stale', [snap, { type: 'disconnected', reason: 'x' }, upd(100, 101)], [], 'stale'],
    ['goes syncing when its connection is back', [snap, { type: 'disconnected', reason: 'x' }, { type: 'connected' }], ['stale→syncing (reconnected)'], 'syncing'],
    ['goes live on the first snapshot after a reconnect', [snap, { type: 'disconnected', reason: 'x' }, { type: 'connected' }, ev({ seq: 5, asks: [[13, 1]] })], ['syncing→live (snapshot)', 'book -/13'], 'live'],
    ['ignores a connect while live', [snap, { type: 'connected' }], [], 'live'],
    ['resubscribes again, one attempt more, when no snapshot follows', [snap, upd(105, 106), { type: 'snapshot-timeout' }], ['resubscribe sequence-gap #2'], 'resyncing'],
    ['ignores a snapshot timeout once live again', [snap, upd(105, 106), ev({ seq: 5 }), { type: 'snapshot-timeout' }], [], 'live'],
    ['ignores a snapshot timeout while stale', [snap, upd(105, 106), { type: 'disconnected', reason: 'x' }, { type: 'snapshot-timeout' }], [], 'stale'],
  ])('%s', (_, inputs, effects, status) => {
    const machine = machineWith(streamRules)
    expect(last(machine, inputs)).toEqual(effects)
    expect(machine.status).toBe(status)
  })

  it.each<[string, BookInput[], Partial<Record<string, number>>]>([
    ['counts applied snapshots and updates', [snap, upd(100, 101), upd(101, 102)], { applied: 3, skipped: 0 }],
    ['counts skipped duplicates and heartbeats', [snap, upd(100, 100), upd(90, 95)], { applied: 1, skipped: 2 }],
    ['counts verified checksums', [snap, ev({ update: true, prevSeq: 100, seq: 101, checksum: 10_011 })], { checksumsVerified: 1, checksumMismatches: 0 }],
    ['counts checksum mismatches and resyncs', [snap, ev({ update: true, prevSeq: 100, seq: 101, checksum: 1 })], { checksumMismatches: 1, resyncs: 1 }],
    ['verifies nothing when the event carries no checksum', [snap, upd(100, 101)], { checksumsVerified: 0, checksumMismatches: 0 }],
    ['counts sequence gaps and resets', [snap, upd(101, 102), ev({ seq: 1 }), upd(1, 0)], { sequenceGaps: 2, resyncs: 2 }],
  ])('%s', (_, inputs, expected) => {
    const machine = machineWith(streamRules)
    feed(machine, inputs)
    expect(machine.stats).toMatchObject(expected)
  })

  it('hands out stats as a copy that later inputs leave unchanged', () => {
    const machine = machineWith(streamRules)
    feed(machine, [snap])
    const before = machine.stats
    feed(machine, [upd(100, 101), upd(100, 100)])
    expect([before, machine.stats]).toEqual([
      { applied: 1, skipped: 0, checksumsVerified: 0, checksumMismatches: 0, sequenceGaps: 0, resyncs: 0 },
      { applied: 2, skipped: 1, checksumsVerified: 0, checksumMismatches: 0, sequenceGaps: 0, resyncs: 0 },
    ])
  })

  it('publishes books only while live, and only live-status books', () => {
    const machine = machineWith(streamRules)
    const inputs = [snap, upd(100, 101), upd(120, 121), upd(121, 122), ev({ seq: 5 }), upd(5, 6)]
    const published = inputs.flatMap((input) =>
      machine.handle(input).flatMap((e) => (e.type === 'book' ? [[e.book.status, machine.status]] : [])),
    )
    expect(published).toEqual(Array.from({ length: 4 }, () => ['live', 'live']))
  })

  it('has no current book once it is not live', () => {
    const machine = machineWith(streamRules)
    feed(machine, [snap, upd(120, 121)])
    expect(machine.book).toBeUndefined()
  })

  it('keeps a published book unchanged after more updates', () => {
    const machine = machineWith(streamRules)
    machine.handle(snap)
    const kept = machine.book
    const before = JSON.stringify(kept)
    feed(machine, [upd(100, 101, { bids: [[10, 0], [10.5, 3]], asks: [[11, 5]] }), upd(101, 102, { asks: [[12, 0]] })])
    expect([JSON.stringify(kept), machine.book?.bestBid?.[0]]).toEqual([before, 10.5])
  })

  it('checks the checksum of every update on the book it then publishes', () => {
    const checked: unknown[] = []
    const machine = machineWith({ ...streamRules, checksum: (book) => (checked.push(book), streamRules.checksum?.(book) ?? 0) })
    const published = [snap, ev({ update: true, prevSeq: 100, seq: 101, checksum: 10_011 }), ev({ update: true, prevSeq: 101, seq: 102, bids: [[10.5, 1]], checksum: 10_511 })]
      .flatMap((input) => machine.handle(input))
      .flatMap((e) => (e.type === 'book' ? [e.book] : []))
    expect(checked).toHaveLength(2)
    expect(published.slice(1)).toEqual(checked)
    expect(published[1]).toBe(checked[0])
    expect(published[2]?.bestBid?.[0]).toBe(10.5)
  })

  it('serves the best n levels per side from top(n)', () => {
    const machine = machineWith(streamRules)
    machine.handle(ev({ seq: 1, bids: [[10, 1], [9, 2], [8, 3]], asks: [[11, 1], [12, 2], [13, 3]] }))
    const top = machine.book?.top(2)
    expect([top?.bids.map((l) => l[0]), top?.asks.map((l) => l[0])]).toEqual([[10, 9], [11, 12]])
  })

  it('truncates each side to the rule maxDepth', () => {
    const machine = machineWith({ ...streamRules, maxDepth: () => 1 })
    machine.handle(snap)
    expect([machine.book?.bids.length, machine.book?.asks.length]).toEqual([1, 1])
  })

  it('truncates to the depth the event declares when the rules give none', () => {
    const machine = machineWith(streamRules)
    machine.handle(ev({ seq: 1, depth: 1, bids: [[10, 1], [9, 1]], asks: [[11, 1], [12, 1]] }))
    expect([machine.book?.bids.length, machine.book?.asks.length]).toEqual([1, 1])
  })

  it('accepts a crossed book when the rules allow it', () => {
    const machine = machineWith({ ...streamRules, allowCrossed: true })
    expect(last(machine, [ev({ seq: 1, bids: [[12, 1]], asks: [[11, 1]] })])).toEqual(['syncing→live (snapshot)', 'book 12/11'])
  })

  it('applies every update in order when the venue has no sequence rule', () => {
    const { sequence: _, ...rules }: BookRules = streamRules
    const machine = machineWith(rules)
    expect(last(machine, [snap, upd(500, 3, { bids: [[10.5, 1]] })])).toEqual(['book 10.5/11'])
  })

  it('resyncs only the book whose sequence breaks; its sibling keeps streaming', () => {
    const a = machineWith(streamRules)
    const b = machineWith(streamRules)
    const steps: [BookInput, BookInput][] = [
      [snap, snap],
      [upd(100, 101), upd(100, 101, { bids: [[10.1, 1]] })],
      [upd(150, 151), upd(101, 102, { bids: [[10.2, 1]] })],
      [upd(151, 152), upd(102, 103, { bids: [[10.3, 1]] })],
    ]
    const out = steps.map(([ia, ib]) => [a.handle(ia).length, b.handle(ib).map((e) => e.type)])
    expect(out.slice(2)).toEqual([[2, ['book']], [0, ['book']]])
    expect([a.status, b.status, a.stats.resyncs, b.stats.resyncs]).toEqual(['resyncing', 'live', 1, 0])
  })

  it('counts resync attempts while a book keeps failing, and starts again after a healthy spell', () => {
    const clock = { t: 0 }
    const machine = machineWith(streamRules, clock)
    const at = (t: number, inputs: BookInput[]) => {
      clock.t = t
      return last(machine, inputs).at(-1)
    }
    const attempts = [
      at(0, [ev({ seq: 1 }), upd(5, 6)]),
      at(1_000, [ev({ seq: 1 }), upd(5, 6)]),
      at(2_000, [ev({ seq: 1 })]),
      at(40_000, [upd(5, 6)]),
    ]
    expect(attempts).toEqual(['resubscribe sequence-gap #1', 'resubscribe sequence-gap #2', 'book -/-', 'resubscribe sequence-gap #1'])
  })
})
