import { startSimulator, type Simulator, waitFor } from '@tributary/testkit'
import { chainedSequence } from '../book/sequence'
import type { BookState, OrderBook } from '../model/book'
import type { ConnectionState } from '../model/health'
import { createTestVenue } from '../socket/__tests__/test-venue'
import { createFeed } from './create-feed'
import { collect, frames } from './__tests__/harness'
import { publish, rejectTopic, testScript } from './__tests__/test-script'
import type { Feed, FeedMetrics } from './types'

let cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

const start = async (): Promise<{ sim: Simulator; feed: Feed }> => {
  const sim = await startSimulator(testScript)
  const venue = createTestVenue({ wsBase: sim.wsBase, books: { snapshot: { source: 'stream' }, sequence: chainedSequence } })
  const feed = createFeed(venue, { backoff: { baseMs: 20, capMs: 40 }, metricsIntervalMs: 20 })
  cleanup.push(() => sim.close(), () => feed.close())
  return { sim, feed }
}

const level = (price: number, size: number): [number, number, string, string] => [price, size, String(price), String(size)]
const snapshot = (symbol: string, seq: number, bid: number): object => ({ kind: 'book-snapshot', symbol, ts: 1, seq, bids: [level(bid, 1)], asks: [level(bid + 1, 1)] })
const update = (symbol: string, prevSeq: number, seq: number, bid: number): object => ({ kind: 'book-update', symbol, ts: 2, prevSeq, seq, bids: [level(bid, 2)], asks: [] })

describe('createFeed books over a loopback venue', () => {
  it('emits the maintained book once its snapshot arrived, then after every update', async () => {
    const { sim, feed } = await start()
    const books = collect<OrderBook>(feed.book('BTC/USDT'))
    await sim.waitFor(() => publish(sim, 'book:BTC/USDT', []) === 1)
    publish(sim, 'book:BTC/USDT', [snapshot('BTC/USDT', 10, 100), update('BTC/USDT', 10, 11, 100.5)])
    await waitFor(() => books.values.length >= 1 && books.values.at(-1)?.seq === 11)
    expect(books.values.at(-1)).toMatchObject({ kind: 'book', symbol: 'BTC/USDT', status: 'live', seq: 11, mid: 100.75 })
    expect(books.values.at(-1)?.bids.map((l) => l[0])).toEqual([100.5, 100])
  })

  it('hands a live book at once to a consumer that joins late, sharing the venue subscription', async () => {
    const { sim, feed } = await start()
    const first = collect<OrderBook>(feed.book('BTC/USDT'))
    await sim.waitFor(() => publish(sim, 'book:BTC/USDT', []) === 1)
    publish(sim, 'book:BTC/USDT', [snapshot('BTC/USDT', 10, 100)])
    await waitFor(() => first.values.length === 1)
    const late = collect<OrderBook>(feed.book('BTC/USDT'))
    await waitFor(() => late.values.length === 1)
    expect(late.values[0]).toBe(first.values[0])
    expect(frames(sim.connections[0]?.received ?? [])).toHaveLength(1)
  })

  it('resubscribes only the book that saw a gap, on its own connection, and reports the resync', async () => {
    const { sim, feed } = await start()
    const status: (ConnectionState | BookState)[] = []
    feed.status$.subscribe((s) => status.push(s))
    const metrics = collect<FeedMetrics>(feed.metrics$)
    const btc = collect<OrderBook>(feed.book('BTC/USDT'))
    const eth = collect<OrderBook>(feed.book('ETH/USDT'))
    await sim.waitFor(() => publish(sim, 'book:BTC/USDT', []) === 1 && publish(sim, 'book:ETH/USDT', []) === 1)
    publish(sim, 'book:BTC/USDT', [snapshot('BTC/USDT', 10, 100)])
    publish(sim, 'book:ETH/USDT', [snapshot('ETH/USDT', 5, 10)])
    await waitFor(() => btc.values.length === 1 && eth.values.length === 1)
    publish(sim, 'book:BTC/USDT', [update('BTC/USDT', 12, 13, 99)])
    await sim.waitFor(() => frames(sim.connections[0]?.received ?? []).length === 3)
    publish(sim, 'book:ETH/USDT', [update('ETH/USDT', 5, 6, 10.5)])
    publish(sim, 'book:BTC/USDT', [snapshot('BTC/USDT', 20, 101)])
    await waitFor(() => eth.values.length === 2 && btc.values.at(-1)?.seq === 20)
    const sent = frames(sim.connections[0]?.received ?? [])
    expect(sent.map((f) => `${f.op} ${(f.args ?? []).join(',')}`)).toEqual(['subscribe book:BTC/USDT,book:ETH/USDT', 'unsubscribe book:BTC/USDT', 'subscribe book:BTC/USDT'])
    expect(status.filter((s): s is BookState => s.kind === 'book-state').map((s) => `${s.symbol} ${s.state}`)).toEqual([
      'BTC/USDT live', 'ETH/USDT live', 'BTC/USDT resyncing', 'BTC/USDT live',
    ])
    await waitFor(() => metrics.values.at(-1)?.subscriptions.find((s) => s.key === 'book:BTC/USDT')?.resyncs === 1)
    expect(eth.error).toBeUndefined()
    expect(sim.connections).toHaveLength(1)
  })

  it('unsubscribes the book channel once its last consumer leaves, and starts afresh for the next one', async () => {
    const { sim, feed } = await start()
    const a = collect<OrderBook>(feed.book('BTC/USDT'))
    const b = collect<OrderBook>(feed.book('BTC/USDT'))
    await sim.waitFor(() => publish(sim, 'book:BTC/USDT', []) === 1)
    publish(sim, 'book:BTC/USDT', [snapshot('BTC/USDT', 10, 100)])
    await waitFor(() => a.values.length === 1 && b.values.length === 1)
    a.subscription.unsubscribe()
    b.subscription.unsubscribe()
    await sim.waitFor(() => frames(sim.connections[0]?.received ?? []).some((f) => f.op === 'unsubscribe'))
    const again = collect<OrderBook>(feed.book('BTC/USDT'))
    await sim.waitFor(() => frames(sim.connections.at(-1)?.received ?? []).filter((f) => f.op === 'subscribe').length >= 1 && publish(sim, 'book:BTC/USDT', []) === 1)
    expect(again.values).toEqual([])
    publish(sim, 'book:BTC/USDT', [snapshot('BTC/USDT', 30, 102)])
    await waitFor(() => again.values.length === 1)
    expect(again.values[0]?.seq).toBe(30)
  })

  it('errors every consumer of a book whose subscription the venue rejects', async () => {
    const { sim, feed } = await start()
    rejectTopic(sim, 'book:BTC/USDT')
    const a = collect<OrderBook>(feed.book('BTC/USDT'))
    const b = collect<OrderBook>(feed.book('BTC/USDT'))
    await waitFor(() => a.error !== undefined && b.error !== undefined)
    expect(a.error).toBe(b.error)
    expect(a.values).toEqual([])
  })

  it('completes every consumer of a book on close', async () => {
    const { sim, feed } = await start()
    const a = collect<OrderBook>(feed.book('BTC/USDT'))
    const b = collect<OrderBook>(feed.book('BTC/USDT'))
    await sim.waitFor(() => publish(sim, 'book:BTC/USDT', []) === 1)
    feed.close()
    expect([a.completed, b.completed]).toEqual([true, true])
  })
})
