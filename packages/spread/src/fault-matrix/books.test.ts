import type { OrderBook } from '@tributary/core'
import { signHeaders } from '@tributary/kucoin'
import type { SimulatorScript } from '@tributary/testkit'
import { SIM_CREDENTIALS, VENUES, autoCleanup, bookStates, collect, startKucoin, startOkx, startRig, startWeex, streamsOn, until, type Rig } from './support'

// Fault matrix, book rows: a book whose integrity breaks goes `resyncing`, emits nothing until it is whole again,
// and is rebuilt alone (its channel resubscribed, or its REST snapshot refetched); its sibling never notices.

autoCleanup()

const uncrossedAndLive = (books: readonly OrderBook[]): boolean =>
  books.every((b) => b.status === 'live' && (b.bestBid?.[0] ?? 0) < (b.bestAsk?.[0] ?? Infinity))

/** The one symbol that went `resyncing`, and what the client sent after the fault. */
const afterResync = async (rig: Rig, fault: () => void): Promise<{ broken: string[]; opsAfter: readonly string[] }> => {
  const [a, b] = rig.symbols
  const opsBefore = rig.ops(0).length
  fault()
  await until(() => [...bookStates(rig, a), ...bookStates(rig, b)].includes('resyncing'))
  const broken = rig.symbols.filter((s) => bookStates(rig, s).includes('resyncing'))
  await until(() => broken.every((s) => bookStates(rig, s).at(-1) === 'live'))
  return { broken, opsAfter: rig.ops(0).slice(opsBefore) }
}

const RESYNC_OPS: Readonly<Record<string, readonly string[]>> = {
  okx: ['unsubscribe', 'subscribe'],
  weex: ['unsubscribe', 'subscribe'],
  kucoin: [], // KuCoin books are rebuilt from a fresh REST snapshot, the subscription stays
}

describe('sequence gap', () => {
  it.each(VENUES)('%s: resyncs only the broken book, alone, while its sibling stays live', async (venue) => {
    const rig = await startRig(venue)
    const [a, b] = rig.symbols
    const booksA = collect<OrderBook>(rig.feed.book(a))
    const booksB = collect<OrderBook>(rig.feed.book(b))
    await until(() => booksA.values.length > 2 && booksB.values.length > 2)
    const { broken, opsAfter } = await afterResync(rig, () => rig.sim.faults.skipSequence())
    const sibling = broken[0] === a ? b : a
    await streamsOn(broken[0] === a ? booksA : booksB)
    expect({ broken: broken.length, sibling: bookStates(rig, sibling), opsAfter, connections: rig.sim.connections.length }).toEqual({
      broken: 1, sibling: ['live'], opsAfter: RESYNC_OPS[venue], connections: 1,
    })
    expect(rig.states.find((s) => s.kind === 'book-state' && s.state === 'resyncing')).toMatchObject({ reason: expect.stringContaining('sequence-gap') })
    expect([uncrossedAndLive([...booksA.values, ...booksB.values]), booksA.error, booksB.error]).toEqual([true, undefined, undefined])
  })

  it('kucoin: refetches the REST snapshot of the broken book only', async () => {
    const rig = await startKucoin()
    collect(rig.feed.book('BTC/USDT'))
    collect(rig.feed.book('ETH/USDT'))
    await until(() => bookStates(rig, 'BTC/USDT').includes('live') && bookStates(rig, 'ETH/USDT').includes('live'))
    const { broken } = await afterResync(rig, () => rig.sim.faults.skipSequence())
    const fetches = (id: string) => rig.sim.httpRequests.filter((r) => r.path === '/api/v3/market/orderbook/level2' && r.query.get('symbol') === id).length
    const counts = broken[0] === 'BTC/USDT' ? [fetches('BTC-USDT'), fetches('ETH-USDT')] : [fetches('ETH-USDT'), fetches('BTC-USDT')]
    expect(counts).toEqual([2, 1])
  })
})

describe('checksum mismatch', () => {
  it('okx: resyncs the book whose CRC32 disagrees by resubscribing it alone', async () => {
    const rig = await startOkx({ sim: { checksumMode: 'legacy' } })
    const btc = collect<OrderBook>(rig.feed.book('BTC/USDT'))
    const eth = collect<OrderBook>(rig.feed.book('ETH/USDT'))
    await until(() => btc.values.length > 2 && eth.values.length > 2)
    const { broken, opsAfter } = await afterResync(rig, () => rig.sim.faults.corruptChecksum())
    await streamsOn(broken[0] === 'BTC/USDT' ? btc : eth)
    expect({ broken: broken.length, opsAfter, errors: [btc.error, eth.error] }).toEqual({ broken: 1, opsAfter: ['unsubscribe', 'subscribe'], errors: [undefined, undefined] })
    expect(rig.states.find((s) => s.kind === 'book-state' && s.state === 'resyncing')).toMatchObject({ reason: expect.stringContaining('checksum-mismatch') })
    expect(uncrossedAndLive([...btc.values, ...eth.values])).toBe(true)
  })
})

