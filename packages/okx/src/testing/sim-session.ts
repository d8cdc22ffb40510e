import * as E from 'fp-ts/Either'
import type { Simulator } from '@tributary/testkit'
import { hmacBase64, loginPrehash } from '../auth'
import { OkxArg } from '../codecs'
import { OkxLoginRequest } from '../request-codecs'
import { topicOf } from '../topics'
import type { OkxSimMarket } from './sim-market'
import { BOOK_CHANNELS, CHANNEL_GROUP, LOGIN_CHANNELS, type OkxSimAccount, type SimConnState } from './sim-state'
import type { OkxSimTrading } from './sim-trading'

/** What the session handlers need from the running simulator. */
export interface SessionDeps {
  readonly sim: Simulator
  readonly market: OkxSimMarket
  readonly trading: OkxSimTrading
  readonly accounts: ReadonlyMap<string, OkxSimAccount>
  readonly now: () => number
  readonly loginWindowS: number
  readonly send: (state: SimConnState, frame: string) => void
}

const ERRORS: Readonly<Record<string, string>> = {
  '60005': 'Invalid OK-ACCESS-KEY',
  '60006': 'Timestamp request expired',
  '60007': 'Invalid sign',
  '60009': 'Login failed.',
  '60011': 'Please log in',
  '60012': 'Invalid request',
  '60014': 'Requests too frequent.',
  '60019': 'Invalid op',
  '60024': 'Wrong passphrase',
  '64001': 'This channel has been migrated to the business URL. Please subscribe using the new URL.',
  '64002': 'This channel is not supported by business URL. Please use the public URL.',
}

/** `{"event":"error",…}`, with the request id echoed when the request had one. */
export const errorFrame = (state: SimConnState, code: string, msg = ERRORS[code] ?? 'error', extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ event: 'error', code, msg, ...extra, connId: state.connId })

/** Checks a login the way OKX does: key, passphrase, timestamp within the window, then the signature. */
export const login = (deps: SessionDeps, state: SimConnState, request: unknown): void => {
  const decoded = OkxLoginRequest.decode(request)
  const arg = E.isRight(decoded) ? decoded.right.args[0] : undefined
  if (arg === undefined) return deps.send(state, errorFrame(state, '60009'))
  const account = deps.accounts.get(arg.apiKey)
  const code = (() => {
    if (account === undefined) return '60005'
    if (account.passphrase !== arg.passphrase) return '60024'
    const ts = Number(arg.timestamp)
    if (!/^\d+$/.test(arg.timestamp) || Math.abs(deps.now() / 1000 - ts) > deps.loginWindowS) return '60006'
    return hmacBase64(account.secret, loginPrehash(arg.timestamp)) === arg.sign ? '0' : '60007'
  })()
  if (code !== '0') return deps.send(state, errorFrame(state, code))
  state.account = arg.apiKey
  deps.send(state, JSON.stringify({ event: 'login', code: '0', msg: '', connId: state.connId }))
}

/** The frames a new subscription starts with: a book snapshot, the current ticker, the account snapshot, … */
const initialFrames = (deps: SessionDeps, state: SimConnState, topic: string): string[] => {
  const sub = state.subscriptions.get(topic)
  if (sub === undefined) return []
  const { channel, instId = '' } = sub.arg
  if (BOOK_CHANNELS.has(channel)) return [deps.market.bookSnapshot(sub, instId)]
  if (channel === 'books5' || channel === 'bbo-tbt') return [deps.market.bookTop(sub, instId)]
  if (channel === 'tickers') return [deps.market.ticker(instId)]
  if (channel === 'funding-rate') return [deps.market.fundingRate(instId)]
  if (channel === 'mark-price') return [deps.market.markPrice(instId)]
  if (channel.startsWith('candle')) return deps.market.candles(sub, instId)
  const account = state.account ?? ''
  if (channel === 'account') return [JSON.stringify({ arg: { ...sub.arg, uid: account }, eventType: 'snapshot', data: deps.trading.accountData(account) })]
  if (channel === 'positions') return [JSON.stringify({ arg: { ...sub.arg, uid: account }, eventType: 'snapshot', data: deps.trading.positionsData(account) })]
  return []
}

