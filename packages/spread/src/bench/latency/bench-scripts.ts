import type { SimConnection, SimulatorScript } from '@tributary/testkit'
import type { BookServer } from '../synthetic/book-server'

/** What the pump sends: a ticker or a single-trade frame. */
export type PumpKind = 'ticker' | 'trades'

/** A protocol-minimal venue for benchmarks: handshakes, acks, pings, and stamped frames on demand. */
export interface BenchScript extends SimulatorScript {
  /** Open connections subscribed to `kind`, with the venue symbol each asked for. */
  subscribers(kind: PumpKind): readonly (readonly [SimConnection, string])[]
  /** One frame of `kind` for `venueSymbol`, numbered `seq`, whose event time is the send stamp `stampUs`. */
  render(kind: PumpKind, venueSymbol: string, seq: number, stampUs: number): string
}

/** Shared send clock: CLOCK_MONOTONIC in µs, the same in every process on the machine. */
export const stampUs = (): number => Number(process.hrtime.bigint() / 1000n)

type Subs = Map<SimConnection, Map<PumpKind, string>>

const subscribersOf = (subs: Subs, kind: PumpKind): (readonly [SimConnection, string])[] => {
  const out: (readonly [SimConnection, string])[] = []
  for (const [conn, kinds] of subs) {
    const symbol = kinds.get(kind)
    if (conn.open && symbol !== undefined) out.push([conn, symbol])
  }
  return out
}

const parse = (text: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined // not JSON (a bare `ping`): the caller handles it as text
  }
}

const price = (seq: number): string => (65_000 + (seq % 100) / 10).toFixed(1)

/** OKX V5 public socket: `ping`/`pong`, `subscribe` acks per arg, `tickers` and `trades` pushes (ts: µs stamp). */
export const okxBench = (books?: BookServer): BenchScript => {
  const subs: Subs = new Map()
  return {
    name: 'okx-bench',
    onOpen: (conn) => void subs.set(conn, new Map()),
    onClose: (conn) => void subs.delete(conn),
    onMessage(conn, text) {
      if (text === 'ping') return conn.send('pong')
      const msg = parse(text)
      const args = Array.isArray(msg?.['args']) ? (msg['args'] as Record<string, unknown>[]) : []
      const op = msg?.['op']
      for (const arg of args) {
        const channel = String(arg['channel'])
        const instId = String(arg['instId'])
        const kind: PumpKind | undefined = channel === 'tickers' ? 'ticker' : channel === 'trades' ? 'trades' : undefined
        if (kind !== undefined && op === 'subscribe') subs.get(conn)?.set(kind, instId)
        if (kind !== undefined && op === 'unsubscribe') subs.get(conn)?.delete(kind)
        conn.send(JSON.stringify({ ...(msg?.['id'] === undefined ? {} : { id: msg['id'] }), event: op, arg: { channel, instId }, connId: `b${conn.id}` }))
        if (channel === 'books' && op === 'subscribe') books?.okx(conn, instId)
      }
    },
    subscribers: (kind) => subscribersOf(subs, kind),
    render: (kind, instId, seq, ts) =>
      kind === 'ticker'
        ? `{"arg":{"channel":"tickers","instId":"${instId}"},"data":[{"instType":"SPOT","instId":"${instId}","last":"${price(seq)}","lastSz":"0.01","askPx":"${price(seq + 1)}","askSz":"1.5","bidPx":"${price(seq)}","bidSz":"2.5","open24h":"64000","high24h":"66000","low24h":"63000","sodUtc0":"64000","sodUtc8":"64000","volCcy24h":"1000000","vol24h":"15.5","ts":"${ts}"}]}`
        : `{"arg":{"channel":"trades","instId":"${instId}"},"data":[{"instId":"${instId}","tradeId":"${seq}","px":"${price(seq)}","sz":"0.01","side":"${seq % 2 === 0 ? 'buy' : 'sell'}","ts":"${ts}"}]}`,
  }
}

