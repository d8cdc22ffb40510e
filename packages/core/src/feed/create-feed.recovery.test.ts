import { startSimulator, type Simulator, waitFor } from '@tributary/testkit'
import { AuthenticationError } from '../errors'
import { createFetchHttpClient } from '../http/fetch-client'
import type { BookState } from '../model/book'
import type { ConnectionState } from '../model/health'
import type { Ticker } from '../model/market'
import type { Order } from '../model/private'
import { createTestVenue, type TestVenueOptions } from '../socket/__tests__/test-venue'
import { createFeed } from './create-feed'
import { collect, frames } from './__tests__/harness'
import { publish, refuseLogins, testScript, ticker } from './__tests__/test-script'
import type { Feed, FeedOptions } from './types'

let cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

const start = async (venue: (sim: Simulator) => TestVenueOptions = () => ({}), options: FeedOptions = {}): Promise<{ sim: Simulator; feed: Feed }> => {
  const sim = await startSimulator(testScript)
  const feed = createFeed(createTestVenue({ wsBase: sim.wsBase, heartbeat: { intervalMs: 30, timeoutMs: 1_000 }, ...venue(sim) }), {
    backoff: { baseMs: 20, capMs: 40 },
    ...options,
  })
  cleanup.push(() => sim.close(), () => feed.close())
  return { sim, feed }
}

const connectionStates = (feed: Feed): ConnectionState[] => {
  const states: ConnectionState[] = []
  feed.status$.subscribe((s: ConnectionState | BookState) => {
    if (s.kind === 'connection') states.push(s)
  })
  return states
}