describe('checksum 0', () => {
  it('okx: keeps books live when every frame carries checksum 0, as OKX sends today', async () => {
    const rig = await startOkx({ sim: { checksumMode: 'current' } })
    const btc = collect<OrderBook>(rig.feed.book('BTC/USDT'))
    const eth = collect<OrderBook>(rig.feed.book('ETH/USDT'))
    await until(() => btc.values.length > 10 && eth.values.length > 10)
    expect([bookStates(rig, 'BTC/USDT'), bookStates(rig, 'ETH/USDT'), rig.ops(0).filter((op) => op === 'unsubscribe')]).toEqual([['live'], ['live'], []])
  })
})

describe('delta before snapshot', () => {
  /**
   * Sends one `depth` delta ahead of the first BTCUSDT@depth15 subscription's reply and snapshot, and holds those
   * back 50 ms, so the stray delta arrives alone. (When a snapshot follows in the same read, the book goes live on
   * it and the pending resubscribe is cancelled as needless.)
   */
  const deltaFirst = (script: SimulatorScript): SimulatorScript => {
    let sent = false
    return {
      ...script,
      onMessage: (conn, text, sim) => {
        if (!sent && text.includes('"SUBSCRIBE"') && text.includes('BTCUSDT@depth15')) {
          sent = true
          conn.send(JSON.stringify({ e: 'depth', E: Date.now(), s: 'BTCUSDT', U: 1, u: 2, l: 15, d: 'CHANGED', b: [['1.0', '5.0000']], a: [] }))
          sim.after(50, () => script.onMessage(conn, text, sim))
          return
        }
        script.onMessage(conn, text, sim)
      },
    }
  }

  it('weex: never serves the delta, resubscribes the book and goes live on the snapshot', async () => {
    const rig = await startWeex({ wrap: deltaFirst })
    const ticker = collect(rig.feed.ticker('ETH/USDT:USDT'))
    await until(() => ticker.values.length > 0)
    const books = collect<OrderBook>(rig.feed.book('BTC/USDT:USDT'))
    await until(() => books.values.length > 2)
    const depthOps = rig.sim.connections[0]?.received.filter((f) => f.includes('BTCUSDT@depth15')).map((f) => (JSON.parse(f) as { method: string }).method)
    expect({ depthOps, states: bookStates(rig, 'BTC/USDT:USDT'), served: books.values.some((b) => b.bids.some((l) => l[2] === '1.0')) }).toEqual({
      depthOps: ['SUBSCRIBE', 'UNSUBSCRIBE', 'SUBSCRIBE'], states: ['live'], served: false,
    })
    await streamsOn(ticker)
  })
})

describe('snapshot/diff race', () => {
  const FULL_BOOK = '/api/v3/market/orderbook/level2'
  /** Holds the first REST snapshot back 150 ms after taking it, so newer diffs arrive first and must be bridged. */
  const slowSnapshot = (seen: number[]) => (script: SimulatorScript): SimulatorScript => ({
    ...script,
    http: async (req, sim) => {
      const response = await script.http?.(req, sim)
      if (req.path !== FULL_BOOK || seen.length > 0 || response === undefined) return response
      seen.push(Number((JSON.parse(response.body) as { data: { sequence: string } }).data.sequence))
      await new Promise((resolve) => setTimeout(resolve, 150))
      return response
    },
  })

  it('kucoin: bridges the snapshot with the diffs buffered meanwhile into the exact venue book', async () => {
    const seen: number[] = []
    const rig = await startKucoin({ wrap: slowSnapshot(seen) })
    const sibling = collect(rig.feed.ticker('ETH/USDT'))
    const books = collect<OrderBook>(rig.feed.book('BTC/USDT'))
    await until(() => books.values.length > 0)
    rig.script.pause()
    const path = `${FULL_BOOK}?symbol=BTC-USDT`
    const headers = signHeaders({ credentials: SIM_CREDENTIALS, method: 'GET', endpoint: path, body: '', timestamp: Date.now() })
    const venue = (await (await fetch(`${rig.sim.httpBase}${path}`, { headers })).json()) as { data: { sequence: string; bids: string[][]; asks: string[][] } }
    await until(() => books.values.at(-1)?.seq === Number(venue.data.sequence))
    const last = books.values.at(-1)
    expect({ bridged: (books.values[0]?.seq ?? 0) > (seen[0] ?? Infinity), states: bookStates(rig, 'BTC/USDT') }).toEqual({ bridged: true, states: ['live'] })
    expect([last?.bids.map((l) => [l[2], l[3]]), last?.asks.map((l) => [l[2], l[3]])]).toEqual([venue.data.bids, venue.data.asks])
    expect([sibling.values.length > 0, sibling.error]).toEqual([true, undefined])
  })
})
