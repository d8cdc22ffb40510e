import { firstValueFrom, filter, take, toArray } from 'rxjs'
import { createFeed, type Feed } from '@tributary/core'
import { SyntheticMarket, startSimulator, waitFor, type SimConnection, type Simulator } from '@tributary/testkit'
import { createWeex } from './adapter'
import { weexUrlsAt } from './urls'
import { weexScript, type WeexSimScript } from './testing'

const credentials = { apiKey: 'loop-key', secret: 'loop-secret', passphrase: 'loop-pass' }

describe('weex feed over the loopback simulator', () => {
  let sim: Simulator
  let script: WeexSimScript
  let feed: Feed | undefined

  const start = async (options: Parameters<typeof weexScript>[0] = {}, venue: Parameters<typeof createWeex>[0] = {}, now?: () => number) => {
    script = weexScript({ credentials, tickMs: 20, ...options })
    sim = await startSimulator(script)
    feed = createFeed(createWeex({ urls: weexUrlsAt(sim.wsBase, sim.httpBase), credentials, ...venue }), { backoff: { baseMs: 10, capMs: 50 }, ...(now === undefined ? {} : { now }) })
    return feed
  }
  const privateConns = (): readonly SimConnection[] => sim.connections.filter((c) => c.path === '/v3/ws/private')
  const header = (conn: SimConnection | undefined, name: string): string | undefined => {
    const value = conn?.headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  afterEach(async () => {
    feed?.close()
    feed = undefined
    await sim.close()
  })

  it('streams tickers from the simulator', async () => {
    const f = await start()
    const ticker = await firstValueFrom(f.ticker('BTC/USDT:USDT'))
    expect(ticker).toMatchObject({ venue: 'weex', symbol: 'BTC/USDT:USDT', last: expect.closeTo(65_000, -3) })
  })

  it('serves a live, uncrossed book of 15 levels per side', async () => {
    const f = await start()
    const book = await firstValueFrom(f.book('BTC/USDT:USDT'))
    expect([book.status, book.bids.length, book.asks.length, (book.bestBid?.[0] ?? 0) < (book.bestAsk?.[0] ?? 0)]).toEqual(['live', 15, 15, true])
  })

  it('reconnects the private socket with freshly signed headers and resubscribes', async () => {
    let clock = Date.now()
    const f = await start({}, {}, () => clock)
    const orders = f.orders().pipe(take(2), toArray())
    const collected = firstValueFrom(orders)
    await waitFor(() => privateConns().some((c) => c.received.some((r) => r.includes('SUBSCRIBE'))))
    clock += 1_000
    sim.faults.dropConnections()
    await waitFor(() => privateConns().length === 2 && privateConns()[1]?.received.some((r) => r.includes('"orders"')) === true, 3_000)
    script.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', size: 0.01 })
    const [first, second] = privateConns()
    expect(Number(header(second, 'access-timestamp')) - Number(header(first, 'access-timestamp'))).toBe(1_000)
    expect(header(second, 'access-sign')).not.toBe(header(first, 'access-sign'))
    expect((await collected).map((o) => o.status)).toEqual(['open', 'filled'])
  })

  it('fails private streams with an authentication error, without redialing, when the signed upgrade is refused', async () => {
    const f = await start({}, { credentials: { ...credentials, secret: 'not-the-secret' } })
    const failed = new Promise<unknown>((resolve) => f.orders().subscribe({ error: resolve }))
    const error = await failed
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(error).toMatchObject({ kind: 'authentication', code: '401' })
    expect(sim.refused.filter((r) => r.path === '/v3/ws/private')).toHaveLength(1)
  })

  it('answers server pings so the server never closes an idle connection', async () => {
    const f = await start({ pingIntervalMs: 25, maxMissedPongs: 5 })
    const sub = f.ticker('BTC/USDT:USDT').subscribe()
    await waitFor(() => (sim.connections[0]?.received.filter((r) => r.includes('"PONG"')).length ?? 0) >= 8, 3_000)
    sub.unsubscribe()
    expect([sim.connections.length, sim.connections[0]?.open]).toEqual([1, true])
  })

  it('reconnects when the server goes silent for longer than staleAfterMs', async () => {
    const f = await start({}, { staleAfterMs: 150 })
    const sub = f.ticker('BTC/USDT:USDT').subscribe()
    await waitFor(() => sim.openConnections.length === 1)
    sim.faults.silence(true)
    await waitFor(() => sim.connections.length === 2, 3_000)
    sim.faults.silence(false)
    sub.unsubscribe()
    expect(sim.connections[0]?.open).toBe(false)
  })

  it('reconnects after the server closes for unanswered pings', async () => {
    const f = await start({ pingIntervalMs: 15, maxMissedPongs: 2 })
    const sub = f.ticker('BTC/USDT:USDT').subscribe()
    await waitFor(() => sim.openConnections.length === 1)
    sim.faults.silence(true) // pings stop reaching the client, so no PONGs come back
    await waitFor(() => sim.connections[0]?.closedWith !== undefined, 3_000)
    sim.faults.silence(false)
    await waitFor(() => sim.openConnections.length === 1 && sim.connections.length === 2, 3_000)
    sub.unsubscribe()
    expect(sim.connections[0]?.closedWith?.code).toBe(1000)
  })

  it('fails a rejected symbol with a typed error while live and newly added channels go on', async () => {
    const f = await start()
    const live: number[] = []
    const sub = f.ticker('BTC/USDT:USDT').subscribe((t) => live.push(t.ts))
    await waitFor(() => live.length > 0)
    const [error] = await Promise.all([firstValueFrom(f.ticker('ETH/USDT:USDT')).catch((e: unknown) => e), firstValueFrom(f.trades('BTC/USDT:USDT'))])
    const before = live.length
    await waitFor(() => live.length > before + 2)
    sub.unsubscribe()
    expect(error).toMatchObject({ kind: 'venue-rejected', code: 'INVALID_ARGUMENT' })
    expect(sim.connections.length).toBe(1)
  })

  it('resyncs only the book whose depth chain broke', async () => {
    const instruments = [
      { id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', tickSize: 0.1, lotSize: 0.0001 },
      { id: 'ETHUSDT', symbol: 'ETH/USDT:USDT', tickSize: 0.01, lotSize: 0.001 },
    ]
    const market = new SyntheticMarket({
      seed: 3,
      instruments: [
        { symbol: 'BTC/USDT:USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001, typicalSize: 0.5 },
        { symbol: 'ETH/USDT:USDT', mid: 3_000, tickSize: 0.01, lotSize: 0.001, typicalSize: 5 },
      ],
    })
    const f = await start({ instruments, market })
    const states: string[] = []
    const status = f.status$.pipe(filter((s) => s.kind === 'book-state')).subscribe((s) => states.push(`${s.symbol} ${s.state}`))
    const btc = f.book('BTC/USDT:USDT').subscribe()
    const eth = f.book('ETH/USDT:USDT').subscribe()
    await waitFor(() => states.includes('BTC/USDT:USDT live') && states.includes('ETH/USDT:USDT live'))
    sim.faults.skipSequence()
    await waitFor(() => states.filter((s) => s.endsWith('live')).length === 3, 3_000)
    btc.unsubscribe()
    eth.unsubscribe()
    status.unsubscribe()
    const resynced = states.filter((s) => s.endsWith('resyncing'))
    expect(resynced).toHaveLength(1)
    const symbol = resynced[0]?.split(' ')[0] ?? ''
    const other = symbol === 'BTC/USDT:USDT' ? 'ETH/USDT:USDT' : 'BTC/USDT:USDT'
    expect(states.filter((s) => s.startsWith(other))).toEqual([`${other} live`])
    expect(sim.connections.length).toBe(1)
  })

  it('survives the 1007 close after repeated invalid requests and serves the live channel again', async () => {
    const f = await start({ invalidBeforeClose: 2 })
    const tickers: number[] = []
    const sub = f.ticker('BTC/USDT:USDT').subscribe((t) => tickers.push(t.ts))
    await waitFor(() => tickers.length > 0)
    const states: { code?: number; state: string }[] = []
    const status = f.status$.subscribe((s) => (s.kind === 'connection' ? states.push(s) : undefined))
    const errors = await Promise.all(['ETH/USDT:USDT', 'SOL/USDT:USDT'].map((s) => firstValueFrom(f.ticker(s)).catch((e: unknown) => e)))
    await waitFor(() => sim.connections[0]?.closedWith?.code === 1007)
    const before = tickers.length
    await waitFor(() => sim.openConnections.length === 1 && tickers.length > before + 2, 3_000)
    sub.unsubscribe()
    status.unsubscribe()
    expect(states).toContainEqual(expect.objectContaining({ state: 'reconnecting', code: 1007 }))
    expect(errors.map((e) => (e as { kind?: string }).kind)).toEqual(['venue-rejected', 'venue-rejected'])
    expect(sim.connections[1]?.received.filter((r) => r.includes('SUBSCRIBE'))).toEqual([expect.stringContaining('BTCUSDT@ticker')])
  })

  it('reports malformed and off-schema frames as issues and keeps streaming', async () => {
    const f = await start()
    const issues: string[] = []
    const watch = f.issues$.subscribe((i) => issues.push(`${i.code} ${i.codec ?? ''}`))
    const tickers: number[] = []
    const sub = f.ticker('BTC/USDT:USDT').subscribe((t) => tickers.push(t.ts))
    await waitFor(() => tickers.length > 0)
    sim.faults.sendMalformed()
    sim.faults.sendSchemaFailure()
    await waitFor(() => issues.length === 2)
    const before = tickers.length
    await waitFor(() => tickers.length > before + 2)
    sub.unsubscribe()
    watch.unsubscribe()
    expect([issues, sim.connections.length]).toEqual([['decode-error JSON', 'decode-error WeexDepthPush'], 1])
  })
})
