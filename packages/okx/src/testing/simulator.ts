import * as E from 'fp-ts/Either'
import { parseJson } from '@tributary/core'
import { SyntheticMarket, startSimulator, type SimulatorOptions, type SimulatorScript, type Simulator, type SyntheticBookUpdate } from '@tributary/testkit'
import { OkxRequest } from '../request-codecs'
import { fromOkxSymbol, okxKindOf } from '../symbols'
import { OkxSimMarket, type ChecksumMode } from './sim-market'
import { errorFrame, isTradeOp, login, subscription, tradeOp, type SessionDeps } from './sim-session'
import { BOOK_CHANNELS, DEFAULT_ACCOUNT, DEFAULT_INSTRUMENTS, fmt, groupOf, unitOf, type OkxSimAccount, type OkxSimInstrument, type SimConnState, type SimSubscription } from './sim-state'
import { OkxSimTrading } from './sim-trading'

export interface OkxSimulatorOptions {
  /** @defaultValue BTC-USDT, ETH-USDT, BTC-USDT-SWAP */
  readonly instruments?: readonly OkxSimInstrument[]
  /** Accepted API keys. @defaultValue one test account ({@link DEFAULT_ACCOUNT}) */
  readonly accounts?: readonly OkxSimAccount[]
  /** `current`: `checksum: 0` as OKX sends today; `legacy`: real CRC32. @defaultValue 'current' */
  readonly checksumMode?: ChecksumMode
  /** A market shared with other venues' simulators; by default a private one seeded with `seed`. */
  readonly market?: SyntheticMarket
  /** @defaultValue 1 */
  readonly seed?: number | string
  /** Push period, ms; 0 pushes only on `tick()`. @defaultValue 100 */
  readonly tickMs?: number
  /** A connection that got no frame for this long is closed (OKX: 30 s). @defaultValue 30_000 */
  readonly idleTimeoutMs?: number
  /** Clock for login timestamps. @defaultValue Date.now */
  readonly now?: () => number
  /** Allowed login clock skew, seconds. @defaultValue 30 */
  readonly loginWindowS?: number
  /** subscribe + unsubscribe + login requests per hour and connection. @defaultValue 480 */
  readonly opsPerHour?: number
}

/** A running simulated OKX, with the controls a test needs besides the engine's faults. */
export interface OkxSimulator {
  readonly sim: Simulator
  readonly market: SyntheticMarket
  /** REST and socket base: pass `wsBase` to `createOkx({ wsBase })`, `restBase` as `urls.rest`. */
  readonly wsBase: string
  readonly restBase: string
  /** Moves the market one step and pushes to every subscriber. */
  tick(): void
  /** Sends an empty update (OKX's "no change" heartbeat) to every book subscriber. */
  heartbeat(): void
  /** Sends `notice 64008` to every open connection, then closes them after `closeAfterMs`. */
  notice(closeAfterMs?: number): void
  close(): Promise<void>
}

const INST_TYPE = (instId: string): string => (okxKindOf(instId) === 'spot' ? 'SPOT' : okxKindOf(instId) === 'swap' ? 'SWAP' : 'FUTURES')

const instrumentJson = (i: OkxSimInstrument) => {
  const [base = '', quote = ''] = i.instId.split('-')
  const spot = okxKindOf(i.instId) === 'spot'
  return {
    instId: i.instId, instType: INST_TYPE(i.instId), baseCcy: spot ? base : '', quoteCcy: spot ? quote : '', settleCcy: spot ? '' : quote,
    ctVal: spot ? '' : fmt(unitOf(i)), ctMult: spot ? '' : '1', ctValCcy: spot ? '' : base, ctType: spot ? '' : 'linear',
    tickSz: fmt(i.tickSz), lotSz: fmt(i.lotSz), minSz: fmt(i.lotSz), expTime: '', stk: '', optType: '', state: 'live', uly: spot ? '' : `${base}-${quote}`, instFamily: spot ? '' : `${base}-${quote}`,
  }
}

