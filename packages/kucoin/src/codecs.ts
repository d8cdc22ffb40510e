import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { FiniteNumber, IntFromString, NumberFromString, fastPath, toNumber } from '@tributary/core'
import type { KucoinScanned } from './scanned'

/** A decimal kept as the venue's string (book levels keep the text they were sent). */
export const DecimalString = t.refinement(t.string, (s) => toNumber(s) !== undefined, 'DecimalString')
/** A whole number sent as a string that may exceed 2^53 (nanosecond times): kept as text. */
export const DigitString = t.refinement(t.string, (s) => /^\d+$/.test(s), 'DigitString')

// ---------------------------------------------------------------------------------------------------------------
// Session frames

export const KucoinWelcome = t.type({ type: t.literal('welcome'), id: t.string }, 'KucoinWelcome')
/** `id` echoes the request id as a string, even when a number was sent. */
export const KucoinAck = t.type({ type: t.literal('ack'), id: t.string }, 'KucoinAck')
export const KucoinPong = t.intersection([t.type({ type: t.literal('pong') }), t.partial({ id: t.string })], 'KucoinPong')
/** `code` is a number (401, 404, 415, 509); `id` is the request id, or the connectId for connection-level errors. */
export const KucoinError = t.intersection(
  [t.type({ type: t.literal('error'), code: t.number, data: t.string }), t.partial({ id: t.string })],
  'KucoinError',
)
/** Any frame whose `type` we do not know, or a `message` on a topic we do not support. */
export const KucoinUnknown = t.intersection([t.type({ type: t.string }), t.partial({ topic: t.string, subject: t.string })], 'KucoinUnknown')

// ---------------------------------------------------------------------------------------------------------------
// Public market data

const message = <S extends t.Mixed, D extends t.Mixed>(name: string, subject: S, data: D) =>
  t.type({ type: t.literal('message'), topic: t.string, subject, data }, name)

/** `/market/ticker:SYM` (subject `trade.ticker`) and `/market/ticker:all` (subject = the symbol). Strings; `time` ms. */
export const KucoinTicker = message(
  'KucoinTicker',
  t.string,
  t.type({
    sequence: t.string,
    price: NumberFromString,
    size: NumberFromString,
    bestBid: NumberFromString,
    bestBidSize: NumberFromString,
    bestAsk: NumberFromString,
    bestAskSize: NumberFromString,
    time: FiniteNumber,
  }),
)
export type KucoinTicker = t.TypeOf<typeof KucoinTicker>

const Stat = t.union([FiniteNumber, t.null])
/** `/market/snapshot` (subject `trade.snapshot`): 24 h statistics as JSON numbers, nested in `data.data`. */
export const KucoinSnapshot = message(
  'KucoinSnapshot',
  t.literal('trade.snapshot'),
  t.type({
    sequence: t.string,
    data: t.intersection([
      t.type({ symbol: t.string, datetime: FiniteNumber }),
      t.partial({ lastTradedPrice: Stat, buy: Stat, sell: Stat, open: Stat, high: Stat, low: Stat, vol: Stat, volValue: Stat }),
    ]),
  }),
)
export type KucoinSnapshot = t.TypeOf<typeof KucoinSnapshot>

/** `[price, size, sequence]`; price `"0"` marks a sequence-only row (no level change). */
const ChangeRow = t.tuple([DecimalString, DecimalString, DigitString], 'KucoinChangeRow')
/** `/market/level2` (subject `trade.l2update`): sequences are JSON integers; `time` only in newer frames. */
export const KucoinL2Update = message(
  'KucoinL2Update',
  t.literal('trade.l2update'),
  t.intersection([
    t.type({
      symbol: t.string,
      sequenceStart: FiniteNumber,
      sequenceEnd: FiniteNumber,
      changes: t.type({ asks: t.array(ChangeRow), bids: t.array(ChangeRow) }),
    }),
    t.partial({ time: FiniteNumber }),
  ]),
)
export type KucoinL2Update = t.TypeOf<typeof KucoinL2Update>

