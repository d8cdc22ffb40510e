import type { Subscription } from 'rxjs'
import { SecretRegistry, createFeed, type Balance, type BookState, type Fill, type Order, type ConnectionState, type Feed, type FeedOptions, type Issue, type OrderBook } from '@tributary/core'
import { waitFor } from '@tributary/testkit'
import { createOkx, type OkxOptions } from './adapter'
import { createOrderEntry } from './orders'
import { DEFAULT_ACCOUNT, startOkxSimulator, type OkxSimulator, type OkxSimulatorOptions } from './testing'

interface Collected<T> {
  readonly values: T[]
  error: unknown
}

let cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

const collect = <T>(source: { subscribe: (o: { next: (v: T) => void; error: (e: unknown) => void }) => Subscription }): Collected<T> => {
  const c: Collected<T> = { values: [], error: undefined }
  const s = source.subscribe({ next: (v) => c.values.push(v), error: (e) => (c.error = e) })
  cleanup.push(() => s.unsubscribe())
  return c
}

const start = async (simOptions: OkxSimulatorOptions = {}, venue: Partial<OkxOptions> = {}, feedOptions: FeedOptions = {}) => {
  const okx: OkxSimulator = await startOkxSimulator({ tickMs: 20, ...simOptions })
  const feed: Feed = createFeed(
    createOkx({ wsBase: okx.wsBase, urls: { rest: okx.restBase }, credentials: DEFAULT_ACCOUNT, heartbeat: { intervalMs: 200, timeoutMs: 2_000 }, ...venue }),
    { backoff: { baseMs: 10, capMs: 40 }, ...feedOptions },
  )
  const states: (ConnectionState | BookState)[] = []
  const issues: Issue[] = []
  const s1 = feed.status$.subscribe((s) => states.push(s))
  const s2 = feed.issues$.subscribe((i) => issues.push(i))
  cleanup.push(() => okx.close(), () => feed.close(), () => s1.unsubscribe(), () => s2.unsubscribe())
  return { okx, feed, states, issues }
}

const bookStates = (states: readonly (ConnectionState | BookState)[], symbol: string) =>
  states.filter((s): s is BookState => s.kind === 'book-state' && s.symbol === symbol).map((s) => s.state)

const sentOps = (frames: readonly string[]): string[] => frames.filter((f) => f.startsWith('{')).map((f) => (JSON.parse(f) as { op: string }).op)

describe('createOkx', () => {
  it('logs in only on the groups that need it, and only with credentials', () => {
    const withKeys = createOkx({ credentials: DEFAULT_ACCOUNT }).spec.groups
    const without = createOkx().spec.groups
    const logs = (g: typeof without) => Object.entries(g).map(([name, group]) => [name, group.login !== undefined, group.awaitReady === true])
    expect([logs(withKeys), logs(without).filter(([, login]) => login)]).toEqual([
      [['public', false, false], ['public-auth', true, true], ['business', false, false], ['private', true, true]],
      [],
    ])
  })

  it('resolves each group to its URL and registers the credentials as secrets', async () => {
    const secrets = new SecretRegistry()
    const { groups } = createOkx({ env: 'demo', credentials: DEFAULT_ACCOUNT }).spec
    const endpoint = await groups['private']?.resolve({ attempt: 1, http: async () => ({ status: 200, body: '' }), now: () => 0, secrets })
    expect([endpoint?.url, [...secrets.all].sort()]).toEqual([
      'wss://wspap.okx.com:443/ws/v5/private',
      [DEFAULT_ACCOUNT.apiKey, DEFAULT_ACCOUNT.passphrase, DEFAULT_ACCOUNT.secret].sort(),
    ])
  })

  it('pings with text and recognises the text pong', () => {
    const hb = createOkx().spec.groups['public']?.heartbeat
    expect([hb?.ping?.(1), hb?.isPong('pong'), hb?.isPong('{"event":"pong"}'), hb?.intervalMs, hb?.timeoutMs]).toEqual(['ping', true, false, 20_000, 30_000])
  })

  it('keeps 400, 50 and 5 levels by book channel', () => {
    const depth = (topic: string) => createOkx().spec.books?.maxDepth?.({ key: topic, group: 'public', topic, request: { kind: 'book' } })
    expect(['books:BTC-USDT', 'books50-l2-tbt:BTC-USDT', 'books5:BTC-USDT'].map(depth)).toEqual([400, 50, 5])
  })
})

