import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { IntFromString, NumberFromString, toNumber } from '@tributary/core'

/** A decimal sent as a string, kept as the string (book levels: the checksum is computed over the text as sent). */
export const DecimalString = t.refinement(t.string, (s) => toNumber(s) !== undefined, 'DecimalString')

/** A decimal string where `""` means "not applicable" (OKX's convention): `""` → `undefined`. */
export const OptionalDecimal = new t.Type<number | undefined, string, unknown>(
  'OptionalDecimal',
  (u): u is number | undefined => u === undefined || (typeof u === 'number' && Number.isFinite(u)),
  (u, c) => (u === '' ? t.success(undefined) : NumberFromString.validate(u, c)),
  (n) => (n === undefined ? '' : String(n)),
)

/** An integer string where `""` means "not applicable". */
export const OptionalInt = new t.Type<number | undefined, string, unknown>(
  'OptionalInt',
  (u): u is number | undefined => u === undefined || Number.isSafeInteger(u),
  (u, c) => (u === '' ? t.success(undefined) : IntFromString.validate(u, c)),
  (n) => (n === undefined ? '' : String(n)),
)

/** A boolean sent as `"true"` / `"false"`. */
export const BooleanString = t.keyof({ true: null, false: null }, 'BooleanString')

const RawLevel = t.tuple([DecimalString, DecimalString], 'OkxLevel')

/**
 * A book level as decoded: `[price, size, rawPrice, rawSize]`, the strings as sent (the checksum is computed over
 * them). `size` is in the instrument's unit (contracts for derivatives); the mapper converts it to base units.
 */
export type OkxLevel = readonly [price: number, size: number, rawPrice: string, rawSize: string]

/** A book level `[price, size, …]` sent as decimal strings; OKX's trailing fields are dropped. */
export const OkxLevel = new t.Type<OkxLevel, readonly [string, string], unknown>(
  'OkxLevel',
  (u): u is OkxLevel => Array.isArray(u) && u.length === 4 && typeof u[0] === 'number' && typeof u[1] === 'number' && typeof u[2] === 'string' && typeof u[3] === 'string',
  (u, c) => {
    // The tuple validates in this context, so a bad size is still reported at `….asks.0.1` as a DecimalString.
    const raw = RawLevel.validate(u, c)
    if (raw._tag === 'Left') return raw
    const [px, sz] = raw.right
    return t.success([Number(px), Number(sz), px, sz] as const)
  },
  (level) => [level[2], level[3]],
)

/**
 * A decoder that tags what `codec` decodes with `type`, keeping the codec's name, so the frame union can be
 * routed first and decoded with a single codec (errors name one codec and one path).
 */
export const tagged = <K extends string, A>(type: K, codec: t.Decoder<unknown, A>): t.Decoder<unknown, { readonly type: K; readonly frame: A }> => {
  const validate = (u: unknown, c: t.Context): t.Validation<{ readonly type: K; readonly frame: A }> =>
    pipe(
      codec.validate(u, c),
      E.map((frame) => ({ type, frame })),
    )
  return { name: codec.name, validate, decode: (u) => validate(u, [{ key: '', type: codec, actual: u }]) }
}