const Level = t.tuple([DecimalString, DecimalString], 'KucoinLevel')
/** `/spotMarket/level2Depth5|50` (subject `level2`): the top levels, replacing the book on every push. No sequence. */
export const KucoinDepth = message(
  'KucoinDepth',
  t.literal('level2'),
  t.type({ asks: t.array(Level), bids: t.array(Level), timestamp: FiniteNumber }),
)
export type KucoinDepth = t.TypeOf<typeof KucoinDepth>

/** `/market/match` (subject `trade.l3match`): `side` is the taker's; `time` is nanoseconds as a string. */
export const KucoinMatch = message(
  'KucoinMatch',
  t.literal('trade.l3match'),
  t.type({
    symbol: t.string,
    tradeId: t.string,
    price: NumberFromString,
    size: NumberFromString,
    side: t.keyof({ buy: null, sell: null }),
    time: DigitString,
  }),
)
export type KucoinMatch = t.TypeOf<typeof KucoinMatch>

const CandleArray = t.array(DecimalString)
const candleArray = fastPath(CandleArray)
/** The candle array `[start s, open, close, high, low, volume, turnover]`, decoded into named numbers. */
export const KucoinCandleValues = new t.Type<
  { start: number; open: number; close: number; high: number; low: number; volume: number; turnover: number },
  unknown,
  unknown
>(
  'KucoinCandleValues',
  (_u): _u is never => false,
  (u, c) =>
    pipe(
      candleArray.validate(u, c),
      E.chain((a) => {
        const [start, open, close, high, low, volume, turnover] = a.map(Number)
        return start === undefined || open === undefined || close === undefined || high === undefined || low === undefined ||
          volume === undefined || turnover === undefined || !Number.isSafeInteger(start)
          ? t.failure(u, c, 'expected [start, open, close, high, low, volume, turnover]')
          : t.success({ start, open, close, high, low, volume, turnover })
      }),
    ),
  t.identity,
)

/** `/market/candles:SYM_TYPE`: `candles` = `[start s, open, CLOSE, HIGH, LOW, volume, turnover]`; `time` ns. */
export const KucoinCandle = message(
  'KucoinCandle',
  t.keyof({ 'trade.candles.add': null, 'trade.candles.update': null }),
  t.type({
    symbol: t.string,
    candles: KucoinCandleValues,
    time: FiniteNumber,
  }),
)
export type KucoinCandle = t.TypeOf<typeof KucoinCandle>

// ---------------------------------------------------------------------------------------------------------------
// Private

/** `/spotMarket/tradeOrdersV2` and `/spotMarket/tradeOrders` (subject `orderChange`). `orderTime` is ms or ns. */
export const KucoinOrderChange = message(
  'KucoinOrderChange',
  t.literal('orderChange'),
  t.intersection([
    t.type({
      symbol: t.string,
      orderId: t.string,
      side: t.keyof({ buy: null, sell: null }),
      /** Event: `received`, `open`, `match`, `update`, `filled`, `canceled`. */
      type: t.string,
      /** `new`, `open`, `match`, `done`. */
      status: t.string,
      ts: FiniteNumber,
    }),
    t.partial({
      orderType: t.string,
      clientOid: t.string,
      price: NumberFromString,
      size: NumberFromString,
      originSize: NumberFromString,
      filledSize: NumberFromString,
      remainSize: NumberFromString,
      canceledSize: NumberFromString,
      matchPrice: NumberFromString,
      matchSize: NumberFromString,
      tradeId: t.string,
      liquidity: t.keyof({ maker: null, taker: null }),
      orderTime: FiniteNumber,
    }),
  ]),
)
export type KucoinOrderChange = t.TypeOf<typeof KucoinOrderChange>

/** `/account/balance` (subject `account.balance`): absolute `total`, `available`, `hold` after the change; `time` ms string. */
export const KucoinBalance = message(
  'KucoinBalance',
  t.literal('account.balance'),
  t.type({ currency: t.string, total: NumberFromString, available: NumberFromString, hold: NumberFromString, time: IntFromString }),
)
export type KucoinBalance = t.TypeOf<typeof KucoinBalance>

// ---------------------------------------------------------------------------------------------------------------
// Routing