/** Why OKX would refuse this arg on this connection, as an error frame; undefined to accept. */
const refusal = (deps: SessionDeps, state: SimConnState, arg: OkxArg): string | undefined => {
  const armed = deps.sim.faults.takeReject()
  if (armed !== undefined) return errorFrame(state, armed.code, armed.message, { arg })
  const group = CHANNEL_GROUP(arg.channel)
  const missing = `Wrong URL or channel:${arg.channel},instId:${arg.instId ?? ''} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`
  if (group === undefined) return errorFrame(state, '60018', missing)
  if (group === 'business' && state.group !== 'business') return errorFrame(state, '64001', undefined, { arg })
  if (group === 'public' && state.group === 'business') return errorFrame(state, '64002', undefined, { arg })
  if (group === 'private' && state.group !== 'private') return errorFrame(state, '60018', missing)
  if ((group === 'private' || LOGIN_CHANNELS.has(arg.channel)) && state.account === undefined) return errorFrame(state, '60011', undefined, { arg })
  if (group !== 'private' && (arg.instId === undefined || !deps.market.instruments.has(arg.instId))) return errorFrame(state, '60018', missing)
  return undefined
}

/** Handles `subscribe` / `unsubscribe`: one ack (or error) per arg, then each new channel's first frames. */
export const subscription = (deps: SessionDeps, state: SimConnState, op: 'subscribe' | 'unsubscribe', args: readonly unknown[], id: string | undefined): void => {
  const echo = id === undefined ? {} : { id }
  for (const raw of args) {
    const decoded = OkxArg.decode(raw)
    if (E.isLeft(decoded)) {
      deps.send(state, errorFrame(state, '60012', `Invalid request: ${JSON.stringify(raw)}`, echo))
      continue
    }
    const arg = decoded.right
    const topic = topicOf(arg)
    if (op === 'unsubscribe') {
      state.subscriptions.delete(topic)
      deps.send(state, JSON.stringify({ ...echo, event: 'unsubscribe', arg, connId: state.connId }))
      continue
    }
    const refused = refusal(deps, state, arg)
    if (refused !== undefined) {
      deps.send(state, refused)
      continue
    }
    state.subscriptions.set(topic, { arg, topic, lastSeq: -1 })
    deps.send(state, JSON.stringify({ ...echo, event: 'subscribe', arg, connId: state.connId }))
    for (const frame of initialFrames(deps, state, topic)) deps.send(state, frame)
  }
}

const TRADE_OPS = new Set(['order', 'batch-orders', 'cancel-order', 'batch-cancel-orders', 'amend-order', 'batch-amend-orders'])

export const isTradeOp = (op: string): boolean => TRADE_OPS.has(op)

/** Handles a trade op on the private socket; replies `{id, op, code, msg, data}` with per-item `sCode`. */
export const tradeOp = (deps: SessionDeps, state: SimConnState, op: string, args: readonly unknown[], id: string | undefined): void => {
  const reply = (code: string, msg: string, data: readonly unknown[]) =>
    deps.send(state, JSON.stringify({ ...(id === undefined ? {} : { id }), op, code, msg, data, inTime: String(deps.now() * 1000), outTime: String(deps.now() * 1000) }))
  if (state.group !== 'private') return reply('60018', 'This operation is only supported on the private URL', [])
  if (state.account === undefined) return reply('60011', ERRORS['60011'] ?? '', [])
  const account = state.account
  const records = args.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a))
  if (records.length === 0 || records.length !== args.length) return reply('60013', 'Invalid args', [])
  const items = records.map((a) => {
    if (op.endsWith('cancel-orders') || op === 'cancel-order') return deps.trading.cancel(account, a)
    if (op.endsWith('amend-orders') || op === 'amend-order') return deps.trading.amend(account, a)
    return deps.trading.place(account, a)
  })
  const failed = items.filter((i) => i.sCode !== '0').length
  const code = failed === 0 ? '0' : failed === items.length ? '1' : '2'
  reply(code, code === '0' ? '' : code === '1' ? 'Operation failed.' : 'Bulk operation partially succeeded.', items)
}
