import * as t from 'io-ts'
import { OkxArg } from './codecs'

/** Any client → server request: `{"id"?, "op", "args": [...]}`. */
export const OkxRequest = t.intersection([t.type({ op: t.string, args: t.UnknownArray }), t.partial({ id: t.string })], 'OkxRequest')
export type OkxRequest = t.TypeOf<typeof OkxRequest>

export const OkxSubscribeRequest = t.intersection(
  [t.type({ op: t.keyof({ subscribe: null, unsubscribe: null }), args: t.array(OkxArg) }), t.partial({ id: t.string })],
  'OkxSubscribeRequest',
)

/** One login argument: timestamp in epoch seconds, `sign` = base64 HMAC-SHA256 of the prehash. */
export const OkxLoginArg = t.type({ apiKey: t.string, passphrase: t.string, timestamp: t.string, sign: t.string }, 'OkxLoginArg')
export const OkxLoginRequest = t.type({ op: t.literal('login'), args: t.array(OkxLoginArg) }, 'OkxLoginRequest')

/** Arguments of `order` / `batch-orders`. Prices and sizes are decimal strings, sent as given. */
export const OkxPlaceOrderArg = t.intersection(
  [
    t.type({ instId: t.string, tdMode: t.string, side: t.keyof({ buy: null, sell: null }), ordType: t.string, sz: t.string }),
    t.partial({ px: t.string, clOrdId: t.string, reduceOnly: t.boolean, posSide: t.string, tgtCcy: t.string }),
  ],
  'OkxPlaceOrderArg',
)
export type OkxPlaceOrderArg = t.TypeOf<typeof OkxPlaceOrderArg>

/** Arguments of `cancel-order`: `ordId` or `clOrdId`. */
export const OkxCancelOrderArg = t.intersection([t.type({ instId: t.string }), t.partial({ ordId: t.string, clOrdId: t.string })], 'OkxCancelOrderArg')
export type OkxCancelOrderArg = t.TypeOf<typeof OkxCancelOrderArg>

/** Arguments of `amend-order`: `ordId` or `clOrdId`, and `newSz` and/or `newPx`. */
export const OkxAmendOrderArg = t.intersection(
  [t.type({ instId: t.string }), t.partial({ ordId: t.string, clOrdId: t.string, newSz: t.string, newPx: t.string, reqId: t.string, cxlOnFail: t.boolean })],
  'OkxAmendOrderArg',
)
export type OkxAmendOrderArg = t.TypeOf<typeof OkxAmendOrderArg>
