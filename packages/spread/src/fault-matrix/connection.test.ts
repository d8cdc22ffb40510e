import type { OrderBook, Ticker, Trade } from '@tributary/core'
import {
  LATE_REDIAL, VENUES, autoCleanup, bookStates, collect, connectionStates, contiguous, pause, startKucoin, startOkx, startRig, startWeex, streamsOn, tradeNumbers, until,
} from './support'

// Fault matrix, connection rows: the socket goes away or goes quiet; the feed re-dials, re-sends what it holds and
// its subscribers never see an error, a lost trade or a repeated one.

autoCleanup()

describe('connection drop mid-stream', () => {
  it.each(VENUES)('%s: reconnects, resubscribes both instruments and delivers every trade exactly once', async (venue) => {
    const rig = await startRig(venue)
    const [first, sibling] = rig.symbols
    const trades = collect<Trade>(rig.feed.trades(first))
    const tickers = collect<Ticker>(rig.feed.ticker(sibling))
    await until(() => trades.values.length >= 3 && tickers.values.length > 0 && rig.subscribes(0).length > 0)
    const subscribedBefore = rig.subscribes(0).length
    rig.sim.faults.dropConnections({ code: 1012, reason: 'service restart' })
    await until(() => rig.sim.connections.length === 2 && rig.subscribes(1).length === subscribedBefore)
    await streamsOn(trades)
    await streamsOn(tickers)
    const ids = tradeNumbers(trades.values)
    expect({ contiguous: contiguous(ids), unique: new Set(ids).size === ids.length, errors: [trades.error, tickers.error] }).toEqual({
      contiguous: true, unique: true, errors: [undefined, undefined],
    })
    expect(connectionStates(rig)).toEqual(expect.arrayContaining(['reconnecting', 'open']))
    expect(rig.issues).toEqual([])
  })
})

describe('half-open connection (silence)', () => {
  it.each(VENUES)('%s: declares the silent connection stale, re-dials, rebuilds its book and streams again', async (venue) => {
    const rig = await startRig(venue, LATE_REDIAL)
    const [first, sibling] = rig.symbols
    const a = collect<Ticker>(rig.feed.ticker(first))
    const b = collect<Ticker>(rig.feed.ticker(sibling))
    const books = collect<OrderBook>(rig.feed.book(first))
    await until(() => a.values.length > 0 && b.values.length > 0 && books.values.length > 0)
    rig.sim.faults.silence(true)
    await until(() => rig.sim.connections[0]?.open === false)
    rig.sim.faults.silence(false)
    await until(() => rig.sim.openConnections.length === 1 && rig.sim.connections.length >= 2)
    await streamsOn(a)
    await streamsOn(b)
    expect([a.error, b.error, rig.sim.connections[0]?.closedWith?.code]).toEqual([undefined, undefined, 1006]) // the client cut it
    expect(rig.states).toContainEqual(expect.objectContaining({ kind: 'connection', state: 'reconnecting', reason: expect.stringContaining('connection is stale') }))
    await until(() => bookStates(rig, first).at(-1) === 'live')
    expect(bookStates(rig, first)).toEqual(['live', 'stale', 'syncing', 'live'])
  })
})

describe('OKX 30 s idle rule (shortened to 200 ms)', () => {
  it('keeps a connection without data open by pinging', async () => {
    const rig = await startOkx({ sim: { tickMs: 0, idleTimeoutMs: 200 }, venue: { heartbeat: { intervalMs: 40, timeoutMs: 1_000 } } })
    collect(rig.feed.ticker('BTC/USDT'))
    await until(() => rig.subscribes(0).length === 1)
    await pause(400)
    const pings = rig.sim.connections[0]?.received.filter((f) => f === 'ping').length ?? 0
    expect({ connections: rig.sim.connections.length, pinged: pings >= 5, states: connectionStates(rig) }).toEqual({ connections: 1, pinged: true, states: ['connecting', 'open'] })
  })

  it('reconnects and resubscribes when the venue closes an idle connection anyway', async () => {
    const rig = await startOkx({ sim: { tickMs: 0, idleTimeoutMs: 200 }, venue: { heartbeat: { intervalMs: 5_000, timeoutMs: 10_000 } } })
    const tickers = collect<Ticker>(rig.feed.ticker('BTC/USDT'))
    await until(() => rig.sim.connections[0]?.closedWith !== undefined && rig.subscribes(1).length === 1)
    expect([rig.sim.connections[0]?.closedWith?.code, tickers.error, tickers.values.length > 0]).toEqual([4004, undefined, true])
  })
})

