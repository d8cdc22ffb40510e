import * as E from 'fp-ts/Either'
import type { Credentials } from '@tributary/core'
import type { SimConnection, SimHttpRequest, SimHttpResponse, Simulator, SimulatorScript, SyntheticMarket } from '@tributary/testkit'
import { createKucoinSymbols, DEFAULT_ALIASES, type CurrencyAliases } from '../symbols'
import { verifySigned } from './sim-auth'
import { KucoinMarketRenderer, type SimSymbol } from './sim-market'
import { SimAccount, type PrivatePush, type SimOrderRequest } from './sim-orders'
import { intervalOf, PRIVATE_TOPICS, PUBLIC_TOPICS, splitTopic } from './sim-topics'

export interface KucoinSimulatorOptions {
  readonly market: SyntheticMarket
  /** The market's venue id. @defaultValue 'kucoin' */
  readonly venue?: string
  /** The only key `bullet-private` and the signed full-depth book accept; without it they answer 401. */
  readonly credentials?: Credentials
  /** Handed out with every token. @defaultValue 18_000 */
  readonly pingIntervalMs?: number
  /** @defaultValue 10_000 */
  readonly pingTimeoutMs?: number
  /** Push period. @defaultValue 100 */
  readonly pushIntervalMs?: number
  /** Advance market time by `pushIntervalMs` on every push (for markets without a wall clock). @defaultValue true */
  readonly advanceMarket?: boolean
  /** Tokens older than this are refused with `401 token is expired`. @defaultValue 24 h */
  readonly tokenTtlMs?: number
  /** Connections older than this are closed (KuCoin disconnects after 24 h). @defaultValue 24 h */
  readonly connectionTtlMs?: number
  /** Starting balances of the simulated account. @defaultValue `{ USDT: 100_000 }` */
  readonly balances?: Readonly<Record<string, number>>
  readonly aliases?: CurrencyAliases
}

interface ConnState {
  readonly isPrivate: boolean
  readonly topics: Set<string>
  readonly candleStarts: Map<string, number>
  readonly openedAt: number
  lastReceivedAt: number
}

interface Token {
  readonly isPrivate: boolean
  readonly issuedAt: number
  expired: boolean
}

/** The KuCoin script plus handles tests use to drive the account. */
export interface KucoinSimulatorScript extends SimulatorScript {
  readonly account: SimAccount
  /** Tokens issued so far, in order. */
  readonly tokens: readonly string[]
  /** Places a limit order (`symbol` is the KuCoin id) and pushes its events; returns the order id. */
  placeOrder(request: SimOrderRequest): string
  cancelOrder(id: string): void
  /** Stops (or resumes) every push and the market with it: the book stays at its last sequence. */
  pause(on?: boolean): void
  /** The next `n` connections get no `welcome` (the client must time out and reconnect). */
  withholdWelcome(n: number): void
}

const json = (body: unknown, status = 200): SimHttpResponse => ({ status, body: JSON.stringify(body) })
const ok = (data: unknown): SimHttpResponse => json({ code: '200000', data })

/**
 * A loopback KuCoin classic-spot venue: bullet tokens (private ones signature-checked) that expire, `welcome`, JSON
 * ping/pong, acks and errors (509 over 100 topics per request, 404 unknown symbol), ticker, snapshot, level2 deltas
 * with contiguous sequences and sequence-only rows, depth5/50, matches, candles, private order and balance pushes,
 * and REST books consistent with the stream. Faults: `skip-sequence` drops one level2 message, `expire-token` expires
 * every token and disconnects with `401`, `reject-subscribe` answers the next subscribe with the armed error.
 * @example
 * const sim = await startSimulator(kucoinSimulator({ market }))
 * const venue = createKucoin({ urls: { rest: sim.httpBase } })
 */
