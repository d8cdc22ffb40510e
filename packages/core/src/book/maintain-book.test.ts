import * as E from 'fp-ts/Either'
import { NEVER, type Observable } from 'rxjs'
import { map } from 'rxjs/operators'
import { TestScheduler } from 'rxjs/testing'
import { RequestTimeoutError, type FeedError, type ResyncReason } from '../errors'
import { silentLogger } from '../log/logger'
import type { BookSnapshot, BookUpdate } from '../model/book'
import type { BookRules, HttpClient } from '../venue'
import { channel, settled, snapshot, update } from './__tests__/events'
import { maintainBook, type BookOutput } from './maintain-book'
import { chainedSequence, contiguousRange } from './sequence'

const http: HttpClient = () => Promise.reject(new Error('no HTTP in this test'))
const describeOutput = (o: BookOutput): string =>
  o.kind === 'book' ? `${o.bestBid?.[0] ?? '-'}/${o.bestAsk?.[0] ?? '-'}@${o.seq ?? '-'}` : `${o.state}:${o.reason}`

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))

const streamRules: BookRules = { sequence: chainedSequence, snapshot: { source: 'stream' } }
const events = {
  s: snapshot({ seq: 100, bids: [[10, 1]], asks: [[11, 1]] }),
  a: update({ prevSeq: 100, seq: 101, bids: [[10.5, 1]] }),
  g: update({ prevSeq: 150, seq: 151, bids: [[10.6, 1]] }),
  h: update({ prevSeq: 151, seq: 152, bids: [[10.7, 1]] }),
  t: snapshot({ seq: 200, bids: [[9, 1]], asks: [[11, 1]] }),
  b: update({ prevSeq: 200, seq: 201, asks: [[10, 1]] }),
}

describe('maintainBook on a stream-snapshot venue', () => {
  const run = (
    eventMarbles: string,
    connectedMarbles: string,
    expected: string,
    expectedValues: Record<string, string>,
    resubscribedAt: readonly [number, ResyncReason][],
    snapshotTimeoutMs = 1_000,
  ) => {
    const ts = scheduler()
    const calls: [number, ResyncReason][] = []
    ts.run(({ cold, hot, expectObservable }) => {
      const source: Observable<BookSnapshot | BookUpdate> = cold(eventMarbles, events)
      const connected$ = hot(connectedMarbles, { t: true, f: false })
      const out = source.pipe(
        maintainBook({
          venue: 'test', symbol: 'BTC/USDT', channel, rules: streamRules, http, logger: silentLogger, connected$, scheduler: ts,
          resubscribe: (reason) => calls.push([ts.now(), reason]),
          resyncDelayMs: (attempt) => 10 * attempt,
          snapshotTimeoutMs,
        }),
        map(describeOutput),
      )
      expectObservable(out).toBe(expected, expectedValues)
    })
    expect(calls).toEqual(resubscribedAt)
  }

  it('publishes the state change and the book on the snapshot, then a book per update', () => {
    run('s---a|', 't', '(xy)z|', { x: 'live:snapshot', y: '10/11@100', z: '10.5/11@101' }, [])
  })

  it('resubscribes once per resync, after resyncDelayMs, and goes live on the new snapshot', () => {
    run('s---g-h 13ms t---b|', 't', '(xy)r 15ms (lz)w|', {
      x: 'live:snapshot', y: '10/11@100', r: 'resyncing:sequence-gap', l: 'live:snapshot', z: '9/11@200', w: '9/10@201',
    }, [[14, 'sequence-gap']])
  })

  it('resubscribes again with backoff while no snapshot follows a resubscribe', () => {
    run('s---g 100ms |', 't', '(xy)r 100ms |', { x: 'live:snapshot', y: '10/11@100', r: 'resyncing:sequence-gap' }, [
      [14, 'sequence-gap'],
      [54, 'sequence-gap'],
      [104, 'sequence-gap'],
    ], 20)
  })

  it('goes stale when the connection drops, cancelling a pending resubscribe, then syncing when it is back', () => {
    run('s---g 13ms t----|', 't 7ms f--t', '(xy)r---s--c 6ms (lz)-|', {
      x: 'live:snapshot', y: '10/11@100', r: 'resyncing:sequence-gap', s: 'stale:connection down', c: 'syncing:reconnected',
      l: 'live:snapshot', z: '9/11@200',
    }, [])
  })

  it('passes an error of the source through', () => {
    const ts = scheduler()
    ts.run(({ cold, expectObservable }) => {
      const out = cold<BookSnapshot | BookUpdate>('s---#', events).pipe(
        maintainBook({ venue: 'test', symbol: 'BTC/USDT', channel, rules: streamRules, http, logger: silentLogger, connected$: NEVER, scheduler: ts, resubscribe: () => undefined }),
        map(describeOutput),
      )
      expectObservable(out).toBe('(xy)#', { x: 'live:snapshot', y: '10/11@100' })
    })
  })
})