/**
 * The OKX V5 protocol for testkit's simulator engine: `/ws/v5/{public,private,business}`, text ping/pong, login with
 * real signature checks, per-arg acks and errors (60018, 64001, 64002, 60011, 60014), books with seqId/prevSeqId and
 * checksums, tickers, trades, candles on business, funding-rate, mark-price, and order entry with a small matching
 * model that pushes orders, positions and account updates. Engine faults apply (skip-sequence, corrupt-checksum,
 * reject-subscribe, silence, drops).
 * @example const okx = await startOkxSimulator({ tickMs: 0 }); const venue = createOkx({ wsBase: `${okx.wsBase}/ws/v5`, urls: { rest: okx.restBase } })
 */
export const startOkxSimulator = async (options: OkxSimulatorOptions = {}, simOptions: SimulatorOptions = {}): Promise<OkxSimulator> => {
  const { instruments = DEFAULT_INSTRUMENTS, accounts = [DEFAULT_ACCOUNT], checksumMode = 'current', seed = 1, tickMs = 100, idleTimeoutMs = 30_000, now = Date.now, loginWindowS = 30, opsPerHour = 480 } = options
  const market =
    options.market ??
    new SyntheticMarket({ seed, instruments: instruments.map((i) => ({ symbol: fromOkxSymbol(i.instId) ?? i.instId, mid: i.mid, tickSize: i.tickSz, lotSize: i.lotSz * unitOf(i) })) })
  const ownClock = options.market === undefined
  const okxMarket = new OkxSimMarket(market, new Map(instruments.map((i) => [i.instId, i])), checksumMode)
  const states = new Map<number, SimConnState>()
  const send = (state: SimConnState, frame: string): void => {
    state.lastPushAt = Date.now()
    state.conn.send(frame)
  }
  // Account pushes go out after the trade-op reply that caused them, as OKX does.
  const push = (account: string, channel: string, data: readonly unknown[]): void =>
    queueMicrotask(() => {
      for (const s of states.values()) {
        const sub = s.subscriptions.get(channel)
        if (s.account === account && s.conn.open && sub !== undefined) send(s, JSON.stringify({ arg: { ...sub.arg, uid: account }, data }))
      }
    })
  const trading = new OkxSimTrading(okxMarket, accounts, push, now)
  // The session handlers need the running simulator, which exists only once the script is started.
  const session: { deps?: SessionDeps } = {}
  let ticks = 0

  const script: SimulatorScript = {
    name: 'okx',
    authorize: (req) => (groupOf(req.path) === undefined ? { ok: false, status: 404, body: 'Not Found' } : { ok: true }),
    onOpen: (conn) => {
      states.set(conn.id, { conn, group: groupOf(conn.path), connId: `okx${conn.id.toString(16).padStart(6, '0')}`, openedAt: Date.now(), lastPushAt: Date.now(), account: undefined, ops: [], subscriptions: new Map() })
    },
    onClose: (conn) => {
      states.delete(conn.id)
    },
    onMessage: (conn, text) => {
      const state = states.get(conn.id)
      const deps = session.deps
      if (state === undefined || deps === undefined) return
      if (text === 'ping') {
        if (deps.sim.faults.answeringPings) send(state, 'pong')
        return
      }
      const json = parseJson(text)
      const request = E.isRight(json) ? OkxRequest.decode(json.right) : json
      if (E.isLeft(request) || E.isLeft(json)) return send(state, errorFrame(state, '60012', `Invalid request: ${text.slice(0, 200)}`))
      const { op, args, id } = request.right
      if (op === 'subscribe' || op === 'unsubscribe' || op === 'login') {
        const hourAgo = Date.now() - 3_600_000
        state.ops = [...state.ops.filter((t) => t > hourAgo), Date.now()]
        if (state.ops.length > opsPerHour) return send(state, errorFrame(state, '60014'))
      }
      if (op === 'login') return login(deps, state, json.right)
      if (op === 'subscribe' || op === 'unsubscribe') return subscription(deps, state, op, args, id)
      if (isTradeOp(op)) return tradeOp(deps, state, op, args, id)
      send(state, errorFrame(state, '60019', `Invalid op: ${op}`))
    },
    http: (req) => {
      if (req.path === '/api/v5/public/time') return { status: 200, body: JSON.stringify({ code: '0', msg: '', data: [{ ts: String(now()) }] }) }
      if (req.path !== '/api/v5/public/instruments') return undefined
      const type = req.query.get('instType')
      const data = instruments.filter((i) => INST_TYPE(i.instId) === type).map(instrumentJson)
      return { status: 200, body: JSON.stringify({ code: '0', msg: '', data }) }
    },
    schemaFailureFrame: () => '{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","last":42,"ts":"1"}]}',
  }

  const sim = await startSimulator(script, simOptions)
  session.deps = { sim, market: okxMarket, trading, accounts: new Map(accounts.map((a) => [a.apiKey, a])), now, loginWindowS, send }

  const subscribers = (): { state: SimConnState; sub: SimSubscription }[] =>
    [...states.values()].filter((s) => s.conn.open).flatMap((state) => [...state.subscriptions.values()].map((sub) => ({ state, sub })))

  const tick = (): void => {
    if (ownClock) market.advance(market.stepMs)
    ticks++
    const all = subscribers()
    const updates = new Map<string, SyntheticBookUpdate>()
    const trades = new Map<string, ReturnType<SyntheticMarket['trades']>>()
    let skip = sim.faults.take('skip-sequence')
    let corrupt = sim.faults.take('corrupt-checksum')
    for (const { state, sub } of all) {
      const { channel, instId = '' } = sub.arg
      const symbol = fromOkxSymbol(instId) ?? instId
      if (BOOK_CHANNELS.has(channel)) {
        const update = updates.get(instId) ?? market.bookUpdate('okx', symbol)
        updates.set(instId, update)
        if (skip) {
          skip = false
          sub.lastSeq = update.seq
          continue
        }
        send(state, okxMarket.bookUpdate(sub, instId, update, { corrupt }))
        corrupt = false
      } else if (channel === 'books5' || channel === 'bbo-tbt') send(state, okxMarket.bookTop(sub, instId))
      else if (channel === 'tickers') send(state, okxMarket.ticker(instId))
      else if (channel === 'trades' || channel === 'trades-all') {
        const batch = trades.get(instId) ?? market.trades('okx', symbol)
        trades.set(instId, batch)
        const frame = okxMarket.trades(channel, instId, batch)
        if (frame !== undefined) send(state, frame)
      } else if (channel.startsWith('candle')) for (const frame of okxMarket.candles(sub, instId)) send(state, frame)
      else if (channel === 'mark-price' && ticks % 10 === 0) send(state, okxMarket.markPrice(instId))
      else if (channel === 'funding-rate' && ticks % 10 === 0) send(state, okxMarket.fundingRate(instId))
    }
    trading.match()
  }
  if (tickMs > 0) sim.every(tickMs, tick)
  sim.every(Math.max(10, Math.min(1_000, Math.floor(idleTimeoutMs / 4))), () => {
    for (const s of states.values()) if (s.conn.open && Date.now() - s.lastPushAt > idleTimeoutMs) s.conn.close(4004, 'No data received in 30s.')
  })

  return {
    sim,
    market,
    wsBase: `${sim.wsBase}/ws/v5`,
    restBase: sim.httpBase,
    tick,
    heartbeat: () => {
      for (const { state, sub } of subscribers()) if (BOOK_CHANNELS.has(sub.arg.channel)) send(state, okxMarket.bookHeartbeat(sub, sub.arg.instId ?? ''))
    },
    notice: (closeAfterMs = 100) => {
      for (const s of states.values()) {
        if (!s.conn.open) continue
        send(s, JSON.stringify({ event: 'notice', code: '64008', msg: 'The connection will soon be closed for a service upgrade. Please reconnect.', connId: s.connId }))
        const conn = s.conn
        sim.after(closeAfterMs, () => conn.close(1001, 'service upgrade'))
      }
    },
    close: () => sim.close(),
  }
}
