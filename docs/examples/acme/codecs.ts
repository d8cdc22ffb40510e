import * as t from 'io-ts'
import { NumberFromString } from '@tributary/core'

// Step 2 of "Writing a fourth venue" (docs/adapters.md): codecs from recorded frames.

export const AcmeTrade = t.type({ e: t.literal('trade'), s: t.string, p: NumberFromString, q: NumberFromString, m: t.boolean, T: t.number, t: t.string }, 'AcmeTrade')
export const AcmeAck = t.type({ id: t.number, result: t.boolean }, 'AcmeAck')
export type AcmeFrame = t.TypeOf<typeof AcmeTrade> | t.TypeOf<typeof AcmeAck>

/** Routes on the venue's own discriminant, so a failure names one codec and one path. */
export const codecFor = (json: unknown): t.Decoder<unknown, AcmeFrame> =>
  t.UnknownRecord.is(json) && 'result' in json ? AcmeAck : AcmeTrade
