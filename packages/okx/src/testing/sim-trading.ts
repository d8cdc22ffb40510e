import { okxKindOf, fromOkxSymbol } from '../symbols'
import type { OkxSimMarket } from './sim-market'
import { fmt, unitOf, type OkxSimAccount, type OkxSimInstrument } from './sim-state'

const TAKER_FEE = 0.001
const MAKER_FEE = 0.0008
const LEVERAGE = 10

interface SimOrder {
  readonly ordId: string
  readonly clOrdId: string
  readonly account: string
  readonly instId: string
  readonly side: 'buy' | 'sell'
  readonly ordType: string
  readonly tdMode: string
  px: number | undefined
  /** Wire units: contracts for derivatives. */
  sz: number
  accFillSz: number
  avgPx: number
  fee: number
  state: 'live' | 'partially_filled' | 'filled' | 'canceled'
  readonly cTime: number
  uTime: number
  /** Quote (or margin) reserved while the order rests. */
  frozen: { readonly ccy: string; amount: number }
}

interface Fill {
  readonly px: number
  readonly sz: number
  readonly fee: number
  readonly tradeId: string
  readonly execType: 'T' | 'M'
}

export type OpItem = { readonly sCode: string; readonly sMsg: string; readonly ordId: string; readonly clOrdId: string; readonly tag: string }
export type Push = (account: string, channel: 'orders' | 'positions' | 'account', data: readonly unknown[]) => void

const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined)
const num = (u: unknown): number | undefined => {
  const n = typeof u === 'string' && u !== '' ? Number(u) : Number.NaN
  return Number.isFinite(n) ? n : undefined
}

/**
 * A small matching model: orders fill whole at the touch when marketable (taker), else rest and fill at their limit
 * once the synthetic touch crosses it (maker). Spot moves cash both ways; swaps move a net position and pay fees
 * in the settlement currency. Fees are charged in the quote currency (a simplification).
 */
export class OkxSimTrading {
  private readonly balances = new Map<string, Map<string, { cash: number; frozen: number }>>()
  private readonly positions = new Map<string, Map<string, { pos: number; avgPx: number; uTime: number }>>()
  private readonly orders = new Map<string, SimOrder>()
  private nextOrdId = 1_000
  private nextTradeId = 1

  constructor(
    private readonly market: OkxSimMarket,
    accounts: readonly OkxSimAccount[],
    private readonly push: Push,
    private readonly now: () => number,
  ) {
    for (const a of accounts) {
      this.balances.set(a.apiKey, new Map(Object.entries(a.balances ?? {}).map(([ccy, cash]) => [ccy, { cash, frozen: 0 }])))
      this.positions.set(a.apiKey, new Map())
    }
  }

  private wallet(account: string, ccy: string): { cash: number; frozen: number } {
    const wallet = this.balances.get(account) ?? new Map<string, { cash: number; frozen: number }>()
    this.balances.set(account, wallet)
    const entry = wallet.get(ccy) ?? { cash: 0, frozen: 0 }
    wallet.set(ccy, entry)
    return entry
  }

  /** `account` channel data: every currency of the account. */
  accountData(account: string): unknown[] {
    const wallet = this.balances.get(account) ?? new Map<string, { cash: number; frozen: number }>()
    const details = [...wallet].map(([ccy, b]) => ({ ccy, eq: fmt(b.cash), cashBal: fmt(b.cash), availBal: fmt(b.cash - b.frozen), availEq: fmt(b.cash - b.frozen), frozenBal: fmt(b.frozen), ordFrozen: fmt(b.frozen), upl: '0', uTime: String(this.now()) }))
    return [{ uTime: String(this.now()), totalEq: '0', details }]
  }

  /** `positions` channel data: every position of the account (flat ones included, as OKX pushes a close). */
  positionsData(account: string): unknown[] {
    return [...(this.positions.get(account) ?? new Map<string, { pos: number; avgPx: number; uTime: number }>())].map(([instId, p]) => ({
      instId, instType: 'SWAP', mgnMode: 'cross', posSide: 'net', pos: fmt(p.pos), avgPx: p.pos === 0 ? '' : fmt(p.avgPx), markPx: fmt(p.avgPx), upl: '0', lever: String(LEVERAGE), liqPx: '', uTime: String(p.uTime), cTime: String(p.uTime), posId: instId,
    }))
  }

