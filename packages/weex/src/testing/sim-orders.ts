/** An order as a test places it on the simulator. */
export interface SimOrderRequest {
  /** Weex id, `BTCUSDT`. */
  readonly symbol: string
  readonly side: 'BUY' | 'SELL'
  /** Base quantity. */
  readonly size: number
  /** Limit price; absent for a market order. */
  readonly price?: number
  readonly clientOrderId?: string
}

interface SimOrder {
  readonly id: string
  readonly request: SimOrderRequest
  readonly createdTime: number
  status: 'NEW' | 'FILLED' | 'CANCELED'
  cumFillSize: number
  cumFillValue: number
  cumFillFee: number
}

interface SimPosition {
  /** Signed base quantity. */
  size: number
  openValue: number
}

/** Pushes the model produces: a private channel name and the frame text. */
export type PrivatePush = readonly [channel: 'orders' | 'fill' | 'positions' | 'account', frame: string]

const TAKER_FEE = 0.0006
const n = (x: number): string => String(Number(x.toFixed(8)))

/**
 * A small order model: market orders and crossing limit orders fill at once at the touch, others rest until the
 * touch crosses them or they are cancelled. Every change yields Weex private pushes (`orders`, then `fill`,
 * `positions`, `account`) with an increasing account version `v`.
 */
export class SimOrders {
  private readonly orders = new Map<string, SimOrder>()
  private readonly positions = new Map<string, SimPosition>()
  private nextId = 700_000_000_000_000_000n
  private version = 1
  private balance: number

  constructor(
    private readonly now: () => number,
    initialBalance = 10_000,
  ) {
    this.balance = initialBalance
  }

  /** Places an order against the current touch; returns its id and the pushes it caused. */
  place(request: SimOrderRequest, touch: { readonly bid: number; readonly ask: number }): { readonly id: string; readonly pushes: readonly PrivatePush[] } {
    this.nextId += 1n
    const order: SimOrder = { id: String(this.nextId), request, createdTime: this.now(), status: 'NEW', cumFillSize: 0, cumFillValue: 0, cumFillFee: 0 }
    this.orders.set(order.id, order)
    return { id: order.id, pushes: [this.orderPush(order), ...this.tryFill(order, touch)] }
  }

  cancel(id: string): readonly PrivatePush[] {
    const order = this.orders.get(id)
    if (order === undefined || order.status !== 'NEW') return []
    order.status = 'CANCELED'
    return [this.orderPush(order)]
  }

  /** Fills resting orders of `symbol` that the touch now crosses. */
  onTouch(symbol: string, touch: { readonly bid: number; readonly ask: number }): readonly PrivatePush[] {
    return [...this.orders.values()].filter((o) => o.request.symbol === symbol && o.status === 'NEW').flatMap((o) => this.tryFill(o, touch))
  }

  private tryFill(order: SimOrder, touch: { readonly bid: number; readonly ask: number }): readonly PrivatePush[] {
    const { side, price, size, symbol } = order.request
    const at = side === 'BUY' ? touch.ask : touch.bid
    if (price !== undefined && (side === 'BUY' ? price < at : price > at)) return []
    const value = at * size
    const fee = value * TAKER_FEE
    order.status = 'FILLED'
    order.cumFillSize = size
    order.cumFillValue = value
    order.cumFillFee = fee
    const pos = this.positions.get(symbol) ?? { size: 0, openValue: 0 }
    const signed = side === 'BUY' ? size : -size
    const sameWay = pos.size === 0 || Math.sign(pos.size) === Math.sign(signed)
    pos.openValue = sameWay ? pos.openValue + value : Math.abs(pos.size + signed) < 1e-12 ? 0 : (pos.openValue / Math.abs(pos.size)) * Math.abs(pos.size + signed)
    pos.size += signed
    this.positions.set(symbol, pos)
    this.balance -= fee
    const ts = this.now()
    this.nextId += 1n
    const fill = {
      id: String(this.nextId), coin: 'USDT', symbol, orderId: order.id, marginMode: 'CROSSED', positionSide: side === 'BUY' ? 'LONG' : 'SHORT', orderSide: side,
      fillSize: n(size), fillValue: n(value), fillFee: n(fee), direction: 'TAKER', createdTime: String(ts), updatedTime: String(ts),
    }
    const position = {
      id: `${symbol}-pos`, coin: 'USDT', symbol, side: pos.size < 0 ? 'SHORT' : 'LONG', marginMode: 'CROSSED', leverage: '10',
      size: n(Math.abs(pos.size)), openValue: n(pos.openValue), createdTime: String(order.createdTime), updatedTime: String(ts),
    }
    const account = { coin: 'USDT', marginMode: 'CROSSED', amount: n(this.balance), legacyAmount: n(this.balance), createdTime: String(order.createdTime), updatedTime: String(ts) }
    return [this.orderPush(order), this.push('fill', 'OrderUpdate', fill), this.push('positions', 'OrderUpdate', position), this.push('account', 'OrderUpdate', account)]
  }

  private orderPush(order: SimOrder): PrivatePush {
    const { request: r } = order
    return this.push('orders', 'OrderUpdate', {
      id: order.id, coin: 'USDT', symbol: r.symbol, marginMode: 'CROSSED', positionSide: r.side === 'BUY' ? 'LONG' : 'SHORT', orderSide: r.side,
      price: r.price === undefined ? '0' : n(r.price), size: n(r.size), clientOrderId: r.clientOrderId ?? '', type: r.price === undefined ? 'MARKET' : 'LIMIT',
      timeInForce: r.price === undefined ? 'IOC' : 'GTC', reduceOnly: false, status: order.status, cumFillSize: n(order.cumFillSize),
      cumFillValue: n(order.cumFillValue), cumFillFee: n(order.cumFillFee), createdTime: String(order.createdTime), updatedTime: String(this.now()),
    })
  }

  private push(channel: PrivatePush[0], msgEvent: string, item: object): PrivatePush {
    this.version += 1
    return [channel, JSON.stringify({ e: channel, E: this.now(), v: this.version, msgEvent, d: [item] })]
  }
}
