/** A frame for the subscribers of one private topic. */
export interface PrivatePush {
  readonly topic: '/spotMarket/tradeOrdersV2' | '/spotMarket/tradeOrders' | '/account/balance'
  readonly frame: string
}

export interface SimOrderRequest {
  /** KuCoin id: `BTC-USDT`. */
  readonly symbol: string
  readonly side: 'buy' | 'sell'
  readonly price: number
  readonly size: number
  readonly clientOid?: string
}

interface SimOrder extends SimOrderRequest {
  readonly id: string
  readonly orderTime: number
  filled: number
  done: boolean
}

interface Account {
  total: number
  hold: number
}

const num = (n: number): string => String(Number(n.toFixed(10)))

/**
 * A small spot account: limit orders hold funds, fill completely once the market touch crosses their price, and
 * can be canceled. Every change is pushed as KuCoin would: `orderChange` on tradeOrdersV2 (V1 without `received`)
 * and `account.balance` with absolute totals.
 */
export class SimAccount {
  private readonly accounts = new Map<string, Account>()
  private readonly orders = new Map<string, SimOrder>()
  private nextId = 1

  constructor(balances: Readonly<Record<string, number>>) {
    for (const [currency, total] of Object.entries(balances)) this.accounts.set(currency, { total, hold: 0 })
  }

  get openOrders(): readonly string[] {
    return [...this.orders.values()].filter((o) => !o.done).map((o) => o.id)
  }

  /** KuCoin ids of the symbols with an open order (the simulator keeps their markets moving). */
  get openSymbols(): ReadonlySet<string> {
    return new Set([...this.orders.values()].filter((o) => !o.done).map((o) => o.symbol))
  }

  place(request: SimOrderRequest, now: number): PrivatePush[] {
    const id = `sim${String(this.nextId++).padStart(20, '0')}`
    const order: SimOrder = { ...request, id, orderTime: now, filled: 0, done: false }
    this.orders.set(id, order)
    const [currency, amount] = this.holdOf(order)
    return [
      ...this.change(order, 'received', 'new', now),
      ...this.balance(currency, 0, amount, 'trade.hold', now),
      ...this.change(order, 'open', 'open', now),
    ]
  }

  cancel(id: string, now: number): PrivatePush[] {
    const order = this.orders.get(id)
    if (order === undefined || order.done) return []
    order.done = true
    const [currency, amount] = this.holdOf(order)
    return [...this.balance(currency, 0, -amount, 'trade.setted', now), ...this.change(order, 'canceled', 'done', now)]
  }

  /** Fills every open order of `symbol` that the touch crosses, at its own price. */
  match(symbol: string, bestBid: number, bestAsk: number, now: number): PrivatePush[] {
    const out: PrivatePush[] = []
    for (const order of this.orders.values()) {
      if (order.done || order.symbol !== symbol) continue
      if (order.side === 'buy' ? bestAsk > order.price : bestBid < order.price) continue
      const [base, quote] = order.symbol.split('-') as [string, string]
      const value = order.price * order.size
      order.filled = order.size
      order.done = true
      const tradeId = `simtrade${this.nextId++}`
      out.push(...this.change(order, 'match', 'match', now, { matchPrice: num(order.price), matchSize: num(order.size), tradeId, liquidity: 'maker' }))
      if (order.side === 'buy') out.push(...this.balance(quote, -value, -value, 'trade.setted', now), ...this.balance(base, order.size, 0, 'trade.setted', now))
      else out.push(...this.balance(base, -order.size, -order.size, 'trade.setted', now), ...this.balance(quote, value, 0, 'trade.setted', now))
      out.push(...this.change(order, 'filled', 'done', now))
    }
    return out
  }

  private holdOf(order: SimOrder): [string, number] {
    const [base, quote] = order.symbol.split('-') as [string, string]
    return order.side === 'buy' ? [quote, order.price * (order.size - order.filled)] : [base, order.size - order.filled]
  }

  private change(order: SimOrder, type: string, status: string, now: number, extra: Record<string, string> = {}): PrivatePush[] {
    const remain = order.done && type === 'canceled' ? 0 : order.size - order.filled
    const data = {
      symbol: order.symbol, orderType: 'limit', side: order.side, orderId: order.id, type, status,
      orderTime: order.orderTime, ts: now * 1e6, price: num(order.price), size: num(order.size), originSize: num(order.size),
      filledSize: num(order.filled), remainSize: num(remain), canceledSize: num(type === 'canceled' ? order.size - order.filled : 0),
      ...(order.clientOid === undefined ? {} : { clientOid: order.clientOid }),
      ...extra,
    }
    const frame = (topic: PrivatePush['topic']): string =>
      JSON.stringify({ type: 'message', topic, subject: 'orderChange', userId: 'sim-user', channelType: 'private', data })
    const v2: PrivatePush = { topic: '/spotMarket/tradeOrdersV2', frame: frame('/spotMarket/tradeOrdersV2') }
    return type === 'received' ? [v2] : [v2, { topic: '/spotMarket/tradeOrders', frame: frame('/spotMarket/tradeOrders') }]
  }

  private balance(currency: string, totalChange: number, holdChange: number, event: string, now: number): PrivatePush[] {
    const account = this.accounts.get(currency) ?? { total: 0, hold: 0 }
    this.accounts.set(currency, account)
    account.total += totalChange
    account.hold += holdChange
    const data = {
      accountId: `sim-${currency}`, currency, total: num(account.total), available: num(account.total - account.hold), hold: num(account.hold),
      availableChange: num(totalChange - holdChange), holdChange: num(holdChange), relationEvent: event, time: String(now),
    }
    return [{ topic: '/account/balance', frame: JSON.stringify({ type: 'message', topic: '/account/balance', subject: 'account.balance', userId: 'sim-user', channelType: 'private', data }) }]
  }
}
