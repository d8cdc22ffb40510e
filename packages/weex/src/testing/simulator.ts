import { randomUUID } from 'node:crypto'
import type { Credentials } from '@tributary/core'
import { SyntheticMarket, type SimConnection, type Simulator, type SimulatorScript } from '@tributary/testkit'
import { weexSign } from '../auth'
import { WEEX_PRIVATE_SIGN_PATH } from '../urls'
import { SimOrders, type PrivatePush, type SimOrderRequest } from './sim-orders'
import { parseStream, type SimStream } from './sim-parse'
import { depthDelta, depthSnapshot, klineFrame, newTrades, tickerFrame, tradeFrame, type DepthView, type SimInstrument, type SimTrade } from './sim-streams'

export interface WeexSimOptions {
  /** Prices, books and trades. @defaultValue a market with BTC/USDT:USDT around 65 000 */
  readonly market?: SyntheticMarket
  /** The market's venue name for Weex. @defaultValue 'weex' */
  readonly venue?: string
  /** Weex instruments served, mapped to market symbols. @defaultValue BTCUSDT → BTC/USDT:USDT */
  readonly instruments?: readonly SimInstrument[]
  /** Accepted on the private socket. */
  readonly credentials?: Credentials
  /** Push period (and market step when `drive`). @defaultValue 100 */
  readonly tickMs?: number
  /** Advance the market by `tickMs` on every tick (off when the market follows a wall clock). @defaultValue true */
  readonly drive?: boolean
  /** Server ping period. @defaultValue 30_000 */
  readonly pingIntervalMs?: number
  /** Unanswered pings before the server closes. @defaultValue 5 */
  readonly maxMissedPongs?: number
  /** Invalid requests before the server closes with 1007. @defaultValue 6 (recorded) */
  readonly invalidBeforeClose?: number
  /** Clock for the signature timestamp check. @defaultValue Date.now */
  readonly now?: () => number
}

/** The Weex script plus the order model's entry points. */
export interface WeexSimScript extends SimulatorScript {
  /** Places an order in the model; pushes go to private connections subscribed to the channels. */
  placeOrder(request: SimOrderRequest): string
  cancelOrder(id: string): void
}

interface ConnState {
  readonly isPrivate: boolean
  readonly streams: Map<string, SimStream>
  readonly depth: Map<string, DepthView>
  readonly ops: number[]
  invalid: number
  missed: number
  cancelPing: () => void
}

