import {
  VenueRejectedError,
  type BookSnapshot,
  type BookUpdate,
  type Balance,
  type Candle,
  type Fill,
  type MarkPrice,
  type Order,
  type OrderStatus,
  type OrderType,
  type Position,
  type Ticker,
  type TimeInForce,
  type Trade,
  type VenueMessage,
} from '@tributary/core'
import type {
  WeexAccountPush,
  WeexDepth,
  WeexFillPush,
  WeexKlinePush,
  WeexOrderStatus,
  WeexOrdersPush,
  WeexPositionsPush,
  WeexReply,
  WeexTickerPush,
  WeexTradePush,
} from './codecs'

export const VENUE = 'weex'

/**
 * PONG requests take ids from this base up, so their acks (`{"result":true,"id":n}`) are told apart from subscribe
 * acks without remembering anything. Stays below 2^31 for servers that read ids as int32.
 */
export const PONG_ID_BASE = 1_000_000_000

/** Quotient cleaned of binary noise (`10381.27 / 0.1` → 103812.7, not 103812.70000000001). */
export const ratio = (numerator: number, denominator: number): number => Number((numerator / denominator).toPrecision(15))

/** Where a push is routed: the stream name it was subscribed with. */
export const tickerTopic = (s: string): string => `${s}@ticker`
export const depthTopic = (s: string, levels: number): string => `${s}@depth${levels}`
export const tradeTopic = (s: string): string => `${s}@trade`
export const klineTopic = (s: string, interval: string, price: string): string => `${s}@kline_${interval}_${price}`

/** A ticker push → Ticker (last, 24 h stats, mark and index) plus a MarkPrice when the mark is present. */
export const toTickerEvents = (push: WeexTickerPush, symbol: string, receivedAt: number): readonly (Ticker | MarkPrice)[] =>
  push.d.flatMap((d) => {
    const base = { venue: VENUE, symbol, ts: push.E, receivedAt }
    const ticker: Ticker = {
      kind: 'ticker',
      ...base,
      last: d.c,
      open24h: d.o,
      high24h: d.h,
      low24h: d.l,
      baseVolume24h: d.v,
      quoteVolume24h: d.q,
      ...(d.m === undefined ? {} : { markPrice: d.m }),
      ...(d.i === undefined ? {} : { indexPrice: d.i }),
    }
    if (d.m === undefined) return [ticker]
    const mark: MarkPrice = { kind: 'mark-price', ...base, markPrice: d.m, ...(d.i === undefined ? {} : { indexPrice: d.i }) }
    return [ticker, mark]
  })

/**
 * A depth push → BookSnapshot (`e:"depthSnapshot"` or `d:"SNAPSHOT"`) or BookUpdate with `prevSeq = U`, `seq = u`
 * (each delta's `U` equals the previous `u` in every recorded session). Sizes are base quantities already.
 */
export const toBookEvent = (push: WeexDepth, symbol: string, receivedAt: number): BookSnapshot | BookUpdate => {
  const { E: ts, bids, asks, u: seq, l: depth } = push
  return push.e === 'depthSnapshot' || push.d === 'SNAPSHOT'
    ? { kind: 'book-snapshot', venue: VENUE, symbol, ts, receivedAt, bids, asks, seq, depth }
    : { kind: 'book-update', venue: VENUE, symbol, ts, receivedAt, bids, asks, seq, depth, prevSeq: push.U }
}

/** `items` oldest first by `time`: sorted (stably) only when the venue sent them out of order. */
const oldestFirst = <A>(items: A[], time: (item: A) => number): A[] => {
  for (let i = 1; i < items.length; i++) {
    if (time(items[i - 1] as A) > time(items[i] as A)) return items.sort((a, b) => time(a) - time(b))
  }
  return items
}

