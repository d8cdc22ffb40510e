import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { IntFromString, NumberFromString, fastPath } from '@tributary/core'
import { OkxAccountPush, OkxBalanceAndPositionPush, OkxOpResponse, OkxOrdersPush, OkxPositionsPush } from './private-codecs'
import { OkxLevel, OptionalDecimal, tagged } from './wire'

/** A subscription argument as OKX echoes it in acks, errors and pushes. */
export const OkxArg = t.intersection(
  [t.type({ channel: t.string }), t.partial({ instId: t.string, instType: t.string, instFamily: t.string, ccy: t.string, uid: t.string })],
  'OkxArg',
)
export type OkxArg = t.TypeOf<typeof OkxArg>

const InstArg = t.type({ channel: t.string, instId: t.string })

// --- control events -------------------------------------------------------------------------------------------

export const OkxSubscribeEvent = t.intersection(
  [t.type({ event: t.keyof({ subscribe: null, unsubscribe: null }), arg: OkxArg }), t.partial({ id: t.string, connId: t.string })],
  'OkxSubscribeEvent',
)
export const OkxLoginEvent = t.intersection([t.type({ event: t.literal('login'), code: t.string }), t.partial({ msg: t.string, connId: t.string })], 'OkxLoginEvent')
/** A rejected request. `code` is a string (`"60018"`); `msg` often embeds the offending request or channel. */
export const OkxErrorEvent = t.intersection(
  [t.type({ event: t.literal('error'), code: t.string, msg: t.string }), t.partial({ arg: OkxArg, id: t.string, connId: t.string })],
  'OkxErrorEvent',
)
/** `64008`: the server will close this connection soon for an upgrade. */
export const OkxNoticeEvent = t.intersection([t.type({ event: t.literal('notice'), code: t.string, msg: t.string }), t.partial({ connId: t.string })], 'OkxNoticeEvent')
/** Any other control event (`channel-conn-count`, …): known shape, nothing to do. */
export const OkxOtherEvent = t.type({ event: t.string }, 'OkxOtherEvent')

// --- public pushes --------------------------------------------------------------------------------------------

/** `tickers`. Empty strings (`bidPx: ""` on a one-sided option book) decode to `undefined`. Sizes in contracts for derivatives. */
export const OkxTickersPush = t.type(
  {
    arg: InstArg,
    data: t.array(
      t.type({
        instId: t.string,
        last: OptionalDecimal,
        lastSz: OptionalDecimal,
        askPx: OptionalDecimal,
        askSz: OptionalDecimal,
        bidPx: OptionalDecimal,
        bidSz: OptionalDecimal,
        open24h: OptionalDecimal,
        high24h: OptionalDecimal,
        low24h: OptionalDecimal,
        /** Spot: quote volume. Derivatives: base volume. */
        volCcy24h: OptionalDecimal,
        /** Spot: base volume. Derivatives: contracts. */
        vol24h: OptionalDecimal,
        ts: IntFromString,
      }),
    ),
  },
  'OkxTickersPush',
)

/** `trades` and `trades-all`. `side` is the taker's; `sz` in contracts for derivatives. */
export const OkxTradesPush = t.type(
  {
    arg: InstArg,
    data: t.array(
      t.type({ instId: t.string, tradeId: t.string, px: NumberFromString, sz: NumberFromString, side: t.keyof({ buy: null, sell: null }), ts: IntFromString }),
    ),
  },
  'OkxTradesPush',
)

const BookData = t.intersection([
  t.type({ asks: t.array(OkxLevel), bids: t.array(OkxLevel), ts: IntFromString }),
  /** `checksum` is 0 since 2026-06 (deprecated); `seqId`/`prevSeqId` absent before 2022. */
  t.partial({ checksum: t.number, seqId: t.number, prevSeqId: t.number }),
])

/** `books`, `books-l2-tbt`, `books50-l2-tbt`: a snapshot, then increments. */
export const OkxBookPush = t.type(
  { arg: InstArg, action: t.keyof({ snapshot: null, update: null }), data: t.array(BookData) },
  'OkxBookPush',
)

/** `books5` and `bbo-tbt`: every push is a full replacement of the top levels. */
export const OkxBookTopPush = t.type({ arg: InstArg, data: t.array(BookData) }, 'OkxBookTopPush')

const Confirm = t.keyof({ '0': null, '1': null })