describe('OKX notice 64008 (service upgrade)', () => {
  it('moves to a new connection before the venue closes the old one, and keeps streaming', async () => {
    const { okx, ...rig } = await startOkx()
    const trades = collect<Trade>(rig.feed.trades('BTC/USDT'))
    const sibling = collect<Ticker>(rig.feed.ticker('ETH/USDT'))
    await until(() => trades.values.length >= 2 && sibling.values.length > 0)
    okx.notice(300)
    await until(() => rig.subscribes(1).length === rig.subscribes(0).length)
    await streamsOn(trades)
    await streamsOn(sibling)
    await until(() => rig.sim.connections[0]?.closedWith !== undefined)
    const ids = tradeNumbers(trades.values)
    // 1000 from the client, not the venue's 1001 "service upgrade", which was due 300 ms after the notice
    expect({ closedWith: rig.sim.connections[0]?.closedWith?.code, contiguous: contiguous(ids), errors: [trades.error, sibling.error] }).toEqual({
      closedWith: 1000, contiguous: true, errors: [undefined, undefined],
    })
    expect(rig.issues).toEqual([])
  })
})

describe('KuCoin token expiry (401) and a fresh token', () => {
  it('fetches a new token, re-dials with it and resubscribes, without erroring the stream', async () => {
    const rig = await startKucoin()
    const tickers = collect<Ticker>(rig.feed.ticker('BTC/USDT'))
    const sibling = collect<Ticker>(rig.feed.ticker('ETH/USDT'))
    await until(() => tickers.values.length > 0 && sibling.values.length > 0)
    rig.sim.faults.expireToken()
    await until(() => rig.sim.connections.length >= 2 && rig.subscribes(rig.sim.connections.length - 1).length > 0)
    await streamsOn(tickers)
    await streamsOn(sibling)
    const tokens = rig.sim.connections.map((c) => c.query.get('token'))
    expect([rig.sim.connections[0]?.sent.at(-1), new Set(tokens).size === tokens.length, tickers.error, sibling.error]).toEqual([
      '{"type":"error","code":401,"data":"token is expired"}', true, undefined, undefined,
    ])
    expect(rig.sim.httpRequests.filter((r) => r.path === '/api/v1/bullet-public').length).toBe(rig.sim.connections.length)
  })
})

describe('KuCoin missing welcome', () => {
  it('subscribes nothing until a welcome, times the connection out and succeeds on the next', async () => {
    const rig = await startKucoin()
    rig.script.withholdWelcome(1)
    const tickers = collect<Ticker>(rig.feed.ticker('BTC/USDT'))
    await until(() => tickers.values.length > 0)
    expect([rig.ops(0), rig.subscribes(1).length > 0, rig.sim.connections[0]?.open, tickers.error]).toEqual([[], true, false, undefined])
  })
})

describe('Weex unanswered pings close', () => {
  it('reconnects after the venue closes a connection whose pongs stopped, and resubscribes', async () => {
    const rig = await startWeex({ sim: { pingIntervalMs: 15, maxMissedPongs: 2 }, feed: LATE_REDIAL })
    const a = collect<Ticker>(rig.feed.ticker('BTC/USDT:USDT'))
    const b = collect<Ticker>(rig.feed.ticker('ETH/USDT:USDT'))
    await until(() => a.values.length > 0 && b.values.length > 0)
    rig.sim.faults.silence(true) // the venue's pings no longer reach the client, so no PONG comes back
    await until(() => rig.sim.connections[0]?.closedWith !== undefined)
    rig.sim.faults.silence(false)
    await until(() => rig.sim.openConnections.length === 1 && rig.subscribes(1).length === rig.subscribes(0).length)
    await streamsOn(a)
    await streamsOn(b)
    expect([rig.sim.connections[0]?.closedWith, a.error, b.error]).toEqual([{ code: 1000, reason: 'pong timeout' }, undefined, undefined])
  })
})
