import type * as t from 'io-ts'
import type { Balance, Fill, Order, OrderStatus, OrderType, Position, TimeInForce } from '@tributary/core'
import { opt } from './market-mappers'
import type { OkxAccountPush, OkxOrder, OkxPosition } from './private-codecs'
import { sizeAt, type ToBase } from './sizes'

/**
 * OKX order state → model status. `mmp_canceled` (market-maker protection) is a cancel; the venue word is kept in
 * `venueStatus`. An unknown state maps to `undefined` and is reported, not guessed.
 */
export const ORDER_STATUS: Readonly<Record<string, OrderStatus>> = {
  live: 'open',
  partially_filled: 'partially_filled',
  filled: 'filled',
  canceled: 'canceled',
  mmp_canceled: 'canceled',
}

const ORDER_TYPE: Readonly<Record<string, { readonly type: OrderType; readonly tif?: TimeInForce }>> = {
  market: { type: 'market' },
  limit: { type: 'limit', tif: 'gtc' },
  post_only: { type: 'post_only', tif: 'post_only' },
  fok: { type: 'fok', tif: 'fok' },
  ioc: { type: 'ioc', tif: 'ioc' },
  optimal_limit_ioc: { type: 'ioc', tif: 'ioc' },
  mmp: { type: 'limit', tif: 'gtc' },
  mmp_and_post_only: { type: 'post_only', tif: 'post_only' },
}

export interface PrivateContext {
  readonly venue: string
  readonly symbol: string
  readonly receivedAt: number
  readonly toBase: ToBase
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s)
const negate = (n: number | undefined): number | undefined => (n === undefined ? undefined : n === 0 ? 0 : -n)

/** An `orders` item → the order, or a message saying why it cannot be mapped. */
export const toOrder = (d: OkxOrder, c: PrivateContext): Order | string => {
  const status = ORDER_STATUS[d.state]
  if (status === undefined) return `okx ${d.instId} order ${d.ordId}: unknown state ${JSON.stringify(d.state)}`
  const refPrice = d.px ?? (d.avgPx !== undefined && d.avgPx > 0 ? d.avgPx : undefined) ?? d.fillPx ?? d.lastPx
  const size = sizeAt(c.toBase, d.sz, refPrice)
  if (size === undefined) return `okx ${d.instId} order ${d.ordId}: inverse contract size without a price cannot be converted`
  const type = ORDER_TYPE[d.ordType] ?? { type: 'other' as const }
  const filled = d.accFillSz ?? 0
  return {
    kind: 'order',
    venue: c.venue,
    symbol: c.symbol,
    ts: d.uTime,
    receivedAt: c.receivedAt,
    id: d.ordId,
    side: d.side,
    type: type.type,
    status,
    size,
    filledSize: filled === 0 ? 0 : (sizeAt(c.toBase, filled, d.avgPx ?? refPrice) ?? 0),
    ...opt('clientId', nonEmpty(d.clOrdId)),
    ...opt('timeInForce', type.tif),
    ...opt('price', d.px),
    ...opt('averagePrice', d.avgPx !== undefined && d.avgPx > 0 ? d.avgPx : undefined),
    // OKX fees are negative when paid; the model's are positive when paid.
    ...opt('fee', negate(d.fee)),
    ...opt('feeCurrency', nonEmpty(d.feeCcy)),
    ...opt('reduceOnly', d.reduceOnly === undefined ? undefined : d.reduceOnly === 'true'),
    venueStatus: d.state,
  }
}

/** The fill an `orders` item reports, when `tradeId` is non-empty and `fillSz` > 0. */
export const toFill = (d: OkxOrder, c: PrivateContext): Fill | string | undefined => {
  const tradeId = nonEmpty(d.tradeId)
  if (tradeId === undefined || d.fillSz === undefined || d.fillSz <= 0) return undefined
  if (d.fillPx === undefined) return `okx ${d.instId} order ${d.ordId}: fill ${tradeId} without fillPx`
  return {
    kind: 'fill',
    venue: c.venue,
    symbol: c.symbol,
    ts: d.fillTime ?? d.uTime,
    receivedAt: c.receivedAt,
    id: tradeId,
    orderId: d.ordId,
    side: d.side,
    price: d.fillPx,
    size: c.toBase(d.fillSz, d.fillPx),
    ...opt('clientOrderId', nonEmpty(d.clOrdId)),
    ...opt('fee', negate(d.fillFee)),
    ...opt('feeCurrency', nonEmpty(d.fillFeeCcy)),
    ...opt<'liquidity', 'maker' | 'taker'>('liquidity', d.execType === 'T' ? 'taker' : d.execType === 'M' ? 'maker' : undefined),
  }
}

type PositionLike = Pick<OkxPosition, 'instId' | 'mgnMode' | 'posSide' | 'pos' | 'uTime'> & Partial<Pick<OkxPosition, 'avgPx' | 'markPx' | 'upl' | 'lever' | 'liqPx'>>

/**
 * A position. Net mode (`posSide: net`): the sign of `pos` is the side. Long/short mode: `posSide`. Size is in
 * base units, always ≥ 0; `contracts` keeps the venue's count.
 */
export const toPosition = (d: PositionLike, c: PrivateContext): Position | string => {
  if (d.mgnMode !== 'cross' && d.mgnMode !== 'isolated') return `okx ${d.instId}: unknown margin mode ${JSON.stringify(d.mgnMode)}`
  const pos = d.pos ?? 0
  const side = pos === 0 ? 'flat' : d.posSide === 'long' ? 'long' : d.posSide === 'short' ? 'short' : pos > 0 ? 'long' : 'short'
  const contracts = Math.abs(pos)
  const size = contracts === 0 ? 0 : sizeAt(c.toBase, contracts, d.markPx ?? d.avgPx)
  if (size === undefined) return `okx ${d.instId}: inverse position size without a price cannot be converted`
  return {
    kind: 'position',
    venue: c.venue,
    symbol: c.symbol,
    ts: d.uTime,
    receivedAt: c.receivedAt,
    side,
    size,
    marginMode: d.mgnMode,
    contracts,
    ...opt('entryPrice', d.avgPx),
    ...opt('markPrice', d.markPx),
    ...opt('unrealizedPnl', d.upl),
    ...opt('leverage', d.lever),
    ...opt('liquidationPrice', d.liqPx),
  }
}

/** `account` → one balance per currency: total `eq`, free `availEq` (else `availBal`), used `frozenBal`. */
export const toBalances = (push: t.TypeOf<typeof OkxAccountPush>, venue: string, receivedAt: number): Balance[] =>
  push.data.flatMap((account) =>
    account.details.map((d) => {
      const used = d.frozenBal ?? 0
      return {
        kind: 'balance' as const,
        venue,
        symbol: d.ccy,
        ts: d.uTime ?? account.uTime,
        receivedAt,
        currency: d.ccy,
        total: d.eq,
        free: d.availEq ?? d.availBal ?? d.eq - used,
        used,
      }
    }),
  )
