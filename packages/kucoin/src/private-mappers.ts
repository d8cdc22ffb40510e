import type { Balance, Fill, Order, OrderStatus, OrderType } from '@tributary/core'
import type { KucoinBalance, KucoinOrderChange } from './codecs'
import type { MapContext } from './mappers'
import { VENUE } from './rest'
import { toEpochMs } from './time'

type OrderData = KucoinOrderChange['data']

/** KuCoin's event `type` (and remaining size) → unified order status. */
export const toOrderStatus = (d: OrderData): OrderStatus => {
  const filled = (d.filledSize ?? 0) > 0
  switch (d.type) {
    case 'filled':
      return 'filled'
    case 'canceled':
      return 'canceled'
    case 'match':
      return d.remainSize === 0 ? 'filled' : 'partially_filled'
    default:
      if (d.status === 'done') return (d.canceledSize ?? 0) > 0 ? 'canceled' : 'filled'
      return filled ? 'partially_filled' : 'open'
  }
}

const orderType = (t: string | undefined): OrderType => (t === 'limit' || t === 'market' ? t : 'other')

/** Order change → the order after the change, plus a Fill when the event is a `match`. */
export const toOrderEvents = (frame: KucoinOrderChange, ctx: MapContext): readonly (Order | Fill)[] => {
  const d = frame.data
  const symbol = ctx.symbol(d.symbol)
  const ts = toEpochMs(d.ts)
  const filledSize = d.filledSize ?? 0
  const order: Order = {
    kind: 'order',
    venue: VENUE,
    symbol,
    ts,
    receivedAt: ctx.receivedAt,
    id: d.orderId,
    side: d.side,
    type: orderType(d.orderType),
    status: toOrderStatus(d),
    size: d.size ?? d.originSize ?? filledSize + (d.remainSize ?? 0),
    filledSize,
    venueStatus: d.status,
    ...(d.clientOid === undefined ? {} : { clientId: d.clientOid }),
    ...(d.price === undefined || d.price === 0 ? {} : { price: d.price }),
  }
  if (d.type !== 'match' || d.tradeId === undefined || d.matchPrice === undefined || d.matchSize === undefined) return [order]
  const fill: Fill = {
    kind: 'fill',
    venue: VENUE,
    symbol,
    ts,
    receivedAt: ctx.receivedAt,
    id: d.tradeId,
    orderId: d.orderId,
    side: d.side,
    price: d.matchPrice,
    size: d.matchSize,
    ...(d.clientOid === undefined ? {} : { clientOrderId: d.clientOid }),
    ...(d.liquidity === undefined ? {} : { liquidity: d.liquidity }),
  }
  return [order, fill]
}

/** Balance change → the currency's balance after it (`total = available + hold`). `symbol` holds the currency. */
export const toBalance = (frame: KucoinBalance, ctx: MapContext & { readonly currency: (code: string) => string }): Balance => {
  const d = frame.data
  const currency = ctx.currency(d.currency)
  return {
    kind: 'balance',
    venue: VENUE,
    symbol: currency,
    currency,
    ts: d.time,
    receivedAt: ctx.receivedAt,
    total: d.total,
    free: d.available,
    used: d.hold,
  }
}