describe('maintainBook on a REST-snapshot venue', () => {
  const restEvents = {
    u: update({ prevSeq: 99, seq: 100, bids: [[9.5, 1]] }),
    v: update({ prevSeq: 100, seq: 101, bids: [[9.6, 1]] }),
    w: update({ prevSeq: 101, seq: 102, bids: [[9.7, 1]] }),
  }

  const run = (results: readonly E.Either<FeedError, BookSnapshot>[], eventMarbles: string, expected: string, values: Record<string, string>) => {
    const ts = scheduler()
    const fetchedAt: number[] = []
    const rules: BookRules = {
      sequence: contiguousRange,
      snapshot: {
        source: 'rest',
        fetch: () => {
          const result = results[fetchedAt.length] ?? E.left(new RequestTimeoutError('test', 'snapshot', 1))
          fetchedAt.push(ts.now())
          return settled(result)
        },
      },
    }
    ts.run(({ cold, hot, expectObservable }) => {
      const out = cold<BookSnapshot | BookUpdate>(eventMarbles, restEvents).pipe(
        maintainBook({
          venue: 'test', symbol: 'BTC/USDT', channel, rules, http, logger: silentLogger, connected$: hot('t', { t: true }), scheduler: ts,
          resubscribe: () => undefined,
          resyncDelayMs: (attempt) => (attempt <= 1 ? 0 : 10 * 2 ** (attempt - 2)),
        }),
        map(describeOutput),
      )
      expectObservable(out).toBe(expected, values)
    })
    return fetchedAt
  }
  const failure = E.left(new RequestTimeoutError('test', 'snapshot', 10_000))
  const snap = (seq: number) => E.right(snapshot({ seq, bids: [[9, 1]], asks: [[11, 1]] }))

  it('fetches on connect and replays the buffered updates the snapshot does not cover', () => {
    const fetchedAt = run([snap(100)], 'u---v---w-|', '(xy)z---w-|', {
      x: 'live:snapshot-aligned', y: '9/11@100', z: '9.6/11@101', w: '9.7/11@102',
    })
    expect(fetchedAt).toEqual([0])
  })

  it('refetches a failed snapshot with growing backoff, then replays the buffer', () => {
    const fetchedAt = run([failure, failure, snap(100)], 'u-v-w 37ms |', '30ms (xy) 8ms |', {
      x: 'live:snapshot-aligned', y: '9.7/11@102',
    })
    expect(fetchedAt).toEqual([0, 10, 30])
  })

  it('refetches when the snapshot is older than the buffer', () => {
    const fetchedAt = run([snap(50), snap(101)], 'u-v-w 15ms |', '10ms (xy) 6ms |', { x: 'live:snapshot-aligned', y: '9.7/11@102' })
    expect(fetchedAt).toEqual([0, 10])
  })
})
