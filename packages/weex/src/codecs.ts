import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { DecodeError, IntFromString, NumberFromString, decodeWith, parseJson, toNumber, type BookLevel } from '@tributary/core'
import { scanFrame } from './scan-frame'

const VENUE = 'weex'

/** A decimal sent as a string, kept as text (book levels keep the venue's strings). */
export const DecimalString = t.refinement(t.string, (s) => toNumber(s) !== undefined, 'DecimalString')
/** `[price, size]`, both decimal strings; size `"0"` deletes the level. */
export const WeexLevel = t.tuple([DecimalString, DecimalString], 'WeexLevel')
const RequestId = t.union([t.number, t.string], 'RequestId')

// -- control frames --------------------------------------------------------------------------------------------

/** One reply per SUBSCRIBE/UNSUBSCRIBE/PONG/PING request: `{"result":false,"id":1,"msg":"INVALID_ARGUMENT: …"}`. */
export const WeexReply = t.intersection([t.type({ result: t.boolean, id: RequestId }), t.partial({ msg: t.string })], 'WeexReply')
export type WeexReply = t.TypeOf<typeof WeexReply>

/** Server ping: `{"event":"ping","time":"…"}` (public) or `{"type":"ping","time":"…"}` (private); some clients saw `timestamp`. */
export const WeexPing = t.partial({ time: t.union([t.string, t.number]), timestamp: t.union([t.string, t.number]) }, 'WeexPing')

// -- public pushes ------------------------------------------------------------------------------------------------

const PushBase = { E: t.number, s: t.string }

export const WeexTickerPush = t.type(
  {
    e: t.literal('ticker'),
    ...PushBase,
    d: t.array(
      t.intersection([
        t.type({ c: NumberFromString, o: NumberFromString, h: NumberFromString, l: NumberFromString, v: NumberFromString, q: NumberFromString }),
        /** Mark and index price (contract tickers). */
        t.partial({ m: NumberFromString, i: NumberFromString }),
      ]),
    ),
  },
  'WeexTickerPush',
)
export type WeexTickerPush = t.TypeOf<typeof WeexTickerPush>

export const WeexDepthPush = t.type(
  {
    e: t.keyof({ depthSnapshot: null, depth: null }),
    ...PushBase,
    /** First book version in this message; chains onto the previous message's `u`. */
    U: t.number,
    /** Last book version in this message. */
    u: t.number,
    /** Depth of the stream (15 or 200). */
    l: t.number,
    d: t.keyof({ SNAPSHOT: null, CHANGED: null }),
    b: t.array(WeexLevel),
    a: t.array(WeexLevel),
  },
  'WeexDepthPush',
)
export type WeexDepthPush = t.TypeOf<typeof WeexDepthPush>

/** A depth push as decoded: levels in the model's form `[price, size, rawPrice, rawSize]` (sizes are base units). */
export type WeexDepth = Omit<WeexDepthPush, 'b' | 'a'> & { readonly bids: readonly BookLevel[]; readonly asks: readonly BookLevel[] }

const toLevel = ([price, size]: readonly [string, string]): BookLevel => [Number(price), Number(size), price, size]

/** Reads a validated depth push's level strings once (the fast path reads them straight from the text). */
export const toDepth = ({ e, E, s, U, u, l, d, b, a }: WeexDepthPush): WeexDepth => ({ e, E, s, U, u, l, d, bids: b.map(toLevel), asks: a.map(toLevel) })

export const WeexTradePush = t.type(
  {
    e: t.keyof({ tradeSnapshot: null, trade: null }),
    ...PushBase,
    d: t.array(
      t.type({
        T: t.number,
        t: t.string,
        p: NumberFromString,
        /** Base quantity. */
        q: NumberFromString,
        /** Buyer is the maker: the taker sold. */
        m: t.boolean,
      }),
    ),
  },
  'WeexTradePush',
)
export type WeexTradePush = t.TypeOf<typeof WeexTradePush>