/** A candle row decoded into named fields. */
export interface OkxCandle {
  readonly ts: number
  readonly open: number
  readonly high: number
  readonly low: number
  readonly close: number
  /** Spot: base. Derivatives: contracts. */
  readonly vol: number
  /** Spot: quote. Derivatives: base. */
  readonly volCcy: number
  /** Quote volume (rows since 2022). */
  readonly volCcyQuote: number | undefined
  /** `true` once the candle is final; `undefined` on old 7-field rows. */
  readonly confirm: boolean | undefined
}

const at = <A>(row: readonly unknown[], i: number, codec: t.Decoder<unknown, A>, c: t.Context, errors: t.Errors): A | undefined => {
  const result = codec.validate(row[i], [...c, { key: String(i), type: codec, actual: row[i] }])
  if (result._tag === 'Right') return result.right
  errors.push(...result.left)
  return undefined
}

/** `[ts, o, h, l, c, vol, volCcy, volCcyQuote?, confirm?]`: old rows have 7 fields. */
export const OkxCandleRow = new t.Type<OkxCandle, unknown, unknown>(
  'OkxCandleRow',
  (u): u is OkxCandle => typeof u === 'object' && u !== null && 'volCcy' in u,
  (u, c) => {
    if (!Array.isArray(u) || u.length < 7) return t.failure(u, c, 'expected an array of at least 7 strings')
    const errors: t.ValidationError[] = []
    const [ts, open, high, low, close, vol, volCcy] = [
      at(u, 0, IntFromString, c, errors),
      ...[1, 2, 3, 4, 5, 6].map((i) => at(u, i, NumberFromString, c, errors)),
    ]
    const volCcyQuote = u.length > 7 ? at(u, 7, OptionalDecimal, c, errors) : undefined
    const confirm = u.length > 8 ? at(u, 8, Confirm, c, errors) : undefined
    if (errors.length > 0 || ts === undefined || open === undefined || high === undefined || low === undefined || close === undefined || vol === undefined || volCcy === undefined) {
      return t.failures(errors)
    }
    return t.success({ ts, open, high, low, close, vol, volCcy, volCcyQuote, confirm: confirm === undefined ? undefined : confirm === '1' })
  },
  (a) => a,
)

/** `candle<bar>` (business URL). */
export const OkxCandlePush = t.type({ arg: InstArg, data: t.array(OkxCandleRow) }, 'OkxCandlePush')

export const OkxFundingRatePush = t.type(
  {
    arg: InstArg,
    data: t.array(
      t.intersection([
        t.type({ instId: t.string, fundingRate: NumberFromString, fundingTime: IntFromString }),
        t.partial({ nextFundingRate: OptionalDecimal, ts: IntFromString }),
      ]),
    ),
  },
  'OkxFundingRatePush',
)

export const OkxMarkPricePush = t.type(
  { arg: InstArg, data: t.array(t.type({ instId: t.string, markPx: NumberFromString, ts: IntFromString })) },
  'OkxMarkPricePush',
)

/** A push on a channel this adapter does not map: recognised, reported as unknown. */
export const OkxOtherPush = t.type({ arg: t.type({ channel: t.string }), data: t.UnknownArray }, 'OkxOtherPush')

/** What a frame with neither `event`, `op` nor `arg.channel` fails against. */
export const OkxFrameEnvelope = t.type({ arg: t.type({ channel: t.string }), data: t.UnknownArray }, 'OkxFrame')

// --- routing --------------------------------------------------------------------------------------------------

const LoginAck = tagged('login-event', OkxLoginEvent)
const ErrorEvent = tagged('error-event', OkxErrorEvent)
const NoticeEvent = tagged('notice-event', OkxNoticeEvent)
const OtherEvent = tagged('other-event', OkxOtherEvent)
const OpResponse = tagged('op-response', OkxOpResponse)
/**
 * {@link tagged}, validating through core's `fastPath` (the same result and errors, without io-ts's per-field work on
 * valid frames): for the market pushes that arrive many times a second. The context still names `codec` itself.
 */
const fastTagged = <K extends string, A>(type: K, codec: t.Decoder<unknown, A>): t.Decoder<unknown, { readonly type: K; readonly frame: A }> => {
  const fast = fastPath(codec)
  const validate = (u: unknown, c: t.Context): t.Validation<{ readonly type: K; readonly frame: A }> =>
    E.map((frame: A) => ({ type, frame }))(fast.validate(u, c))
  return { name: codec.name, validate, decode: (u) => validate(u, [{ key: '', type: codec, actual: u }]) }
}

