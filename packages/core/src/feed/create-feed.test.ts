import { startSimulator, type Simulator, waitFor } from '@tributary/testkit'
import * as E from 'fp-ts/Either'
import { BufferOverflowError, ConfigurationError, VenueRejectedError } from '../errors'
import type { Issue } from '../model/health'
import type { Ticker, Trade } from '../model/market'
import { createTestVenue, type TestVenueOptions } from '../socket/__tests__/test-venue'
import { createFeed } from './create-feed'
import { collect, frames } from './__tests__/harness'
import { publish, rejectTopic, testScript, ticker, trade } from './__tests__/test-script'
import type { Feed, FeedMetrics, FeedOptions } from './types'

let cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

const start = async (venue: TestVenueOptions = {}, options: FeedOptions = {}): Promise<{ sim: Simulator; feed: Feed }> => {
  const sim = await startSimulator(testScript)
  const feed = createFeed(createTestVenue({ wsBase: sim.wsBase, heartbeat: { intervalMs: 50, timeoutMs: 1_000 }, ...venue }), {
    backoff: { baseMs: 20, capMs: 50 },
    ...options,
  })
  cleanup.push(() => sim.close(), () => feed.close())
  return { sim, feed }
}

const subscribed = (sim: Simulator, topic: string, conn = 0): Promise<void> =>
  sim.waitFor(() => (sim.connections[conn]?.sent ?? []).some((f) => f.includes('"ack"')) && publish(sim, topic, []) > 0)