export const WeexKlinePush = t.type(
  {
    e: t.keyof({ klineSnapshot: null, kline: null }),
    ...PushBase,
    p: t.keyof({ LAST_PRICE: null, MARK_PRICE: null }),
    d: t.array(
      t.intersection([
        t.type({
          t: t.number,
          T: t.number,
          i: t.string,
          o: NumberFromString,
          h: NumberFromString,
          l: NumberFromString,
          c: NumberFromString,
          v: NumberFromString,
        }),
        t.partial({ q: NumberFromString }),
      ]),
    ),
  },
  'WeexKlinePush',
)
export type WeexKlinePush = t.TypeOf<typeof WeexKlinePush>

// -- private pushes: {e, E, v, msgEvent, d} --------------------------------------------------------------------------

const envelope = <K extends string, C extends t.Mixed>(e: K, item: C, name: string) =>
  t.type({ e: t.literal(e), E: t.number, v: t.number, msgEvent: t.string, d: t.array(item) }, name)

const Side = t.keyof({ BUY: null, SELL: null })
const MarginMode = t.keyof({ CROSSED: null, ISOLATED: null })

/** Order statuses: seen in frames and the venue's enum (`PARTIALLY_FILLED`, `REJECTED` inferred, kept defensive). */
export const WeexOrderStatus = t.keyof(
  { PENDING: null, NEW: null, OPEN: null, UNTRIGGERED: null, PARTIALLY_FILLED: null, CANCELING: null, FILLED: null, CANCELED: null, EXPIRED: null, REJECTED: null },
  'WeexOrderStatus',
)
export type WeexOrderStatus = t.TypeOf<typeof WeexOrderStatus>

export const WeexOrdersPush = envelope(
  'orders',
  t.intersection([
    t.type({
      id: t.string,
      coin: t.string,
      symbol: t.string,
      orderSide: Side,
      type: t.string,
      status: WeexOrderStatus,
      price: NumberFromString,
      size: NumberFromString,
      cumFillSize: NumberFromString,
      /** Quote value of the fills so far: average price = cumFillValue / cumFillSize. */
      cumFillValue: NumberFromString,
      cumFillFee: NumberFromString,
      updatedTime: IntFromString,
    }),
    t.partial({ clientOrderId: t.string, timeInForce: t.string, reduceOnly: t.boolean }),
  ]),
  'WeexOrdersPush',
)
export type WeexOrdersPush = t.TypeOf<typeof WeexOrdersPush>

export const WeexFillPush = envelope(
  'fill',
  t.type({
    id: t.string,
    coin: t.string,
    symbol: t.string,
    orderId: t.string,
    orderSide: Side,
    fillSize: NumberFromString,
    /** Quote value: price = fillValue / fillSize (no price field is sent). */
    fillValue: NumberFromString,
    fillFee: NumberFromString,
    direction: t.keyof({ MAKER: null, TAKER: null }),
    createdTime: IntFromString,
  }),
  'WeexFillPush',
)
export type WeexFillPush = t.TypeOf<typeof WeexFillPush>

export const WeexPositionsPush = envelope(
  'positions',
  t.type({
    symbol: t.string,
    side: t.keyof({ LONG: null, SHORT: null }),
    marginMode: MarginMode,
    leverage: NumberFromString,
    /** Base quantity; `"0"` for a closed position. */
    size: NumberFromString,
    /** Quote value opened: entry price = openValue / size. */
    openValue: NumberFromString,
    updatedTime: IntFromString,
  }),
  'WeexPositionsPush',
)
export type WeexPositionsPush = t.TypeOf<typeof WeexPositionsPush>

export const WeexAccountPush = envelope(
  'account',
  t.intersection([
    t.type({ coin: t.string, amount: NumberFromString, updatedTime: IntFromString }),
    /** Display balance; ccxt reads it as the total. */
    t.partial({ legacyAmount: NumberFromString }),
  ]),
  'WeexAccountPush',
)
export type WeexAccountPush = t.TypeOf<typeof WeexAccountPush>

/** A decoded data push other than depth (which decodes to {@link WeexDepth}). */
export type WeexPush =
  | WeexTickerPush
  | WeexTradePush
  | WeexKlinePush
  | WeexOrdersPush
  | WeexFillPush
  | WeexPositionsPush
  | WeexAccountPush