/** A trade push → Trades, oldest first (the venue sends snapshots newest first and batches out of order). */
export const toTrades = (push: WeexTradePush, symbol: string, receivedAt: number): readonly Trade[] =>
  oldestFirst(
    push.d.map((d): Trade => ({ kind: 'trade', venue: VENUE, symbol, ts: d.T, receivedAt, id: d.t, price: d.p, size: d.q, side: d.m ? 'sell' : 'buy' })),
    (trade) => trade.ts,
  )

/** A kline push → Candles, oldest first, all `closed: false`; {@link closeCandles} decides finality. */
export const toCandles = (push: WeexKlinePush, symbol: string, receivedAt: number): readonly Candle[] => {
  const { E: ts, p } = push
  const priceType = p === 'MARK_PRICE' ? 'mark' : 'last'
  // Two literals rather than a spread of the optional field: a snapshot holds hundreds of candles.
  const candle = ({ i: interval, t: openTime, o: open, h: high, l: low, c: close, v: volume, q }: WeexKlinePush['d'][number]): Candle =>
    q === undefined
      ? { kind: 'candle', venue: VENUE, symbol, ts, receivedAt, interval, openTime, open, high, low, close, volume, closed: false, priceType }
      : { kind: 'candle', venue: VENUE, symbol, ts, receivedAt, interval, openTime, open, high, low, close, volume, closed: false, quoteVolume: q, priceType }
  return oldestFirst(push.d.map(candle), (c) => c.openTime)
}

/**
 * Weex sends no "closed" flag: a candle is final once a newer one starts. Given the last candle seen on the stream
 * and a batch, returns the events to emit (the previous candle re-emitted `closed: true` when superseded, every
 * candle but the newest closed) and the newest, still forming, candle.
 */
export const closeCandles = (
  previous: Candle | undefined,
  batch: readonly Candle[],
): { readonly events: readonly Candle[]; readonly forming: Candle | undefined } => {
  const newest = batch[batch.length - 1]
  if (newest === undefined) return { events: [], forming: previous }
  const events: Candle[] = []
  const first = batch[0]
  if (previous !== undefined && first !== undefined && first.openTime > previous.openTime) events.push({ ...previous, closed: true })
  for (const c of batch) {
    if (previous !== undefined && c.openTime < previous.openTime) continue
    events.push(c === newest ? c : { ...c, closed: true })
  }
  return { events, forming: newest }
}

/**
 * Order status mapping: PENDING/NEW/OPEN/UNTRIGGERED/CANCELING → open (partially_filled once something filled),
 * PARTIALLY_FILLED → partially_filled, FILLED → filled, CANCELED → canceled, EXPIRED → expired, REJECTED → rejected.
 */
export const toOrderStatus = (status: WeexOrderStatus, filledSize: number): OrderStatus => {
  switch (status) {
    case 'PENDING':
    case 'NEW':
    case 'OPEN':
    case 'UNTRIGGERED':
    case 'CANCELING':
    case 'PARTIALLY_FILLED':
      return filledSize > 0 ? 'partially_filled' : 'open'
    case 'FILLED':
      return 'filled'
    case 'CANCELED':
      return 'canceled'
    case 'EXPIRED':
      return 'expired'
    case 'REJECTED':
      return 'rejected'
  }
}

const toOrderType = (type: string): OrderType => {
  if (type === 'LIMIT') return 'limit'
  if (type === 'MARKET') return 'market'
  if (type.startsWith('STOP')) return 'stop'
  if (type.startsWith('TAKE_PROFIT')) return 'take_profit'
  return 'other'
}

const TIME_IN_FORCE: Readonly<Record<string, TimeInForce>> = { GTC: 'gtc', IOC: 'ioc', FOK: 'fok', POST_ONLY: 'post_only' }