/** KuCoin classic spot: bullet token over REST, `welcome`, JSON ping/pong, acks, `/market/ticker` and `/market/match`. */
export const kucoinBench = (books?: BookServer): BenchScript => {
  const subs: Subs = new Map()
  return {
    name: 'kucoin-bench',
    http: (req, sim) =>
      req.path.endsWith('/bullet-public') || req.path.endsWith('/bullet-private')
        ? {
            status: 200,
            body: JSON.stringify({
              code: '200000',
              data: { token: `bench${sim.connections.length}`, instanceServers: [{ endpoint: `${sim.wsBase}/endpoint`, encrypt: false, protocol: 'websocket', pingInterval: 18_000, pingTimeout: 10_000 }] },
            }),
          }
        : books?.kucoinRest(req),
    onOpen(conn) {
      subs.set(conn, new Map())
      conn.send(JSON.stringify({ id: conn.query.get('connectId') ?? `b${conn.id}`, type: 'welcome' }))
    },
    onClose: (conn) => void subs.delete(conn),
    onMessage(conn, text) {
      const msg = parse(text)
      if (msg === undefined) return
      const id = String(msg['id'] ?? '')
      if (msg['type'] === 'ping') return conn.send(JSON.stringify({ id, type: 'pong' }))
      if (msg['type'] !== 'subscribe' && msg['type'] !== 'unsubscribe') return
      const [prefix = '', list = ''] = String(msg['topic']).split(':')
      const kind: PumpKind | undefined = prefix === '/market/ticker' ? 'ticker' : prefix === '/market/match' ? 'trades' : undefined
      const symbol = list.split(',')[0] ?? ''
      if (kind !== undefined && msg['type'] === 'subscribe') subs.get(conn)?.set(kind, symbol)
      if (kind !== undefined && msg['type'] === 'unsubscribe') subs.get(conn)?.delete(kind)
      if (msg['response'] !== false) conn.send(JSON.stringify({ id, type: 'ack' }))
      if (prefix === '/market/level2' && msg['type'] === 'subscribe') books?.kucoin(conn, list.split(','))
    },
    subscribers: (kind) => subscribersOf(subs, kind),
    render: (kind, symbol, seq, ts) =>
      kind === 'ticker'
        ? `{"type":"message","topic":"/market/ticker:${symbol}","subject":"trade.ticker","data":{"sequence":"${seq}","price":"${price(seq)}","size":"0.01","bestAsk":"${price(seq + 1)}","bestAskSize":"1.5","bestBid":"${price(seq)}","bestBidSize":"2.5","time":${ts}}}`
        : // `time` is ns on the wire and is cut to ms by the adapter: six zeros make the mapped ts the µs stamp.
          `{"type":"message","topic":"/market/match:${symbol}","subject":"trade.l3match","data":{"symbol":"${symbol}","sequence":"${seq}","side":"${seq % 2 === 0 ? 'buy' : 'sell'}","size":"0.01","price":"${price(seq)}","takerOrderId":"t${seq}","time":"${ts}000000","type":"match","makerOrderId":"m${seq}","tradeId":"${seq}"}}`,
  }
}

/** Weex contract V3 public socket: one reply per request, `ticker` and `trade` pushes (E / T: µs stamp). */
export const weexBench = (books?: BookServer): BenchScript => {
  const subs: Subs = new Map()
  return {
    name: 'weex-bench',
    onOpen: (conn) => {
      subs.set(conn, new Map())
      conn.send('{"event":"connected"}')
    },
    onClose: (conn) => void subs.delete(conn),
    onMessage(conn, text) {
      const msg = parse(text)
      if (msg === undefined) return
      const method = msg['method']
      const params = Array.isArray(msg['params']) ? (msg['params'] as unknown[]).map(String) : []
      for (const p of params) {
        const [symbol = '', stream = ''] = p.split('@')
        const kind: PumpKind | undefined = stream === 'ticker' ? 'ticker' : stream === 'trade' ? 'trades' : undefined
        if (kind !== undefined && method === 'SUBSCRIBE') subs.get(conn)?.set(kind, symbol.toUpperCase())
        if (kind !== undefined && method === 'UNSUBSCRIBE') subs.get(conn)?.delete(kind)
      }
      conn.send(JSON.stringify({ result: true, id: msg['id'] }))
      if (method !== 'SUBSCRIBE') return
      for (const p of params) {
        const [symbol = '', stream = ''] = p.split('@')
        if (stream.startsWith('depth')) books?.weex(conn, symbol.toUpperCase(), Number(stream.slice(5)) || 15)
      }
    },
    subscribers: (kind) => subscribersOf(subs, kind),
    render: (kind, symbol, seq, ts) =>
      kind === 'ticker'
        ? `{"e":"ticker","E":${ts},"s":"${symbol}","d":[{"p":"10.0","P":"0.0002","w":"65000.0","c":"${price(seq)}","o":"64990.0","h":"66000.0","l":"64000.0","v":"100.5","q":"6532500.0","O":1,"C":2,"n":${seq},"m":"${price(seq)}","i":"${price(seq)}"}]}`
        : `{"e":"trade","E":${ts},"s":"${symbol}","d":[{"T":${ts},"t":"${seq}","p":"${price(seq)}","q":"0.01","v":"650.0","m":${seq % 2 === 0}}]}`,
  }
}