  private orderData(o: SimOrder, fill?: Fill): unknown {
    return {
      instType: okxKindOf(o.instId) === 'spot' ? 'SPOT' : 'SWAP', instId: o.instId, ordId: o.ordId, clOrdId: o.clOrdId, side: o.side, posSide: 'net', ordType: o.ordType, tdMode: o.tdMode,
      state: o.state, px: o.px === undefined ? '' : fmt(o.px), sz: fmt(o.sz), accFillSz: fmt(o.accFillSz), avgPx: o.accFillSz === 0 ? '' : fmt(o.avgPx),
      fee: fmt(-o.fee), feeCcy: this.quoteOf(o.instId), fillPx: fill === undefined ? '' : fmt(fill.px), fillSz: fill === undefined ? '0' : fmt(fill.sz),
      tradeId: fill?.tradeId ?? '', fillTime: fill === undefined ? '' : String(o.uTime), fillFee: fill === undefined ? '0' : fmt(-fill.fee), fillFeeCcy: fill === undefined ? '' : this.quoteOf(o.instId),
      execType: fill?.execType ?? '', reduceOnly: 'false', cTime: String(o.cTime), uTime: String(o.uTime), category: 'normal', tag: '',
    }
  }

  private quoteOf(instId: string): string {
    return instId.split('-')[1] ?? 'USDT'
  }

  private instrument(instId: string): OkxSimInstrument | undefined {
    return this.market.instruments.get(instId)
  }

  /** What resting this order needs reserved: quote for spot buys, base for spot sells, margin for swaps. */
  private reserve(i: OkxSimInstrument, side: 'buy' | 'sell', px: number, sz: number): { readonly ccy: string; readonly amount: number } {
    const [base = '', quote = ''] = i.instId.split('-')
    if (okxKindOf(i.instId) !== 'spot') return { ccy: quote, amount: (px * sz * unitOf(i)) / LEVERAGE }
    return side === 'buy' ? { ccy: quote, amount: px * sz } : { ccy: base, amount: sz }
  }