// Subscribe acks come in bursts (one per channel) when a connection opens.
const SubscribeAck = fastTagged('subscribe-event', OkxSubscribeEvent)
const Tickers = fastTagged('tickers', OkxTickersPush)
const Trades = fastTagged('trades', OkxTradesPush)
const Book = fastTagged('book', OkxBookPush)
const BookTop = fastTagged('book-top', OkxBookTopPush)
const Candles = tagged('candles', OkxCandlePush)
const Funding = tagged('funding-rate', OkxFundingRatePush)
const Mark = tagged('mark-price', OkxMarkPricePush)
const Orders = tagged('orders', OkxOrdersPush)
const Positions = tagged('positions', OkxPositionsPush)
const Account = tagged('account', OkxAccountPush)
const BalanceAndPosition = tagged('balance-and-position', OkxBalanceAndPositionPush)
const Other = tagged('other-push', OkxOtherPush)
const Envelope = tagged('other-push', OkxFrameEnvelope)

type DecoderOutput<D> = D extends t.Decoder<unknown, infer A> ? A : never
type Routed =
  | typeof SubscribeAck | typeof LoginAck | typeof ErrorEvent | typeof NoticeEvent | typeof OtherEvent | typeof OpResponse
  | typeof Tickers | typeof Trades | typeof Book | typeof BookTop | typeof Candles | typeof Funding | typeof Mark
  | typeof Orders | typeof Positions | typeof Account | typeof BalanceAndPosition | typeof Other
/** Every OKX frame, tagged with what it is. */
export type OkxFrame = DecoderOutput<Routed>

/** The book channels and the frame type each decodes to (`decodeOkx`'s fast path reads the same channels). */
export const BOOK_CHANNELS: ReadonlyMap<string, 'book' | 'book-top'> = new Map([
  ['books', 'book'],
  ['books-l2-tbt', 'book'],
  ['books50-l2-tbt', 'book'],
  ['books5', 'book-top'],
  ['bbo-tbt', 'book-top'],
])

// Maps, not object literals: a channel or event named `constructor` must not find Object.prototype's members.
const BY_CHANNEL: ReadonlyMap<string, t.Decoder<unknown, OkxFrame>> = new Map<string, t.Decoder<unknown, OkxFrame>>([
  ['tickers', Tickers],
  ['trades', Trades],
  ['trades-all', Trades],
  ...[...BOOK_CHANNELS].map(([channel, type]) => [channel, type === 'book' ? Book : BookTop] as const),
  ['funding-rate', Funding],
  ['mark-price', Mark],
  ['orders', Orders],
  ['positions', Positions],
  ['account', Account],
  ['balance_and_position', BalanceAndPosition],
])

const BY_EVENT: ReadonlyMap<string, t.Decoder<unknown, OkxFrame>> = new Map<string, t.Decoder<unknown, OkxFrame>>([
  ['subscribe', SubscribeAck],
  ['unsubscribe', SubscribeAck],
  ['login', LoginAck],
  ['error', ErrorEvent],
  ['notice', NoticeEvent],
])

/** Whether a channel name is a trade-price candle channel (`candle1m`, `candle1Dutc`), not mark/index candles. */
export const isCandleChannel = (channel: string): boolean => /^candle\d+[smHDWMY](?:utc)?$/.test(channel)

const channelOf = (json: Record<string, unknown>): string | undefined => {
  const arg = json['arg']
  if (!t.UnknownRecord.is(arg)) return undefined
  const channel = arg['channel']
  return typeof channel === 'string' ? channel : undefined
}

/** Routes on OKX's own discriminants (`event`, `op`, `arg.channel`), so a failure names one codec and one path. */
export const codecFor = (json: unknown): t.Decoder<unknown, OkxFrame> => {
  if (!t.UnknownRecord.is(json)) return Envelope
  const event = json['event']
  if (event !== undefined) return (typeof event === 'string' ? BY_EVENT.get(event) : undefined) ?? OtherEvent
  if ('op' in json && !('arg' in json)) return OpResponse
  const channel = channelOf(json)
  if (channel === undefined) return Envelope
  return BY_CHANNEL.get(channel) ?? (isCandleChannel(channel) ? Candles : Other)
}
