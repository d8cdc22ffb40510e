import { filter, firstValueFrom, take, toArray, type Subscription } from 'rxjs'
import { Writable } from 'node:stream'
import { createFeed, createLogger, type BookState, type Feed } from '@tributary/core'
import { startSimulator, SyntheticMarket, waitFor, type Simulator } from '@tributary/testkit'
import { kucoinSimulator, type KucoinSimulatorOptions, type KucoinSimulatorScript } from '@tributary/kucoin/testing'
import { createKucoin, type KucoinOptions } from './adapter'
import { signHeaders } from './auth'

const credentials = { apiKey: 'loop-key-1', secret: 'loop-secret-1', passphrase: 'loop-pass-1' }
const instruments = [
  { symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001 },
  { symbol: 'ETH/USDT', mid: 3_000, tickSize: 0.01, lotSize: 0.001 },
]

describe('KuCoin over the loopback simulator', () => {
  let sim: Simulator
  let script: KucoinSimulatorScript
  let feed: Feed
  const subs: Subscription[] = []

  const start = async (simOptions: Partial<KucoinSimulatorOptions> = {}, venueOptions: KucoinOptions = { credentials }, symbols = instruments) => {
    script = kucoinSimulator({ market: new SyntheticMarket({ seed: 3, instruments: symbols }), credentials, pushIntervalMs: 20, ...simOptions })
    sim = await startSimulator(script)
    feed = createFeed(createKucoin({ urls: { rest: sim.httpBase }, ...venueOptions }), { backoff: { baseMs: 10, capMs: 50 } })
  }
  /** Generous: the machine is shared, and a loaded CI box must not make these flaky. */
  const until = (predicate: () => boolean) => waitFor(predicate, 8000)
  const tokenOf = (i: number) => sim.connections[i]?.query.get('token')
  const subscribesOn = (i: number) => (sim.connections[i]?.received ?? []).filter((f) => f.includes('"subscribe"'))

  afterEach(async () => {
    for (const s of subs.splice(0)) s.unsubscribe()
    feed.close()
    await sim.close()
  })

  it('fetches a fresh token for every reconnect and resubscribes on the new socket', async () => {
    await start()
    subs.push(feed.quotes('BTC/USDT').subscribe())
    await until(() => subscribesOn(0).length === 1)
    sim.faults.dropConnections()
    await until(() => subscribesOn(1).length === 1)
    const quote = await firstValueFrom(feed.quotes('BTC/USDT'))
    expect(quote.bid).toBeLessThan(quote.ask)
    expect(tokenOf(0)).not.toBe(tokenOf(1))
    expect(sim.httpRequests.filter((r) => r.path === '/api/v1/bullet-public')).toHaveLength(2)
    expect(JSON.parse(subscribesOn(1)[0] ?? '{}')).toMatchObject({ type: 'subscribe', topic: '/market/ticker:BTC-USDT', response: true })
  })

  it('recovers from a 401 token expiry with a new token, without erroring the stream', async () => {
    await start()
    const errors: unknown[] = []
    subs.push(feed.quotes('BTC/USDT').subscribe({ error: (e: unknown) => errors.push(e) }))
    await until(() => subscribesOn(0).length === 1)
    sim.faults.expireToken()
    await until(() => subscribesOn(1).length === 1)
    await firstValueFrom(feed.quotes('BTC/USDT'))
    expect(sim.connections[0]?.sent).toContain('{"type":"error","code":401,"data":"token is expired"}')
    expect(tokenOf(1)).not.toBe(tokenOf(0))
    expect(errors).toEqual([])
  })

  it('reconnects when no welcome arrives, and subscribes only after one', async () => {
    await start({}, { credentials, readyTimeoutMs: 300 })
    script.withholdWelcome(1)
    const quote = await firstValueFrom(feed.quotes('ETH/USDT'))
    expect(quote.symbol).toBe('ETH/USDT')
    expect(subscribesOn(0)).toEqual([])
    expect(sim.connections.slice(1).some((_, i) => subscribesOn(i + 1).length === 1)).toBe(true)
  })

  it('declares a connection dead when pongs stop, and reconnects', async () => {
    await start({ pingIntervalMs: 60, pingTimeoutMs: 60 })
    subs.push(feed.orders().subscribe())
    await until(() => subscribesOn(0).length === 1)
    await until(() => (sim.connections[0]?.received ?? []).some((f) => f.includes('"ping"')))
    sim.faults.stopAnsweringPings()
    await until(() => sim.connections[0]?.open === false)
    sim.faults.stopAnsweringPings(false)
    await until(() => subscribesOn(1).length === 1)
    expect(tokenOf(1)).toMatch(/^simprv/)
    expect(tokenOf(1)).not.toBe(tokenOf(0))
  })

  it('aligns the signed REST snapshot with the diffs streaming meanwhile, into the exact venue book', async () => {
    await start()
    subs.push(feed.book('BTC/USDT').subscribe())
    const live = await firstValueFrom(feed.book('BTC/USDT'))
    script.pause()
    const path = '/api/v3/market/orderbook/level2'
    expect(sim.httpRequests.filter((r) => r.path === path).length).toBeGreaterThanOrEqual(1)
    const fullBook = `${path}?symbol=BTC-USDT`
    const headers = signHeaders({ credentials, method: 'GET', endpoint: fullBook, body: '', timestamp: Date.now() })
    const restNow = (await (await fetch(`${sim.httpBase}${fullBook}`, { headers })).json()) as {
      data: { sequence: string; bids: string[][]; asks: string[][] }
    }
    let latest = live
    subs.push(feed.book('BTC/USDT').subscribe((b) => (latest = b)))
    await until(() => latest.seq === Number(restNow.data.sequence))
    expect(latest.bids.map((l) => [l[2], l[3]])).toEqual(restNow.data.bids)
    expect(latest.asks.map((l) => [l[2], l[3]])).toEqual(restNow.data.asks)
  })

  it('resyncs only the book whose sequence broke, while its sibling stays live', async () => {
    await start()
    const states: BookState[] = []
    subs.push(feed.status$.pipe(filter((s): s is BookState => s.kind === 'book-state')).subscribe((s) => states.push(s)))
    subs.push(feed.book('BTC/USDT').subscribe(), feed.book('ETH/USDT').subscribe())
    await until(() => states.filter((s) => s.state === 'live').length === 2)
    sim.faults.skipSequence()
    await until(() => states.filter((s) => s.state === 'live').length === 3)
    expect(states.map((s) => [s.symbol, s.state])).toEqual([
      ...states.slice(0, 2).map((s) => [s.symbol, 'live']),
      ['BTC/USDT', 'resyncing'],
      ['BTC/USDT', 'live'],
    ])
    const snapshots = (symbol: string) => sim.httpRequests.filter((r) => r.path === '/api/v3/market/orderbook/level2' && r.query.get('symbol') === symbol).length
    expect([snapshots('BTC-USDT'), snapshots('ETH-USDT')]).toEqual([2, 1])
    await firstValueFrom(feed.book('ETH/USDT').pipe(take(3), toArray()))
  })

  it('keeps a depth-5 book without credentials, seeded from the public partial book', async () => {
    await start({}, {})
    const book = await firstValueFrom(feed.book('BTC/USDT', { depth: 5 }).pipe(take(3), toArray()))
    expect(book.map((b) => [b.bids.length <= 5, b.asks.length <= 5, b.status])).toEqual([[true, true, 'live'], [true, true, 'live'], [true, true, 'live']])
    expect(sim.httpRequests.some((r) => r.path.startsWith('/api/v3/'))).toBe(false)
  })

  it('refuses a full-depth book without credentials rather than seeding it partially', async () => {
    await start({}, {})
    await expect(firstValueFrom(feed.book('BTC/USDT'))).rejects.toMatchObject({ kind: 'configuration' })
    expect(sim.connections).toHaveLength(0)
  })

  it('streams the account: order changes, the fill of a match, and balances', async () => {
    await start()
    const orders = firstValueFrom(feed.orders('BTC/USDT').pipe(take(4), toArray()))
    const fills = firstValueFrom(feed.fills().pipe(take(1), toArray()))
    const balances = firstValueFrom(feed.balances().pipe(take(3), toArray()))
    await until(() => subscribesOn(0).length === 2)
    script.placeOrder({ symbol: 'BTC-USDT', side: 'buy', price: 70_000, size: 0.5, clientOid: 'my-1' })
    expect((await orders).map((o) => [o.venueStatus, o.status, o.filledSize, o.clientId])).toEqual([
      ['new', 'open', 0, 'my-1'], ['open', 'open', 0, 'my-1'], ['match', 'filled', 0.5, 'my-1'], ['done', 'filled', 0.5, 'my-1'],
    ])
    expect((await fills).map((f) => [f.symbol, f.side, f.price, f.size, f.liquidity])).toEqual([['BTC/USDT', 'buy', 70_000, 0.5, 'maker']])
    expect((await balances).map((b) => [b.currency, b.total, b.free, b.used])).toEqual([
      ['USDT', 100_000, 65_000, 35_000], ['USDT', 65_000, 65_000, 0], ['BTC', 0.5, 0.5, 0],
    ])
  })

  it('registers every token as a secret and lets no token, key or secret reach a log line, even at debug', async () => {
    script = kucoinSimulator({ market: new SyntheticMarket({ seed: 3, instruments }), credentials, pushIntervalMs: 20 })
    sim = await startSimulator(script)
    let output = ''
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((output += chunk.toString('utf8')), done()) })
    const logger = createLogger({ level: 'debug', stream })
    feed = createFeed(createKucoin({ urls: { rest: sim.httpBase }, credentials }), { logger, secrets: logger.secrets, debugFrames: true, backoff: { baseMs: 10 } })
    subs.push(feed.quotes('BTC/USDT').subscribe(), feed.balances().subscribe())
    await until(() => sim.connections.length === 2 && subscribesOn(0).length + subscribesOn(1).length === 2)
    sim.faults.expireToken()
    await until(() => sim.connections.length === 4)
    await firstValueFrom(feed.quotes('BTC/USDT'))
    expect(output).toContain('"level":"debug"')
    const leaked = [...script.tokens, credentials.apiKey, credentials.secret, credentials.passphrase].filter((s) => output.includes(s))
    expect(leaked).toEqual([])
    expect(script.tokens.filter((t) => !logger.secrets.all.has(t))).toEqual([])
  })

  it('batches up to 100 symbols per subscribe and spreads 310 channels over two connections', async () => {
    const many = Array.from({ length: 310 }, (_, i) => ({ symbol: `C${i}/USDT`, mid: 10 + i, tickSize: 0.01, lotSize: 0.01 }))
    await start({ pushIntervalMs: 200 }, { credentials }, many)
    for (const { symbol } of many) subs.push(feed.quotes(symbol).subscribe())
    await until(() => sim.connections.length === 2 && subscribesOn(0).length + subscribesOn(1).length === 4)
    const sizes = [0, 1].map((i) => subscribesOn(i).map((f) => (JSON.parse(f) as { topic: string }).topic.split(':')[1]?.split(',').length))
    expect(sizes).toEqual([[100, 100, 100], [10]])
    await until(() => sim.connections.every((c) => c.sent.some((f) => f.includes('trade.ticker'))))
  })
})