export const kucoinSimulator = (options: KucoinSimulatorOptions): KucoinSimulatorScript => {
  const {
    market, venue = 'kucoin', credentials, pingIntervalMs = 18_000, pingTimeoutMs = 10_000, pushIntervalMs = 100,
    advanceMarket = true, tokenTtlMs = 86_400_000, connectionTtlMs = 86_400_000, balances = { USDT: 100_000 }, aliases = DEFAULT_ALIASES,
  } = options
  const mapper = createKucoinSymbols(aliases)
  const symbols = new Map<string, SimSymbol>()
  for (const unified of market.symbols) {
    const id = mapper.toVenue(unified)
    if (E.isRight(id)) symbols.set(id.right, { unified, venueSymbol: id.right })
  }
  const renderer = new KucoinMarketRenderer(market, venue)
  const account = new SimAccount(balances)
  const tokens = new Map<string, Token>()
  const issued: string[] = []
  const states = new Map<SimConnection, ConnState>()
  let sim: Simulator | undefined
  let steps = 0
  let paused = false
  let welcomesWithheld = 0

  const issue = (isPrivate: boolean, s: Simulator): SimHttpResponse => {
    const token = `sim${isPrivate ? 'prv' : 'pub'}${issued.length + 1}x${Math.random().toString(36).slice(2, 12)}`
    tokens.set(token, { isPrivate, issuedAt: Date.now(), expired: false })
    issued.push(token)
    const server = { endpoint: `${s.wsBase}/endpoint`, encrypt: false, protocol: 'websocket', pingInterval: pingIntervalMs, pingTimeout: pingTimeoutMs }
    return ok({ token, instanceServers: [server] })
  }

  const subscribers = (topic: string): SimConnection[] => [...states].filter(([c, s]) => c.open && s.topics.has(topic)).map(([c]) => c)
  const publish = (topic: string, frame: string): void => {
    for (const c of subscribers(topic)) c.send(frame)
  }
  const pushPrivate = (pushes: readonly PrivatePush[]): void => {
    for (const p of pushes) publish(p.topic, p.frame)
  }
  const error = (conn: SimConnection, id: unknown, code: number, data: string): void =>
    conn.send(JSON.stringify({ ...(id === undefined ? {} : { id: String(id) }), type: 'error', code, data }))
  const expire = (conn: SimConnection): void => {
    error(conn, undefined, 401, 'token is expired')
    conn.close(1000, 'token is expired')
  }

  const step = (s: Simulator): void => {
    if (paused) return
    steps += 1
    if (advanceMarket) market.advance(pushIntervalMs)
    const now = Date.now()
    if (s.faults.take('expire-token')) {
      for (const t of tokens.values()) t.expired = true
      for (const c of s.openConnections) expire(c)
    }
    for (const [c, st] of states) {
      if (c.open && now - st.lastReceivedAt > pingIntervalMs + pingTimeoutMs) c.close(1000, 'ping timeout')
      if (c.open && now - st.openedAt > connectionTtlMs) c.close(1000, 'connection lifetime exceeded')
    }
    const active = new Set<string>(account.openSymbols)
    for (const [c, st] of states) if (c.open) for (const t of st.topics) active.add(splitTopic(t).items[0]?.split('_')[0] ?? '')
    for (const sym of symbols.values()) if (active.has(sym.venueSymbol)) pushSymbol(s, sym)
  }

  /** One push step of one symbol: its book moves (whoever listens), then every subscribed topic gets its frame. */
  const pushSymbol = (s: Simulator, sym: SimSymbol): void => {
    const id = sym.venueSymbol
    const l2 = renderer.level2(sym)
    const l2Topic = `/market/level2:${id}`
    if (l2 !== undefined && !(subscribers(l2Topic).length > 0 && s.faults.take('skip-sequence'))) publish(l2Topic, l2.frame)
    for (const d of [5, 50] as const) {
      const topic = `/spotMarket/level2Depth${d}:${id}`
      if (l2 !== undefined && subscribers(topic).length > 0) publish(topic, renderer.depth(sym, d))
    }
    if (subscribers(`/market/ticker:${id}`).length > 0) publish(`/market/ticker:${id}`, renderer.ticker(sym))
    if (steps % Math.max(1, Math.round(2000 / pushIntervalMs)) === 0 && subscribers(`/market/snapshot:${id}`).length > 0)
      publish(`/market/snapshot:${id}`, renderer.snapshot(sym))
    for (const frame of renderer.matches(sym)) publish(`/market/match:${id}`, frame)
    for (const [c, st] of states)
      for (const topic of st.topics) {
        if (!c.open || !topic.startsWith(`/market/candles:${id}_`)) continue
        const frame = renderer.candle(sym, topic.slice(topic.lastIndexOf('_') + 1), (start) => {
          const isNew = st.candleStarts.get(topic) !== start
          st.candleStarts.set(topic, start)
          return isNew
        })
        if (frame !== undefined) c.send(frame)
      }
    const book = market.book(venue, sym.unified)
    pushPrivate(account.match(id, book.bids[0]?.[0] ?? 0, book.asks[0]?.[0] ?? Number.MAX_VALUE, market.now()))
  }

  const subscribe = (conn: SimConnection, st: ConnState, msg: Record<string, unknown>, s: Simulator): void => {
    const { id } = msg
    const topic = typeof msg['topic'] === 'string' ? msg['topic'] : ''
    const reject = s.faults.takeReject()
    if (reject !== undefined) return error(conn, id, Number(reject.code) || 400, reject.message)
    const { prefix, items } = splitTopic(topic)
    let add: string[]
    if (PRIVATE_TOPICS.has(prefix)) {
      if (!st.isPrivate || msg['privateChannel'] !== true) return error(conn, id, 403, `${prefix} needs a private token and privateChannel:true`)
      add = [prefix]
    } else if (PUBLIC_TOPICS.has(prefix)) {
      if (items.length > 100) return error(conn, id, 509, 'exceed max subscription count limitation of 100 per time')
      const unknown = items.find((item) => {
        const [sym, type] = item.split('_')
        return sym === undefined || !symbols.has(sym) || (prefix === '/market/candles') !== (type !== undefined) || (type !== undefined && intervalOf(type) === undefined)
      })
      if (unknown !== undefined || items.length === 0) return error(conn, id, 404, `topic ${prefix}:${unknown ?? ''} is not found`)
      add = items.map((item) => `${prefix}:${item}`)
    } else return error(conn, id, 404, `topic ${topic} is not found`)
    if (new Set([...st.topics, ...add]).size > 300) return error(conn, id, 509, 'exceed max topic count limitation of 300 per session')
    for (const t of add) st.topics.add(t)
    if (msg['response'] === true) conn.send(JSON.stringify({ id: String(id), type: 'ack' }))
  }

  return {
    name: 'kucoin',
    account,
    get tokens() {
      return issued
    },
    placeOrder(request) {
      const pushes = account.place(request, market.now())
      pushPrivate(pushes)
      return account.openOrders[account.openOrders.length - 1] ?? ''
    },
    cancelOrder(id) {
      pushPrivate(account.cancel(id, market.now()))
    },
    pause(on = true) {
      paused = on
    },
    withholdWelcome(n) {
      welcomesWithheld = n
    },
    authorize: (req) => (req.path !== '/endpoint' ? { ok: false, status: 404 } : req.query.get('token') === null ? { ok: false, status: 401, body: 'token required' } : { ok: true }),
    onOpen(conn, s) {
      if (sim === undefined) {
        sim = s
        s.every(pushIntervalMs, () => step(s))
      }
      const token = tokens.get(conn.query.get('token') ?? '')
      if (token === undefined || token.expired || Date.now() - token.issuedAt > tokenTtlMs) return expire(conn)
      states.set(conn, { isPrivate: token.isPrivate, topics: new Set(), candleStarts: new Map(), openedAt: Date.now(), lastReceivedAt: Date.now() })
      if (welcomesWithheld > 0) {
        welcomesWithheld -= 1
        return
      }
      conn.send(JSON.stringify({ id: conn.query.get('connectId') ?? `sim${conn.id}`, type: 'welcome' }))
    },
    onMessage(conn, text, s) {
      const st = states.get(conn)
      if (st === undefined) return
      st.lastReceivedAt = Date.now()
      let msg: unknown
      try {
        msg = JSON.parse(text)
      } catch {
        return error(conn, undefined, 400, 'message is not JSON')
      }
      if (typeof msg !== 'object' || msg === null) return error(conn, undefined, 400, 'message is not an object')
      const m = msg as Record<string, unknown>
      switch (m['type']) {
        case 'ping':
          if (s.faults.answeringPings) conn.send(JSON.stringify({ id: String(m['id']), type: 'pong' }))
          return
        case 'subscribe':
          return subscribe(conn, st, m, s)
        case 'unsubscribe': {
          const { prefix, items } = splitTopic(typeof m['topic'] === 'string' ? m['topic'] : '')
          for (const t of items.length === 0 ? [prefix] : items.map((i) => `${prefix}:${i}`)) st.topics.delete(t)
          if (m['response'] === true) conn.send(JSON.stringify({ id: String(m['id']), type: 'ack' }))
          return
        }
        default:
          return error(conn, m['id'], 415, 'type is not supported')
      }
    },
    onClose(conn) {
      states.delete(conn)
    },
    http: (req, s) => route(req, s),
    schemaFailureFrame: () => '{"type":"message","topic":"/market/level2:BTC-USDT","subject":"trade.l2update","data":{"symbol":"BTC-USDT","sequenceStart":"x"}}',
  }

  function route(req: SimHttpRequest, s: Simulator): SimHttpResponse | undefined {
    const sym = symbols.get(req.query.get('symbol') ?? '')
    switch (`${req.method} ${req.path}`) {
      case 'POST /api/v1/bullet-public':
        return issue(false, s)
      case 'POST /api/v1/bullet-private':
        return verifySigned(req, credentials) ?? issue(true, s)
      case 'GET /api/v3/market/orderbook/level2':
        return verifySigned(req, credentials) ?? (sym === undefined ? json({ code: '400100', msg: 'symbol not exists' }, 400) : ok(renderer.restBook(sym)))
      case 'GET /api/v1/market/orderbook/level2_20':
      case 'GET /api/v1/market/orderbook/level2_100':
        return sym === undefined ? json({ code: '400100', msg: 'symbol not exists' }, 400) : ok(renderer.restBook(sym, req.path.endsWith('_20') ? 20 : 100))
      case 'GET /api/v1/symbols':
      case 'GET /api/v2/symbols':
        return ok(renderer.symbolList([...symbols.values()]))
      case 'GET /api/v1/timestamp':
        return ok(Date.now())
      default:
        return undefined
    }
  }
}
