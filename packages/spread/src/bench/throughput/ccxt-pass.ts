import type { CaptureLine } from '@tributary/testkit'
import { ccxtExchange, kucoinMarkets, WEEX_MARKETS, type CcxtBook, type CcxtExchange, type CcxtModule, type CcxtVenue } from '../ccxt'

/** What one ccxt pass produced. */
export interface CcxtPassResult {
  readonly frames: number
  readonly elapsedNs: number
  /** Process CPU time over the same span, µs. */
  readonly cpuUs: number
  /** Books holding levels with no deltas left waiting for a snapshot. */
  readonly live: number
  readonly books: number
  /** Frames ccxt's handlers threw on (counted, not hidden). */
  readonly errors: number
  /** The exchanges (and their books), kept alive for the memory benchmark. */
  readonly held: readonly CcxtExchange[]
}

/** ccxt markets for a capture, from its REST lines (OKX instruments, KuCoin symbols) or Weex's one instrument. */
export const ccxtMarkets = (ccxt: CcxtModule, venue: CcxtVenue, lines: readonly CaptureLine[]): unknown[] => {
  const http = lines.filter((l) => l.dir === 'http')
  if (venue === 'weex') return [...WEEX_MARKETS]
  if (venue === 'kucoin') return http.filter((l) => (l.url ?? '').includes('/symbols')).flatMap((l) => kucoinMarkets(l.data))
  const parser = ccxtExchange(ccxt, 'okx', [])
  return http
    .filter((l) => (l.url ?? '').includes('/instruments'))
    .flatMap((l) => {
      const body = JSON.parse(l.data) as { data?: unknown }
      return parser.parseMarkets(body.data ?? [])
    })
}

interface Deferred {
  promise: Promise<CcxtBook>
  resolve: (book: CcxtBook) => void
  book?: CcxtBook
}

/**
 * ccxt Pro's KuCoin level2 sync without REST: `fetchRestOrderBookSafe` waits for the snapshot the capture recorded
 * for that symbol, and `spawn` runs at once so the snapshot's continuation can be awaited between frames.
 */
const recordedSnapshots = (ex: CcxtExchange, pending: Promise<unknown>[]): ((url: string, body: string) => boolean) => {
  const waiting = new Map<string, Deferred>()
  const deferred = (id: string): Deferred => {
    let d = waiting.get(id)
    if (d === undefined) {
      let resolve: (book: CcxtBook) => void = () => undefined
      const promise = new Promise<CcxtBook>((r) => (resolve = r))
      d = { promise, resolve }
      waiting.set(id, d)
    }
    return d
  }
  ex.fetchRestOrderBookSafe = (symbol) => deferred(ex.market(symbol).id).promise
  ex.spawn = (method, ...args) => {
    const p = method.apply(ex, args)
    pending.push(p)
    return p
  }
  return (url, body) => {
    const id = new URL(url).searchParams.get('symbol')
    if (id === null || !url.includes('orderbook')) return false
    const data = (JSON.parse(body) as { data?: { sequence?: string } }).data ?? {}
    const book = ex.parseOrderBook(data, ex.safeSymbol(id, undefined, '-'), undefined, 'bids', 'asks', 0, 1)
    book.nonce = Number(data.sequence)
    deferred(id).resolve(book)
    return true
  }
}

/** One pass of ccxt Pro's own message handlers over a capture: one exchange instance per recorded connection. */
export const ccxtPass = async (ccxt: CcxtModule, venue: CcxtVenue, lines: readonly CaptureLine[], markets: readonly unknown[]): Promise<CcxtPassResult> => {
  const conns = new Map<string, { ex: CcxtExchange; client: ReturnType<CcxtExchange['client']> }>()
  const pending: Promise<unknown>[] = []
  const snapshotHandlers: ((url: string, body: string) => boolean)[] = []
  for (const l of lines) {
    if (l.dir !== 'in' || conns.has(l.conn)) continue
    const ex = ccxtExchange(ccxt, venue, markets)
    const client = ex.client(l.conn.startsWith('ws') ? l.conn.replace(/#[^#]*$/, '') : `wss://replay.invalid/${venue}`)
    client.send = () => Promise.resolve(undefined)
    if (venue === 'kucoin') snapshotHandlers.push(recordedSnapshots(ex, pending))
    conns.set(l.conn, { ex, client })
  }
  let frames = 0
  let errors = 0
  const cpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  for (const line of lines) {
    if (line.dir === 'http') {
      let offered = false
      for (const offer of snapshotHandlers) offered = offer(line.url ?? '', line.data) || offered
      if (offered) await Promise.allSettled(pending.splice(0))
      continue
    }
    if (line.dir !== 'in') continue
    frames++
    const c = conns.get(line.conn)
    if (c === undefined) continue
    try {
      c.ex.handleMessage(c.client, JSON.parse(line.data))
    } catch {
      errors++
    }
  }
  // Syncs spawned after their snapshot line was reached finish here (ccxt asks only after 5 buffered deltas).
  await Promise.allSettled(pending.splice(0))
  const elapsedNs = Number(process.hrtime.bigint() - started)
  const used = process.cpuUsage(cpu)
  const books = [...conns.values()].flatMap((c) => Object.values(c.ex.orderbooks))
  const live = books.filter((b) => b.bids.length + b.asks.length > 0 && b.cache.length === 0).length
  return { frames, elapsedNs, cpuUs: used.user + used.system, books: books.length, live, errors, held: [...conns.values()].map((c) => c.ex) }
}