export const toOrders = (push: WeexOrdersPush, symbolOf: (id: string) => string, receivedAt: number): readonly Order[] =>
  push.d.map((d): Order => {
    const tif = d.timeInForce === undefined ? undefined : TIME_IN_FORCE[d.timeInForce]
    return {
      kind: 'order',
      venue: VENUE,
      symbol: symbolOf(d.symbol),
      ts: d.updatedTime,
      receivedAt,
      id: d.id,
      side: d.orderSide === 'BUY' ? 'buy' : 'sell',
      type: toOrderType(d.type),
      status: toOrderStatus(d.status, d.cumFillSize),
      size: d.size,
      filledSize: d.cumFillSize,
      ...(d.clientOrderId === undefined || d.clientOrderId === '' ? {} : { clientId: d.clientOrderId }),
      ...(tif === undefined ? {} : { timeInForce: tif }),
      ...(d.price > 0 ? { price: d.price } : {}),
      ...(d.cumFillSize > 0 ? { averagePrice: ratio(d.cumFillValue, d.cumFillSize) } : {}),
      fee: d.cumFillFee,
      feeCurrency: d.coin,
      ...(d.reduceOnly === undefined ? {} : { reduceOnly: d.reduceOnly }),
      venueStatus: d.status,
    }
  })

export const toFills = (push: WeexFillPush, symbolOf: (id: string) => string, receivedAt: number): readonly Fill[] =>
  push.d.map(
    (d): Fill => ({
      kind: 'fill',
      venue: VENUE,
      symbol: symbolOf(d.symbol),
      ts: d.createdTime,
      receivedAt,
      id: d.id,
      orderId: d.orderId,
      side: d.orderSide === 'BUY' ? 'buy' : 'sell',
      price: d.fillSize > 0 ? ratio(d.fillValue, d.fillSize) : 0,
      size: d.fillSize,
      fee: d.fillFee,
      feeCurrency: d.coin,
      liquidity: d.direction === 'MAKER' ? 'maker' : 'taker',
    }),
  )

export const toPositions = (push: WeexPositionsPush, symbolOf: (id: string) => string, receivedAt: number): readonly Position[] =>
  push.d.map(
    (d): Position => ({
      kind: 'position',
      venue: VENUE,
      symbol: symbolOf(d.symbol),
      ts: d.updatedTime,
      receivedAt,
      side: d.size === 0 ? 'flat' : d.side === 'LONG' ? 'long' : 'short',
      size: d.size,
      marginMode: d.marginMode === 'CROSSED' ? 'cross' : 'isolated',
      leverage: d.leverage,
      ...(d.size > 0 ? { entryPrice: ratio(d.openValue, d.size) } : {}),
    }),
  )

/** `free = amount`, `total = legacyAmount` (as ccxt reads them; Weex sends no margin-locked figure). */
export const toBalances = (push: WeexAccountPush, receivedAt: number): readonly Balance[] =>
  push.d.map((d): Balance => {
    const total = d.legacyAmount ?? d.amount
    return { kind: 'balance', venue: VENUE, symbol: d.coin, ts: d.updatedTime, receivedAt, currency: d.coin, total, free: d.amount, used: Math.max(0, total - d.amount) }
  })

/** Splits `"INVALID_ARGUMENT: invalid symbol : X"` into its code (before the first `:`) and the rest. */
export const parseRejection = (msg: string): { readonly code: string; readonly message: string } => {
  const colon = msg.indexOf(':')
  if (colon <= 0) return { code: 'REJECTED', message: msg.trim() }
  return { code: msg.slice(0, colon).trim(), message: msg.slice(colon + 1).trim() }
}

/** A reply → ack, reject (typed, with the venue's code) or pong (ids from {@link PONG_ID_BASE}). */
export const toReplyMessage = (reply: WeexReply): VenueMessage => {
  const id = typeof reply.id === 'number' ? reply.id : Number(reply.id)
  if (Number.isFinite(id) && id >= PONG_ID_BASE) {
    return reply.result ? { type: 'pong' } : { type: 'unknown', what: `PONG ${reply.id} rejected: ${reply.msg ?? ''}` }
  }
  const requestId = String(reply.id)
  if (reply.result) return { type: 'ack', requestId }
  const { code, message } = parseRejection(reply.msg ?? '')
  return { type: 'reject', requestId, error: new VenueRejectedError(VENUE, code, message, `request ${requestId}`) }
}