  place(account: string, arg: Readonly<Record<string, unknown>>): OpItem {
    const clOrdId = str(arg['clOrdId']) ?? ''
    const fail = (sCode: string, sMsg: string): OpItem => ({ sCode, sMsg, ordId: '', clOrdId, tag: '' })
    const instId = str(arg['instId']) ?? ''
    const i = this.instrument(instId)
    if (i === undefined) return fail('51001', "Instrument ID doesn't exist.")
    const side = arg['side'] === 'buy' || arg['side'] === 'sell' ? arg['side'] : undefined
    if (side === undefined) return fail('51000', 'Parameter side error')
    const sz = num(arg['sz'])
    if (sz === undefined || sz <= 0) return fail('51000', 'Parameter sz error')
    const ordType = str(arg['ordType']) ?? 'limit'
    const px = num(arg['px'])
    if (ordType !== 'market' && px === undefined) return fail('51000', 'Parameter px error')
    const book = this.market.market.book('okx', fromOkxSymbol(instId) ?? instId)
    const touch = side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0]
    const marketable = touch !== undefined && (ordType === 'market' || (side === 'buy' ? (px ?? 0) >= touch : (px ?? Infinity) <= touch))
    if (ordType === 'post_only' && marketable) return fail('51006', 'Order price is not within the price limit for post-only.')
    const need = this.reserve(i, side, marketable ? (touch ?? 0) * 1.0001 : (px ?? 0), sz)
    const wallet = this.wallet(account, need.ccy)
    if (wallet.cash - wallet.frozen < need.amount) return fail('51008', `Order failed. Insufficient ${need.ccy} balance in account.`)
    const t = this.now()
    const order: SimOrder = { ordId: String(this.nextOrdId++), clOrdId, account, instId, side, ordType, tdMode: str(arg['tdMode']) ?? 'cash', px, sz, accFillSz: 0, avgPx: 0, fee: 0, state: 'live', cTime: t, uTime: t, frozen: { ccy: need.ccy, amount: 0 } }
    this.orders.set(order.ordId, order)
    if (marketable && touch !== undefined) this.fill(order, touch, 'T')
    else {
      order.frozen.amount = need.amount
      wallet.frozen += need.amount
      this.push(account, 'orders', [this.orderData(order)])
      this.push(account, 'account', this.accountData(account))
    }
    return { sCode: '0', sMsg: 'Order placed', ordId: order.ordId, clOrdId, tag: '' }
  }

  private find(account: string, arg: Readonly<Record<string, unknown>>): SimOrder | undefined {
    const ordId = str(arg['ordId'])
    const clOrdId = str(arg['clOrdId'])
    return [...this.orders.values()].find((o) => o.account === account && (o.ordId === ordId || (clOrdId !== undefined && clOrdId !== '' && o.clOrdId === clOrdId)))
  }

  cancel(account: string, arg: Readonly<Record<string, unknown>>): OpItem {
    const o = this.find(account, arg)
    if (o === undefined || o.state === 'filled' || o.state === 'canceled') {
      return { sCode: '51400', sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist.', ordId: str(arg['ordId']) ?? '', clOrdId: str(arg['clOrdId']) ?? '', tag: '' }
    }
    this.unfreeze(o)
    o.state = 'canceled'
    o.uTime = this.now()
    this.push(account, 'orders', [this.orderData(o)])
    this.push(account, 'account', this.accountData(account))
    return { sCode: '0', sMsg: '', ordId: o.ordId, clOrdId: o.clOrdId, tag: '' }
  }

  amend(account: string, arg: Readonly<Record<string, unknown>>): OpItem {
    const o = this.find(account, arg)
    if (o === undefined || o.state === 'filled' || o.state === 'canceled') {
      return { sCode: '51503', sMsg: 'Order modification failed as the order has been filled, canceled or does not exist.', ordId: str(arg['ordId']) ?? '', clOrdId: str(arg['clOrdId']) ?? '', tag: '' }
    }
    const newPx = num(arg['newPx'])
    const newSz = num(arg['newSz'])
    if (newPx === undefined && newSz === undefined) return { sCode: '51000', sMsg: 'Parameter newSz or newPx error', ordId: o.ordId, clOrdId: o.clOrdId, tag: '' }
    o.px = newPx ?? o.px
    o.sz = newSz ?? o.sz
    o.uTime = this.now()
    this.push(o.account, 'orders', [{ ...(this.orderData(o) as object), amendResult: '0' }])
    return { sCode: '0', sMsg: '', ordId: o.ordId, clOrdId: o.clOrdId, tag: '' }
  }

  private unfreeze(o: SimOrder): void {
    this.wallet(o.account, o.frozen.ccy).frozen -= o.frozen.amount
    o.frozen.amount = 0
  }

  private fill(o: SimOrder, px: number, execType: 'T' | 'M'): void {
    const i = this.instrument(o.instId)
    if (i === undefined) return
    this.unfreeze(o)
    const sz = o.sz - o.accFillSz
    const notional = px * sz * unitOf(i)
    const fee = notional * (execType === 'T' ? TAKER_FEE : MAKER_FEE)
    const t = this.now()
    const [base = '', quote = ''] = o.instId.split('-')
    if (okxKindOf(o.instId) === 'spot') {
      this.wallet(o.account, base).cash += o.side === 'buy' ? sz : -sz
      this.wallet(o.account, quote).cash += (o.side === 'buy' ? -notional : notional) - fee
    } else {
      this.wallet(o.account, quote).cash -= fee
      const book = this.positions.get(o.account) ?? new Map<string, { pos: number; avgPx: number; uTime: number }>()
      this.positions.set(o.account, book)
      const p = book.get(o.instId) ?? { pos: 0, avgPx: 0, uTime: t }
      const signed = o.side === 'buy' ? sz : -sz
      const next = p.pos + signed
      const avgPx = Math.sign(next) === Math.sign(p.pos) && Math.abs(next) > Math.abs(p.pos) ? (p.avgPx * Math.abs(p.pos) + px * sz) / Math.abs(next) : next === 0 ? 0 : Math.sign(next) !== Math.sign(p.pos) ? px : p.avgPx
      book.set(o.instId, { pos: next, avgPx, uTime: t })
    }
    o.avgPx = px
    o.accFillSz = o.sz
    o.fee += fee
    o.state = 'filled'
    o.uTime = t
    this.push(o.account, 'orders', [this.orderData(o, { px, sz, fee, tradeId: String(this.nextTradeId++), execType })])
    if (okxKindOf(o.instId) !== 'spot') this.push(o.account, 'positions', this.positionsData(o.account))
    this.push(o.account, 'account', this.accountData(o.account))
  }

  /** Fills resting orders the synthetic touch has crossed (as maker, at their limit). */
  match(): void {
    for (const o of this.orders.values()) {
      if (o.state !== 'live' || o.px === undefined) continue
      const book = this.market.market.book('okx', fromOkxSymbol(o.instId) ?? o.instId)
      const touch = o.side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0]
      if (touch !== undefined && (o.side === 'buy' ? touch <= o.px : touch >= o.px)) this.fill(o, o.px, 'M')
    }
  }
}