// A Map, not an object: `e:"toString"` must find nothing.
const pushCodecs: ReadonlyMap<string, t.Decoder<unknown, WeexPush>> = new Map<string, t.Decoder<unknown, WeexPush>>([
  ['ticker', WeexTickerPush],
  ['tradeSnapshot', WeexTradePush],
  ['trade', WeexTradePush],
  ['klineSnapshot', WeexKlinePush],
  ['kline', WeexKlinePush],
  ['orders', WeexOrdersPush],
  ['fill', WeexFillPush],
  ['positions', WeexPositionsPush],
  ['account', WeexAccountPush],
])

// -- the frame router ---------------------------------------------------------------------------------------------

/** A decoded Weex frame, tagged by what the dispatcher found. */
export type WeexFrame =
  | { readonly type: 'reply'; readonly reply: WeexReply }
  | { readonly type: 'push'; readonly push: WeexPush }
  | { readonly type: 'depth'; readonly depth: WeexDepth }
  | { readonly type: 'ping' }
  | { readonly type: 'connected' }
  /** Well-formed JSON of a kind this adapter does not know (`e`, `event` or shape named in `what`). */
  | { readonly type: 'unknown'; readonly what: string }

const tagOf = (json: Readonly<Record<string, unknown>>, key: string): string | undefined => {
  const v = json[key]
  return typeof v === 'string' ? v : undefined
}

/**
 * Decodes one Weex V3 frame. Dispatch order as the venue's clients do it: `result`/`id` reply, then `e` data push,
 * then `event`/`type` (`ping`, `connected`). Never throws. Hot pushes are read straight from the text
 * ({@link scanFrame}); whatever that does not read for certain goes the full way ({@link decodeFrameFully}).
 */
export const decodeFrame = (raw: string): E.Either<DecodeError, WeexFrame> => {
  const fast = scanFrame(raw)
  return fast === undefined ? decodeFrameFully(raw) : E.right(fast)
}

/** The full path: `JSON.parse`, then the io-ts codec the frame's tag names. The definition of every frame. */
export const decodeFrameFully = (raw: string): E.Either<DecodeError, WeexFrame> => {
  const parsed = parseJson(raw)
  if (E.isLeft(parsed)) {
    const reason = parsed.left instanceof Error ? parsed.left.message : String(parsed.left)
    return E.left(new DecodeError({ venue: VENUE, codec: 'JSON', issues: [{ path: '(root)', expected: 'valid JSON', actual: reason }], raw }))
  }
  const json = parsed.right
  if (!t.UnknownRecord.is(json)) return E.left(new DecodeError({ venue: VENUE, codec: 'WeexFrame', issues: [{ path: '(root)', expected: 'an object', actual: Array.isArray(json) ? 'array' : String(json) }], raw }))
  if ('result' in json) return E.map((reply: WeexReply): WeexFrame => ({ type: 'reply', reply }))(decodeWith(VENUE, WeexReply, json, raw))
  const e = tagOf(json, 'e')
  if (e === 'depth' || e === 'depthSnapshot') return E.map((push: WeexDepthPush): WeexFrame => ({ type: 'depth', depth: toDepth(push) }))(decodeWith(VENUE, WeexDepthPush, json, raw))
  if (e !== undefined) {
    const codec = pushCodecs.get(e)
    if (codec === undefined) return E.right({ type: 'unknown', what: `e:${e}` })
    return E.map((push: WeexPush): WeexFrame => ({ type: 'push', push }))(decodeWith(VENUE, codec, json, raw))
  }
  const event = tagOf(json, 'event') ?? tagOf(json, 'type')
  if (event === 'ping') return E.map((): WeexFrame => ({ type: 'ping' }))(decodeWith(VENUE, WeexPing, json, raw))
  if (event === 'connected') return E.right({ type: 'connected' })
  return E.right({ type: 'unknown', what: event === undefined ? `keys:${Object.keys(json).slice(0, 5).join(',')}` : `event:${event}` })
}

// -- outbound frames ----------------------------------------------------------------------------------------------

export type WeexMethod = 'SUBSCRIBE' | 'UNSUBSCRIBE'

/** `{"method":"SUBSCRIBE","params":["BTCUSDT@depth15"],"id":1}`. */
export const requestFrame = (method: WeexMethod, params: readonly string[], id: number): string => JSON.stringify({ method, params, id })

/** The answer to a server ping: `{"method":"PONG","id":n}`, not `{"event":"pong"}`. */
export const pongFrame = (id: number): string => JSON.stringify({ method: 'PONG', id })
