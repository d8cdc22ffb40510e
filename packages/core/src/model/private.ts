import * as t from 'io-ts'
import { FiniteNumber } from '../codec/number-from-string'
import { EventBase, Side, struct } from './common'

export const OrderStatus = t.keyof(
  { open: null, partially_filled: null, filled: null, canceled: null, rejected: null, expired: null },
  'OrderStatus',
)
export type OrderStatus = t.TypeOf<typeof OrderStatus>

export const OrderType = t.keyof(
  { limit: null, market: null, post_only: null, fok: null, ioc: null, stop: null, take_profit: null, other: null },
  'OrderType',
)
export type OrderType = t.TypeOf<typeof OrderType>

export const TimeInForce = t.keyof({ gtc: null, ioc: null, fok: null, post_only: null }, 'TimeInForce')
export type TimeInForce = t.TypeOf<typeof TimeInForce>

/** The state of one of the user's orders after a change. Sizes in base units. */
export const Order = struct(
  'Order',
  {
    kind: t.literal('order'),
    ...EventBase.props,
    /** The venue's order id. */
    id: t.string,
    side: Side,
    type: OrderType,
    status: OrderStatus,
    /** Ordered size, base units. */
    size: FiniteNumber,
    /** Cumulative filled size, base units. */
    filledSize: FiniteNumber,
  },
  {
    clientId: t.string,
    timeInForce: TimeInForce,
    /** Limit price; absent for market orders. */
    price: FiniteNumber,
    /** Average fill price; absent before the first fill. */
    averagePrice: FiniteNumber,
    /** Cumulative fee paid, positive = paid, negative = rebate, in `feeCurrency`. */
    fee: FiniteNumber,
    feeCurrency: t.string,
    reduceOnly: t.boolean,
    /** The venue's own status word, kept for diagnosis (`live`, `mmp_canceled`, `PENDING`). */
    venueStatus: t.string,
  },
)
export type Order = t.TypeOf<typeof Order>

/** One execution of one of the user's orders. */
export const Fill = struct(
  'Fill',
  {
    kind: t.literal('fill'),
    ...EventBase.props,
    /** The venue's trade id. */
    id: t.string,
    orderId: t.string,
    side: Side,
    price: FiniteNumber,
    /** Base units. */
    size: FiniteNumber,
  },
  {
    clientOrderId: t.string,
    /** Positive = paid, negative = rebate. */
    fee: FiniteNumber,
    feeCurrency: t.string,
    liquidity: t.keyof({ maker: null, taker: null }),
  },
)
export type Fill = t.TypeOf<typeof Fill>

/**
 * A balance of one currency. Balances are per currency, not per instrument: `symbol` holds the currency code
 * (`USDT`), like `currency`.
 */
export const Balance = struct(
  'Balance',
  {
    kind: t.literal('balance'),
    ...EventBase.props,
    currency: t.string,
    total: FiniteNumber,
    /** Available for new orders. */
    free: FiniteNumber,
    /** Locked in orders or margin. */
    used: FiniteNumber,
  },
  {},
)
export type Balance = t.TypeOf<typeof Balance>

export const PositionSide = t.keyof({ long: null, short: null, flat: null }, 'PositionSide')
export const MarginMode = t.keyof({ cross: null, isolated: null }, 'MarginMode')

/** An open (or just closed: `side: 'flat'`, size 0) derivatives position. Size in base units, always ≥ 0. */
export const Position = struct(
  'Position',
  {
    kind: t.literal('position'),
    ...EventBase.props,
    side: PositionSide,
    size: FiniteNumber,
    marginMode: MarginMode,
  },
  {
    /** Size in the venue's contracts, where the venue counts in contracts. */
    contracts: FiniteNumber,
    entryPrice: FiniteNumber,
    markPrice: FiniteNumber,
    unrealizedPnl: FiniteNumber,
    leverage: FiniteNumber,
    liquidationPrice: FiniteNumber,
  },
)
export type Position = t.TypeOf<typeof Position>
