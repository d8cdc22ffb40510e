import * as t from 'io-ts'
import { IntFromString, NumberFromString } from '@tributary/core'
import { BooleanString, OptionalDecimal, OptionalInt } from './wire'

const PrivateArg = t.type({ channel: t.string })

/**
 * One `orders` push item: the order after a change, plus the last fill when `tradeId` is non-empty. Sizes in
 * contracts for derivatives; fees negative when paid.
 */
export const OkxOrder = t.intersection(
  [
    t.type({
      instId: t.string,
      instType: t.string,
      ordId: t.string,
      clOrdId: t.string,
      side: t.keyof({ buy: null, sell: null }),
      ordType: t.string,
      /** `live`, `partially_filled`, `filled`, `canceled`, `mmp_canceled`. */
      state: t.string,
      /** `""` for market orders. */
      px: OptionalDecimal,
      sz: NumberFromString,
      accFillSz: OptionalDecimal,
      avgPx: OptionalDecimal,
      uTime: IntFromString,
    }),
    t.partial({
      fillSz: OptionalDecimal,
      fillPx: OptionalDecimal,
      tradeId: t.string,
      fillTime: OptionalInt,
      fillFee: OptionalDecimal,
      fillFeeCcy: t.string,
      /** `T` taker, `M` maker. */
      execType: t.string,
      fee: OptionalDecimal,
      feeCcy: t.string,
      reduceOnly: BooleanString,
      lastPx: OptionalDecimal,
    }),
  ],
  'OkxOrder',
)
export type OkxOrder = t.TypeOf<typeof OkxOrder>

export const OkxOrdersPush = t.type({ arg: PrivateArg, data: t.array(OkxOrder) }, 'OkxOrdersPush')

/** One position. Net mode: the sign of `pos` gives the side; long/short mode: `posSide`. */
export const OkxPosition = t.intersection(
  [
    t.type({ instId: t.string, instType: t.string, mgnMode: t.string, posSide: t.string, pos: OptionalDecimal, uTime: IntFromString }),
    t.partial({ avgPx: OptionalDecimal, markPx: OptionalDecimal, upl: OptionalDecimal, lever: OptionalDecimal, liqPx: OptionalDecimal }),
  ],
  'OkxPosition',
)
export type OkxPosition = t.TypeOf<typeof OkxPosition>

export const OkxPositionsPush = t.type({ arg: PrivateArg, data: t.array(OkxPosition) }, 'OkxPositionsPush')

/** One currency of the `account` channel. */
export const OkxAccountDetail = t.intersection(
  [
    t.type({ ccy: t.string, eq: NumberFromString }),
    t.partial({ availEq: OptionalDecimal, availBal: OptionalDecimal, frozenBal: OptionalDecimal, cashBal: OptionalDecimal, uTime: OptionalInt }),
  ],
  'OkxAccountDetail',
)
export type OkxAccountDetail = t.TypeOf<typeof OkxAccountDetail>

export const OkxAccountPush = t.type(
  { arg: PrivateArg, data: t.array(t.type({ uTime: IntFromString, details: t.array(OkxAccountDetail) })) },
  'OkxAccountPush',
)

/** `balance_and_position`: cash balances and positions after an event. Only the position part is mapped. */
export const OkxBalanceAndPositionPush = t.type(
  {
    arg: PrivateArg,
    data: t.array(
      t.type({
        pTime: IntFromString,
        balData: t.array(t.type({ ccy: t.string, cashBal: NumberFromString, uTime: IntFromString })),
        posData: t.array(
          t.intersection([
            t.type({ instId: t.string, instType: t.string, mgnMode: t.string, posSide: t.string, pos: OptionalDecimal, uTime: IntFromString }),
            t.partial({ avgPx: OptionalDecimal }),
          ]),
        ),
      }),
    ),
  },
  'OkxBalanceAndPositionPush',
)

/** One item of a trade-op reply: `sCode` `"0"` = accepted. */
export const OkxOpResult = t.intersection(
  [t.type({ sCode: t.string, sMsg: t.string }), t.partial({ ordId: t.string, clOrdId: t.string, tag: t.string })],
  'OkxOpResult',
)
export type OkxOpResult = t.TypeOf<typeof OkxOpResult>

/** The reply to `order`, `batch-orders`, `cancel-order`, `amend-order`, … correlated by the request `id`. */
export const OkxOpResponse = t.intersection(
  [t.type({ op: t.string, code: t.string, msg: t.string, data: t.array(OkxOpResult) }), t.partial({ id: t.string })],
  'OkxOpResponse',
)
export type OkxOpResponse = t.TypeOf<typeof OkxOpResponse>