const HOUR = 3_600_000
const defaultMarket = (): SyntheticMarket =>
  new SyntheticMarket({ seed: 'weex-sim', instruments: [{ symbol: 'BTC/USDT:USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001, typicalSize: 0.5 }] })

/**
 * The Weex contract V3 protocol for testkit's simulator: User-Agent required (403), signed headers on
 * `/v3/ws/private` (401), `connected` greeting, server pings with a close after `maxMissedPongs`, one reply per
 * request, a 1007 close after repeated invalid requests, depth snapshot + chained deltas, ticker, trades, klines, and
 * private pushes from a small order model. Honours `rejectNextSubscribe`, `skipSequence`, `expireToken` and
 * `stopAnsweringPings` (PONGs are then not acknowledged).
 * @example const sim = await startSimulator(weexScript({ credentials })); createWeex({ urls: weexUrlsAt(sim.wsBase, sim.httpBase), credentials })
 */
export const weexScript = (options: WeexSimOptions = {}): WeexSimScript => {
  const {
    market = defaultMarket(), venue = 'weex', credentials, tickMs = 100, drive = true, pingIntervalMs = 30_000, maxMissedPongs = 5,
    invalidBeforeClose = 6, now = Date.now,
  } = options
  const instruments = new Map((options.instruments ?? [{ id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', tickSize: 0.1, lotSize: 0.0001 }]).map((i) => [i.id, i]))
  const session = randomUUID().slice(0, 8)
  const states = new Map<SimConnection, ConnState>()
  const recent = new Map<string, SimTrade[]>()
  const startedAt = market.now()
  const orders = new SimOrders(() => market.now())
  let ticking = false

  const touch = (inst: SimInstrument) => {
    const st = market.stats(venue, inst.symbol)
    return { bid: st.bid, ask: st.ask }
  }

  const deliver = (pushes: readonly PrivatePush[]): void => {
    for (const [conn, state] of states) for (const [channel, frame] of pushes) if (state.isPrivate && state.streams.has(channel)) conn.send(frame)
  }

  const reply = (conn: SimConnection, id: unknown, error?: string): void =>
    conn.send(JSON.stringify(error === undefined ? { result: true, id } : { result: false, id, msg: error }))

  const invalid = (conn: SimConnection, state: ConnState, id: unknown, error: string): void => {
    reply(conn, id, error)
    state.invalid += 1
    if (state.invalid >= invalidBeforeClose) conn.close(1007, 'Unrecognized message sent multiple times')
  }

  const opening = (conn: SimConnection, stream: SimStream): void => {
    if (stream.kind === 'private') return
    const inst = stream.instrument
    switch (stream.kind) {
      case 'depth': {
        const { frame, view } = depthSnapshot(market, venue, inst, stream.levels)
        states.get(conn)?.depth.set(stream.name, view)
        conn.send(frame)
        return
      }
      case 'trade':
        conn.send(tradeFrame('tradeSnapshot', market.now(), inst.id, recent.get(inst.id) ?? []))
        return
      case 'kline':
        conn.send(klineFrame('klineSnapshot', market, venue, inst, stream.interval, stream.price))
        return
      case 'ticker':
        conn.send(tickerFrame(market, venue, inst, startedAt))
        return
    }
  }

  const tick = (): void => {
    if (drive) market.advance(tickMs)
    const active = new Set([...states.values()].flatMap((s) => [...s.streams.values()].flatMap((st) => (st.kind === 'private' ? [] : [st.instrument]))))
    const trades = new Map<string, readonly SimTrade[]>()
    for (const inst of active) {
      market.bookUpdate(venue, inst.symbol)
      const fresh = newTrades(market, venue, inst, session)
      trades.set(inst.id, fresh)
      recent.set(inst.id, [...fresh].reverse().concat(recent.get(inst.id) ?? []).slice(0, 20))
      deliver(orders.onTouch(inst.id, touch(inst)))
    }
    for (const [conn, state] of states) {
      for (const stream of state.streams.values()) {
        const inst = stream.kind === 'private' ? undefined : stream.instrument
        if (inst === undefined) continue
        if (stream.kind === 'depth') {
          const view = state.depth.get(stream.name)
          const frame = view === undefined ? undefined : depthDelta(market, venue, inst, view, () => sim?.faults.take('skip-sequence') ?? false)
          if (frame !== undefined) conn.send(frame)
        } else if (stream.kind === 'trade') {
          const fresh = trades.get(inst.id) ?? []
          if (fresh.length > 0) conn.send(tradeFrame('trade', market.now(), inst.id, fresh))
        } else if (stream.kind === 'kline') conn.send(klineFrame('kline', market, venue, inst, stream.interval, stream.price))
        else conn.send(tickerFrame(market, venue, inst, startedAt))
      }
    }
  }

  let sim: Simulator | undefined

  const onRequest = (conn: SimConnection, state: ConnState, method: string, params: readonly string[], id: unknown): void => {
    state.ops.push(now())
    while ((state.ops[0] ?? Infinity) < now() - HOUR) state.ops.shift()
    if (state.ops.length > 240) return invalid(conn, state, id, 'TOO_MANY_REQUESTS: 240 subscribe/unsubscribe requests per hour')
    const reject = method === 'SUBSCRIBE' ? sim?.faults.takeReject() : undefined
    if (reject !== undefined) return invalid(conn, state, id, `${reject.code}: ${reject.message}`)
    const parsed = params.map((p) => parseStream(p, state.isPrivate, instruments))
    const bad = parsed.find((p) => typeof p === 'string')
    if (typeof bad === 'string') return invalid(conn, state, id, bad)
    const streams = parsed.filter((p): p is SimStream => typeof p !== 'string')
    if (method === 'UNSUBSCRIBE') {
      for (const s of streams) {
        state.streams.delete(s.name)
        state.depth.delete(s.name)
      }
      return reply(conn, id)
    }
    const added = streams.filter((s) => !state.streams.has(s.name))
    if (state.streams.size + added.length > 100) return invalid(conn, state, id, 'INVALID_ARGUMENT: more than 100 channels on one connection')
    for (const s of added) state.streams.set(s.name, s)
    reply(conn, id)
    for (const s of added) opening(conn, s)
  }

  return {
    name: 'weex',
    authorize(req) {
      if (req.path !== '/v3/ws/public' && req.path !== WEEX_PRIVATE_SIGN_PATH) return { ok: false, status: 404 }
      const header = (name: string): string | undefined => {
        const v = req.headers[name.toLowerCase()]
        return Array.isArray(v) ? v[0] : v
      }
      if ((header('User-Agent') ?? '') === '') return { ok: false, status: 403, body: 'User-Agent required' }
      if (req.path === '/v3/ws/public') return { ok: true }
      if (credentials === undefined) return { ok: false, status: 401, body: '40006 invalid ACCESS_KEY' }
      const ts = header('ACCESS-TIMESTAMP') ?? ''
      if (sim?.faults.take('expire-token') === true || !/^\d+$/.test(ts) || Math.abs(now() - Number(ts)) > 30_000) return { ok: false, status: 401, body: '40008 request timestamp expired' }
      if (header('ACCESS-KEY') !== credentials.apiKey || header('ACCESS-PASSPHRASE') !== credentials.passphrase) return { ok: false, status: 401, body: '40012 incorrect API key or passphrase' }
      if (header('ACCESS-SIGN') !== weexSign(credentials.secret, ts + WEEX_PRIVATE_SIGN_PATH)) return { ok: false, status: 401, body: '40009 API verification failed' }
      return { ok: true }
    },
    onOpen(conn, s) {
      sim = s
      const isPrivate = conn.path === WEEX_PRIVATE_SIGN_PATH
      const state: ConnState = { isPrivate, streams: new Map(), depth: new Map(), ops: [], invalid: 0, missed: 0, cancelPing: () => undefined }
      states.set(conn, state)
      state.cancelPing = s.every(pingIntervalMs, () => {
        if (state.missed >= maxMissedPongs) {
          state.cancelPing()
          conn.close(1000, 'pong timeout')
          return
        }
        state.missed += 1
        conn.send(JSON.stringify(isPrivate ? { type: 'ping', time: String(now()) } : { event: 'ping', time: String(now()) }))
      })
      if (!ticking) {
        ticking = true
        s.every(tickMs, tick)
      }
      conn.send(JSON.stringify({ cid: randomUUID(), event: 'connected', time: String(now()) }))
    },
    onMessage(conn, text) {
      const state = states.get(conn)
      if (state === undefined) return
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        return invalid(conn, state, null, 'INVALID_ARGUMENT: unrecognized message')
      }
      const msg = (typeof json === 'object' && json !== null ? json : {}) as { method?: unknown; params?: unknown; id?: unknown }
      if (msg.method === 'PONG') {
        state.missed = 0
        if (!state.isPrivate && sim?.faults.answeringPings !== false) reply(conn, msg.id)
        return
      }
      if (msg.method === 'PING') return reply(conn, msg.id)
      if ((msg.method === 'SUBSCRIBE' || msg.method === 'UNSUBSCRIBE') && Array.isArray(msg.params) && msg.params.every((p) => typeof p === 'string')) {
        return onRequest(conn, state, msg.method, msg.params as string[], msg.id)
      }
      return invalid(conn, state, msg.id ?? null, `INVALID_ARGUMENT: invalid method : ${String(msg.method)}`)
    },
    onClose(conn) {
      states.get(conn)?.cancelPing()
      states.delete(conn)
    },
    http(req) {
      if (req.method !== 'GET' || req.path !== '/capi/v3/market/exchangeInfo') return undefined
      const symbols = [...instruments.values()].map((i) => {
        const [base = i.id, quote = 'USDT'] = i.symbol.split(/[/:]/)
        const digits = (step: number) => String(Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)))
        return { symbol: i.id, baseAsset: base, quoteAsset: quote, marginAsset: quote, pricePrecision: digits(i.tickSize), quantityPrecision: digits(i.lotSize), contractVal: String(i.lotSize), minOrderSize: String(i.lotSize) }
      })
      return { status: 200, body: JSON.stringify({ symbols }) }
    },
    schemaFailureFrame: () => JSON.stringify({ e: 'depth', E: 1, s: 'BTCUSDT', U: 'x', u: 1, l: 15, d: 'CHANGED', b: [], a: [] }),
    placeOrder(request) {
      const inst = instruments.get(request.symbol)
      if (inst === undefined) throw new Error(`weex simulator: unknown symbol ${request.symbol}`)
      const { id, pushes } = orders.place(request, touch(inst))
      deliver(pushes)
      return id
    },
    cancelOrder(id) {
      deliver(orders.cancel(id))
    },
  }
}