describe('OKX over the feed, against the simulator', () => {
  it('streams tickers of a spot instrument', async () => {
    const { feed } = await start()
    const tickers = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => tickers.values.length >= 2)
    expect(tickers.values[0]).toMatchObject({ kind: 'ticker', venue: 'okx', symbol: 'BTC/USDT', bid: expect.any(Number), ask: expect.any(Number) })
  })

  it('keeps a live book of a swap, its sizes converted from contracts with the instruments loaded over REST', async () => {
    const { feed, okx } = await start()
    const books = collect<OrderBook>(feed.book('BTC/USDT:USDT'))
    await waitFor(() => books.values.length >= 3)
    const best = books.values.at(-1)?.bestBid
    expect([okx.sim.httpRequests.some((r) => r.query.get('instType') === 'SWAP'), best !== undefined && Math.abs(best[1] - Number(best[3]) * 0.01) < 1e-9]).toEqual([true, true])
  })

  it('resyncs only the book whose sequence broke, by resubscribing it', async () => {
    const { feed, okx, states } = await start()
    const btc = collect<OrderBook>(feed.book('BTC/USDT'))
    const eth = collect<OrderBook>(feed.book('ETH/USDT'))
    await waitFor(() => btc.values.length > 2 && eth.values.length > 2)
    okx.sim.faults.skipSequence()
    await waitFor(() => [...bookStates(states, 'BTC/USDT'), ...bookStates(states, 'ETH/USDT')].includes('resyncing'))
    await waitFor(() => bookStates(states, 'BTC/USDT').at(-1) === 'live' && bookStates(states, 'ETH/USDT').at(-1) === 'live')
    const resynced = ['BTC/USDT', 'ETH/USDT'].filter((s) => bookStates(states, s).includes('resyncing'))
    const resubscribes = okx.sim.connections.flatMap((c) => c.received).filter((f) => f.includes('"unsubscribe"') || f.includes('"subscribe"'))
    expect([resynced.length, okx.sim.connections.length, resubscribes.length >= 2]).toEqual([1, 1, true])
  })

  it('resyncs a book on a checksum mismatch (legacy checksums)', async () => {
    const { feed, okx, states } = await start({ checksumMode: 'legacy' })
    const btc = collect<OrderBook>(feed.book('BTC/USDT'))
    await waitFor(() => btc.values.length > 2)
    okx.sim.faults.corruptChecksum()
    await waitFor(() => bookStates(states, 'BTC/USDT').includes('resyncing'))
    await waitFor(() => bookStates(states, 'BTC/USDT').at(-1) === 'live')
    expect(states.find((s) => s.kind === 'book-state' && s.state === 'resyncing')).toMatchObject({ reason: expect.stringContaining('checksum') })
  })

  it('keeps a book live when every checksum is 0, as OKX sends today', async () => {
    const { feed, states } = await start({ checksumMode: 'current' })
    const btc = collect<OrderBook>(feed.book('BTC/USDT'))
    await waitFor(() => btc.values.length > 10)
    expect(bookStates(states, 'BTC/USDT')).toEqual(['live'])
  })

  it('errors a rejected instrument alone, while its siblings stream on', async () => {
    const { feed } = await start()
    const bad = collect(feed.ticker('NOPE/USDT'))
    const good = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => bad.error !== undefined && good.values.length > 3)
    expect([bad.error, good.error]).toEqual([expect.objectContaining({ kind: 'venue-rejected', code: '60018' }), undefined])
  })

  it('reconnects after a drop, logs in again first, then resubscribes', async () => {
    const { feed, okx } = await start()
    const balances = collect(feed.balances())
    await waitFor(() => balances.values.length > 0)
    okx.sim.faults.dropConnections({ code: 1012, reason: 'restart' })
    await waitFor(() => okx.sim.connections.length === 2 && sentOps(okx.sim.connections[1]?.received ?? []).includes('subscribe'))
    expect([sentOps(okx.sim.connections[0]?.received ?? []), sentOps(okx.sim.connections[1]?.received ?? []), balances.error]).toEqual([
      ['login', 'subscribe'],
      ['login', 'subscribe'],
      undefined,
    ])
  })

  it('outlives the 30 s idle rule by pinging (rule shortened to 150 ms)', async () => {
    const { feed, okx } = await start({ tickMs: 0, idleTimeoutMs: 150 }, { heartbeat: { intervalMs: 40, timeoutMs: 1_000 } })
    collect(feed.ticker('BTC/USDT'))
    await new Promise((r) => setTimeout(r, 400))
    const pings = okx.sim.connections[0]?.received.filter((f) => f === 'ping').length ?? 0
    expect({ connections: okx.sim.connections.length, pinged: pings > 3 }).toEqual({ connections: 1, pinged: true })
  })

  it('moves to a new connection on notice 64008 and keeps streaming', async () => {
    const { feed, okx } = await start()
    const tickers = collect(feed.ticker('BTC/USDT'))
    await waitFor(() => tickers.values.length > 0)
    okx.notice(150)
    await waitFor(() => okx.sim.connections.length === 2)
    const before = tickers.values.length
    await waitFor(() => tickers.values.length > before + 5 && okx.sim.openConnections.length === 1)
    expect(tickers.error).toBeUndefined()
  })

  it('fails private streams with an authentication error on a bad key, never retrying', async () => {
    const { feed, okx } = await start({}, { credentials: { ...DEFAULT_ACCOUNT, secret: 'wrong-secret' } })
    const orders = collect(feed.orders())
    await waitFor(() => orders.error !== undefined)
    await new Promise((r) => setTimeout(r, 100))
    expect([orders.error, okx.sim.connections.length]).toEqual([expect.objectContaining({ kind: 'authentication', code: '60007' }), 1])
  })

  it('round-trips an order: accepted reply, then the order, its fill and the new balance', async () => {
    const { feed, okx } = await start()
    const orders = collect<Order>(feed.orders())
    const fills = collect<Fill>(feed.fills())
    const balances = collect<Balance>(feed.balances())
    const subscribed = (channel: string) => okx.sim.connections.some((c) => c.sent.some((f) => f.includes('"event":"subscribe"') && f.includes(`"channel":"${channel}"`)))
    await waitFor(() => balances.values.length > 0 && subscribed('orders'))
    const result = await createOrderEntry(feed).placeOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'market', sz: '0.01', clOrdId: 'rt1' })
    await waitFor(() => orders.values.length > 0 && fills.values.length > 0 && balances.values.some((b) => b.currency === 'BTC' && b.total > 1))
    expect([result.status, orders.values[0], fills.values[0]]).toEqual([
      'accepted',
      expect.objectContaining({ status: 'filled', clientId: 'rt1', size: 0.01, filledSize: 0.01 }),
      expect.objectContaining({ kind: 'fill', size: 0.01, liquidity: 'taker' }),
    ])
  })

  it('types an order rejection from the venue', async () => {
    const { feed, okx } = await start()
    collect(feed.orders())
    await waitFor(() => okx.sim.connections.some((c) => c.sent.some((f) => f.includes('"event":"login"'))))
    const result = await createOrderEntry(feed).placeOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'sell', ordType: 'limit', px: '1', sz: '1000' })
    expect(result).toMatchObject({ status: 'rejected', code: '51008' })
  })
})