/** A decoded frame, tagged with the codec that matched it (or read by the fast path, see `createDecode`). */
export type KucoinFrame =
  | { readonly kind: 'welcome'; readonly frame: t.TypeOf<typeof KucoinWelcome> }
  | { readonly kind: 'ack'; readonly frame: t.TypeOf<typeof KucoinAck> }
  | { readonly kind: 'pong'; readonly frame: t.TypeOf<typeof KucoinPong> }
  | { readonly kind: 'error'; readonly frame: t.TypeOf<typeof KucoinError> }
  | { readonly kind: 'ticker'; readonly frame: KucoinTicker }
  | { readonly kind: 'snapshot'; readonly frame: KucoinSnapshot }
  | { readonly kind: 'l2update'; readonly frame: KucoinL2Update }
  | { readonly kind: 'depth'; readonly frame: KucoinDepth }
  | { readonly kind: 'match'; readonly frame: KucoinMatch }
  | { readonly kind: 'candle'; readonly frame: KucoinCandle }
  | { readonly kind: 'order'; readonly frame: KucoinOrderChange }
  | { readonly kind: 'balance'; readonly frame: KucoinBalance }
  | { readonly kind: 'unknown'; readonly frame: t.TypeOf<typeof KucoinUnknown> }
  | KucoinScanned

type Kind = Exclude<KucoinFrame, KucoinScanned>['kind']

/**
 * Wraps a codec so its output carries `kind`; the name (and so every error message) stays the codec's. A refinement
 * type, so that core's path formatting treats it as structural (`code`, not `0.code`). Validates through
 * {@link fastPath}: the same result and errors, without io-ts's per-field work on valid frames.
 */
const tagged = <K extends Kind, A>(kind: K, codec: t.Type<A, unknown, unknown>): t.Decoder<unknown, KucoinFrame> => {
  const fast = fastPath(codec)
  return new t.RefinementType<t.Type<A, unknown, unknown>, KucoinFrame, unknown, unknown>(
    codec.name,
    (_u): _u is KucoinFrame => false,
    (u, c) => pipe(fast.validate(u, c), E.map((frame) => ({ kind, frame }) as KucoinFrame)),
    t.identity,
    codec,
    () => true,
  )
}

const Session = {
  welcome: tagged('welcome', KucoinWelcome),
  ack: tagged('ack', KucoinAck),
  pong: tagged('pong', KucoinPong),
  error: tagged('error', KucoinError),
} as const
const Unknown = tagged('unknown', KucoinUnknown)

/** Message codecs by topic prefix (the part before `:`). */
const Topics: Readonly<Record<string, t.Decoder<unknown, KucoinFrame>>> = {
  '/market/ticker': tagged('ticker', KucoinTicker),
  '/market/snapshot': tagged('snapshot', KucoinSnapshot),
  '/market/level2': tagged('l2update', KucoinL2Update),
  '/spotMarket/level2Depth5': tagged('depth', KucoinDepth),
  '/spotMarket/level2Depth50': tagged('depth', KucoinDepth),
  '/market/match': tagged('match', KucoinMatch),
  '/market/candles': tagged('candle', KucoinCandle),
  '/spotMarket/tradeOrdersV2': tagged('order', KucoinOrderChange),
  '/spotMarket/tradeOrders': tagged('order', KucoinOrderChange),
  '/account/balance': tagged('balance', KucoinBalance),
}

/** The topic without its symbol list: `/market/level2:BTC-USDT` → `/market/level2`. */
export const topicPrefix = (topic: string): string => {
  const i = topic.indexOf(':')
  return i < 0 ? topic : topic.slice(0, i)
}

/** Routes on `type`, then on the topic prefix for messages, so a failure names one codec and one path. */
export const codecFor = (json: unknown): t.Decoder<unknown, KucoinFrame> => {
  if (!t.UnknownRecord.is(json)) return Unknown
  const type = json['type']
  if (type === 'welcome' || type === 'ack' || type === 'pong' || type === 'error') return Session[type]
  if (type === 'message' && typeof json['topic'] === 'string') return Topics[topicPrefix(json['topic'])] ?? Unknown
  return Unknown
}