describe('createFeed over a loopback venue', () => {
  it('streams a ticker after subscribing its channel', async () => {
    const { sim, feed } = await start()
    const got = collect(feed.ticker('BTC/USDT'))
    await subscribed(sim, 'ticker:BTC/USDT')
    publish(sim, 'ticker:BTC/USDT', [ticker('BTC/USDT', 100)])
    await waitFor(() => got.values.length === 1)
    expect(got.values[0]).toMatchObject({ kind: 'ticker', venue: 'test', symbol: 'BTC/USDT', last: 100 })
    expect(frames(sim.connections[0]?.received ?? [])).toEqual([{ op: 'subscribe', id: 1, args: ['ticker:BTC/USDT'] }])
  })

  it('shares one venue subscription between consumers and unsubscribes when the last one leaves', async () => {
    const { sim, feed } = await start()
    const a = collect(feed.ticker('BTC/USDT'))
    const b = collect(feed.ticker('BTC/USDT'))
    await subscribed(sim, 'ticker:BTC/USDT')
    a.subscription.unsubscribe()
    publish(sim, 'ticker:BTC/USDT', [ticker('BTC/USDT', 1)])
    await waitFor(() => b.values.length === 1)
    expect(frames(sim.connections[0]?.received ?? []).map((f) => f.op)).toEqual(['subscribe'])
    b.subscription.unsubscribe()
    await sim.waitFor(() => sim.connections[0]?.closedWith !== undefined)
    expect(frames(sim.connections[0]?.received ?? [])).toEqual([
      { op: 'subscribe', id: 1, args: ['ticker:BTC/USDT'] },
      { op: 'unsubscribe', id: 2, args: ['ticker:BTC/USDT'] },
    ])
    expect(sim.connections[0]?.closedWith?.code).toBe(1000)
  })

  it('errors only the rejected subscription while its siblings keep streaming', async () => {
    const { sim, feed } = await start()
    rejectTopic(sim, 'ticker:BAD/USDT')
    const good = collect(feed.ticker('BTC/USDT'))
    const bad = collect(feed.ticker('BAD/USDT'))
    await waitFor(() => bad.error !== undefined)
    publish(sim, 'ticker:BTC/USDT', [ticker('BTC/USDT', 7)])
    await waitFor(() => good.values.length === 1)
    expect(bad.error).toBeInstanceOf(VenueRejectedError)
    expect((bad.error as VenueRejectedError).code).toBe('60018')
    expect(good.error).toBeUndefined()
    expect(sim.openConnections).toHaveLength(1)
  })

  it('opens another connection once maxChannels is reached', async () => {
    const { sim, feed } = await start({ limits: { maxChannels: 2 } })
    const subs = ['A', 'B', 'C', 'D', 'E'].map((s) => collect(feed.ticker(`${s}/USDT`)))
    await sim.waitFor(() => sim.connections.length === 3 && sim.connections.every((c) => c.received.some((f) => f.includes('subscribe'))))
    expect(sim.connections.map((c) => frames(c.received).flatMap((f) => f.args ?? []))).toEqual([
      ['ticker:A/USDT', 'ticker:B/USDT'],
      ['ticker:C/USDT', 'ticker:D/USDT'],
      ['ticker:E/USDT'],
    ])
    subs.forEach((s) => s.subscription.unsubscribe())
  })

  it('narrows an account-wide channel to the symbol asked for', async () => {
    const { sim, feed } = await start()
    const btc = collect(feed.orders('BTC/USDT'))
    const all = collect(feed.orders())
    await subscribed(sim, 'orders')
    const order = (symbol: string): object => ({ kind: 'order', symbol, ts: 1, id: symbol, side: 'buy', type: 'limit', status: 'open', size: 1, filledSize: 0 })
    publish(sim, 'orders', [order('ETH/USDT'), order('BTC/USDT')])
    await waitFor(() => all.values.length === 2 && btc.values.length === 1)
    expect(btc.values.map((o) => o.symbol)).toEqual(['BTC/USDT'])
    expect(frames(sim.connections[0]?.received ?? [])).toHaveLength(1)
  })

  it('errors a trade stream whose consumer fell behind by more than bufferCapacity', async () => {
    const { sim, feed } = await start({}, { bufferCapacity: 3 })
    const trades = collect<Trade>(feed.trades('BTC/USDT'))
    await subscribed(sim, 'trades:BTC/USDT')
    publish(sim, 'trades:BTC/USDT', [1, 2, 3, 4, 5].map((n) => trade('BTC/USDT', String(n))))
    await waitFor(() => trades.error !== undefined)
    expect(trades.error).toBeInstanceOf(BufferOverflowError)
    expect(trades.values).toEqual([])
  })

  it('delivers every ticker to a consumer that keeps up', async () => {
    const { sim, feed } = await start({}, { metricsIntervalMs: 20 })
    const tickers = collect<Ticker>(feed.ticker('BTC/USDT'))
    const metrics = collect<FeedMetrics>(feed.metrics$)
    await subscribed(sim, 'ticker:BTC/USDT')
    publish(sim, 'ticker:BTC/USDT', [1, 2, 3, 4, 5].map((n) => ticker('BTC/USDT', n)))
    await waitFor(() => tickers.values.length === 5 && (metrics.values.at(-1)?.subscriptions[0]?.events ?? 0) === 5)
    expect(tickers.values.map((t) => t.last)).toEqual([1, 2, 3, 4, 5])
    expect(metrics.values.at(-1)?.subscriptions[0]).toMatchObject({ key: 'ticker:BTC/USDT', events: 5, conflated: 0 })
  })

  it('conflates tickers that pile up beyond conflateAbove and counts them', async () => {
    const { sim, feed } = await start({}, { metricsIntervalMs: 20, conflateAbove: 2 })
    const tickers = collect<Ticker>(feed.ticker('BTC/USDT'))
    const metrics = collect<FeedMetrics>(feed.metrics$)
    await subscribed(sim, 'ticker:BTC/USDT')
    publish(sim, 'ticker:BTC/USDT', [1, 2, 3, 4, 5].map((n) => ticker('BTC/USDT', n)))
    await waitFor(() => tickers.values.at(-1)?.last === 5 && (metrics.values.at(-1)?.subscriptions[0]?.conflated ?? 0) > 0)
    expect(tickers.values.map((t) => t.last)).toEqual([5])
    expect(metrics.values.at(-1)?.subscriptions[0]).toMatchObject({ key: 'ticker:BTC/USDT', events: 5, conflated: 4, subscribers: 1 })
  })

  it('publishes a decode failure as an issue and keeps streaming', async () => {
    const { sim, feed } = await start()
    const issues = collect<Issue>(feed.issues$)
    const tickers = collect<Ticker>(feed.ticker('BTC/USDT'))
    await subscribed(sim, 'ticker:BTC/USDT')
    sim.openConnections[0]?.send('{"topic":"ticker:BTC/USDT","data":[{"kind":"ticker","symbol":"BTC/USDT","ts":"soon"}]}')
    publish(sim, 'ticker:BTC/USDT', [ticker('BTC/USDT', 2)])
    await waitFor(() => tickers.values.length === 1 && issues.values.length === 1)
    expect(issues.values[0]).toMatchObject({ kind: 'issue', code: 'decode-error', codec: 'TestData', paths: ['data.0.ts'], connection: 'public#1' })
    expect(tickers.error).toBeUndefined()
  })

  it('counts frames, bytes, events, decode errors and lag in metrics$', async () => {
    const { sim, feed } = await start({}, { metricsIntervalMs: 20, now: () => 1_005 })
    const tickers = collect<Ticker>(feed.ticker('BTC/USDT'))
    const metrics = collect<FeedMetrics>(feed.metrics$)
    await subscribed(sim, 'ticker:BTC/USDT')
    sim.faults.sendMalformed()
    publish(sim, 'ticker:BTC/USDT', [ticker('BTC/USDT', 1, 1_000), ticker('ETH/USDT', 1, 1_000)])
    await waitFor(() => tickers.values.length === 1 && (metrics.values.at(-1)?.connections[0]?.decodeErrors ?? 0) === 1)
    const m = metrics.values.at(-1)
    const sent = sim.connections[0]?.sent ?? []
    expect(m?.connections[0]).toMatchObject({
      connection: 'public#1', group: 'public', state: 'open', channels: 1,
      framesIn: sent.length, bytesIn: sent.reduce((n, f) => n + f.length, 0), decodeErrors: 1, reconnects: 0,
    })
    expect(m?.connections[0]?.lag).toMatchObject({ count: 2, p50: 5, max: 5 })
    expect(m?.subscriptions[0]).toMatchObject({ events: 2, lag: { count: 2, p50: 5 } })
    expect(m?.decodeErrors).toEqual({ JSON: 1 })
  })

  it('loads instruments once before subscribing channels that need them', async () => {
    let loads = 0
    const instruments = () => {
      loads++
      return Promise.resolve(E.right([]))
    }
    const { sim, feed } = await start({ needsInstruments: true, instruments })
    const a = collect(feed.ticker('BTC/USDT'))
    const b = collect(feed.ticker('ETH/USDT'))
    await sim.waitFor(() => frames(sim.connections[0]?.received ?? []).length > 0)
    expect(loads).toBe(1)
    expect([a.error, b.error]).toEqual([undefined, undefined])
  })

  it('errors a subscription whose instruments could not be loaded', async () => {
    const failure = new ConfigurationError('test', 'instruments unavailable')
    const { sim, feed } = await start({ needsInstruments: true, instruments: () => Promise.resolve(E.left(failure)) })
    const tickers = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => tickers.error !== undefined)
    expect(tickers.error).toBe(failure)
    expect(sim.connections).toHaveLength(0)
  })

  it('resolves a request with the venue response', async () => {
    const { feed } = await start()
    await expect(feed.request('private', (id) => JSON.stringify({ op: 'order', id }))).resolves.toEqual({ orderId: 'o-1' })
  })

  it('refuses requests to an unknown group or after close', async () => {
    const { feed } = await start()
    await expect(feed.request('nope', () => 'x')).rejects.toBeInstanceOf(ConfigurationError)
    feed.close()
    await expect(feed.request('private', () => 'x')).rejects.toMatchObject({ kind: 'connection-closed' })
  })

  it('completes at once a stream asked for after close, without dialing', async () => {
    const { sim, feed } = await start()
    feed.close()
    const late = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => late.completed)
    expect(sim.connections).toHaveLength(0)
  })

  it('completes every stream on close and sends the unsubscribes', async () => {
    const { sim, feed } = await start()
    const tickers = collect(feed.ticker('BTC/USDT'))
    await subscribed(sim, 'ticker:BTC/USDT')
    feed.close()
    await sim.waitFor(() => sim.connections[0]?.closedWith !== undefined)
    expect(tickers.completed).toBe(true)
    expect(frames(sim.connections[0]?.received ?? []).map((f) => f.op)).toEqual(['subscribe', 'unsubscribe'])
  })
})