describe('createFeed recovery over a loopback venue', () => {
  it('logs in, waits for the ack, then resubscribes, on every reconnect', async () => {
    const { sim, feed } = await start(() => ({ login: true }))
    const orders = collect<Order>(feed.orders())
    const fills = collect(feed.fills())
    await sim.waitFor(() => sim.connections[0]?.received.some((f) => f.includes('subscribe')) === true)
    sim.faults.dropConnections({ code: 1012, reason: 'restart' })
    await sim.waitFor(() => sim.connections[1]?.received.filter((f) => f.includes('subscribe')).length === 1)
    for (const conn of sim.connections) {
      const sent = frames(conn.received)
      expect(sent.map((f) => f.op)).toEqual(['login', 'subscribe'])
      expect(sent[1]?.args).toEqual(['orders', 'fills'])
      const loginAck = conn.sent.indexOf('{"event":"login","code":"0"}')
      expect(loginAck).toBeGreaterThanOrEqual(0)
    }
    expect(orders.error).toBeUndefined()
    expect(fills.error).toBeUndefined()
  })

  it('resolves the endpoint before every attempt, with a fresh token each time', async () => {
    const http = createFetchHttpClient()
    const { sim, feed } = await start((s) => ({
      resolve: async (ctx) => {
        const res = await ctx.http({ method: 'POST', url: `${s.httpBase}/token` })
        const { token } = JSON.parse(res.body) as { token: string }
        ctx.secrets.add(token)
        return { url: `${s.wsBase}/ws?token=${token}&attempt=${ctx.attempt}`, headers: { 'User-Agent': 'tributary-test/1' } }
      },
    }), { http })
    const tickers = collect(feed.ticker('BTC/USDT'))
    await sim.waitFor(() => sim.openConnections.length === 1)
    sim.faults.dropConnections()
    await sim.waitFor(() => sim.connections.length === 2 && sim.openConnections.length === 1)
    sim.faults.dropConnections({ closeFrame: false })
    await sim.waitFor(() => sim.connections.length === 3 && sim.openConnections.length === 1)
    expect(sim.connections.map((c) => `${c.query.get('token') ?? ''}@${c.query.get('attempt') ?? ''}`)).toEqual(['tok-1@1', 'tok-2@2', 'tok-3@3'])
    expect(sim.connections.map((c) => c.headers['user-agent'])).toEqual(['tributary-test/1', 'tributary-test/1', 'tributary-test/1'])
    tickers.subscription.unsubscribe()
  })

  it('surfaces the close code and reason while reconnecting', async () => {
    const { sim, feed } = await start()
    const states = connectionStates(feed)
    collect(feed.ticker('BTC/USDT'))
    await sim.waitFor(() => sim.openConnections.length === 1)
    sim.faults.dropConnections({ code: 4004, reason: 'maintenance' })
    await waitFor(() => states.some((s) => s.state === 'reconnecting'))
    expect(states.find((s) => s.state === 'reconnecting')).toMatchObject({ connection: 'public#1', attempt: 1, code: 4004, reason: expect.stringContaining('maintenance') })
  })

  it('reports the HTTP status of a refused upgrade and dials again', async () => {
    const { sim, feed } = await start()
    const states = connectionStates(feed)
    sim.faults.refuseConnects(1, 401)
    const tickers = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => states.some((s) => s.state === 'open'))
    expect(states.map((s) => [s.state, s.code])).toEqual([
      ['connecting', undefined],
      ['reconnecting', 401],
      ['connecting', undefined],
      ['open', undefined],
    ])
    expect(tickers.error).toBeUndefined()
  })

  it('stops dialing when the venue classifies a refused upgrade as an authentication failure', async () => {
    const { sim, feed } = await start(() => ({
      closeError: ({ code }) => (code === 401 ? new AuthenticationError('test', '401', 'signature rejected on upgrade') : undefined),
    }))
    sim.faults.refuseConnects(5, 401)
    const tickers = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => tickers.error !== undefined)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(tickers.error).toBeInstanceOf(AuthenticationError)
    expect(sim.refused).toHaveLength(1)
  })

  it('gives each feed its own interpreter when the venue keeps interpretation state', async () => {
    const made: number[] = []
    const wrapInterpreter = (interpret: Parameters<NonNullable<TestVenueOptions['wrapInterpreter']>>[0]) => {
      made.push(made.length + 1)
      return interpret
    }
    const { sim, feed } = await start(() => ({ wrapInterpreter }))
    const other = createFeed(createTestVenue({ wsBase: sim.wsBase, wrapInterpreter }), { backoff: { baseMs: 20, capMs: 40 } })
    cleanup.push(() => other.close())
    const a = collect<Ticker>(feed.ticker('BTC/USDT'))
    const b = collect<Ticker>(other.ticker('BTC/USDT'))
    await sim.waitFor(() => sim.openConnections.length === 2 && sim.openConnections.every((c) => c.received.some((f) => f.includes('subscribe'))))
    publish(sim, 'ticker:BTC/USDT', [ticker('BTC/USDT', 7)])
    await waitFor(() => a.values.length > 0 && b.values.length > 0)
    expect(made).toEqual([1, 2])
    expect(a.values[0]?.last).toBe(7)
  })

  it('declares a silent connection stale and reconnects', async () => {
    const { sim, feed } = await start(() => ({ heartbeat: { intervalMs: 30, timeoutMs: 120 } }))
    const states = connectionStates(feed)
    collect(feed.ticker('BTC/USDT'))
    await sim.waitFor(() => sim.openConnections.length === 1)
    sim.faults.stopAnsweringPings()
    await waitFor(() => states.some((s) => s.state === 'reconnecting'))
    sim.faults.stopAnsweringPings(false)
    await sim.waitFor(() => sim.connections.length === 2 && sim.openConnections.length === 1)
    expect(states.find((s) => s.state === 'reconnecting')?.reason).toMatch(/no frame for \d+ ms, connection is stale/)
  })

  it('never retries a refused login', async () => {
    const { sim, feed } = await start(() => ({ login: true }))
    refuseLogins(sim)
    const orders = collect(feed.orders())
    await waitFor(() => orders.error !== undefined)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(orders.error).toBeInstanceOf(AuthenticationError)
    expect(sim.connections).toHaveLength(1)
  })

  it('takes over on a close notice without ever delivering a frame of the old socket', async () => {
    const { sim, feed } = await start()
    const tickers = collect<Ticker>(feed.ticker('BTC/USDT'))
    await sim.waitFor(() => publish(sim, 'ticker:BTC/USDT', []) === 1)
    const old = sim.connections[0]
    // the old socket keeps talking until it is closed; tagged 1, the new one 2
    const chatter = sim.every(2, () => {
      if (old?.open === true) old.send(JSON.stringify({ topic: 'ticker:BTC/USDT', data: [ticker('BTC/USDT', 1)] }))
      const fresh = sim.connections[1]
      if (fresh?.open === true && fresh.received.some((f) => f.includes('subscribe'))) fresh.send(JSON.stringify({ topic: 'ticker:BTC/USDT', data: [ticker('BTC/USDT', 2)] }))
    })
    await waitFor(() => tickers.values.some((t) => t.last === 1))
    old?.send('{"event":"notice","msg":"service upgrade"}')
    await sim.waitFor(() => old?.open === false && tickers.values.filter((t) => t.last === 2).length > 5)
    chatter()
    const firstNew = tickers.values.findIndex((t) => t.last === 2)
    expect(tickers.values.slice(firstNew).every((t) => t.last === 2)).toBe(true)
    expect(frames(sim.connections[1]?.received ?? [])).toEqual([{ op: 'subscribe', id: 2, args: ['ticker:BTC/USDT'] }])
  })
})
