import type { BookLevel } from '../model/book'

/**
 * Levels are stored as four unboxed doubles, `[price, size, rawSizeValue, code]`, instead of a tuple and two
 * strings (≈ 32 bytes instead of ≈ 130). The venue's strings are rebuilt on read with `toFixed(digits)`; `code`
 * holds both digit counts. A string that `toFixed` cannot give back exactly (`1e-7`, `.5`, more than 20 decimals)
 * is kept as text beside the chunk.
 * @internal
 */
export const STRIDE = 4
/** Digit count meaning "the raw string is kept as text". */
export const TEXT = 255

/** Digits after the point when `value.toFixed(digits)` gives back `raw` exactly; {@link TEXT} otherwise. */
const checkedDigits = (raw: string, value: number): number => {
  const dot = raw.indexOf('.')
  const digits = dot < 0 ? 0 : raw.length - dot - 1
  return digits <= 20 && value.toFixed(digits) === raw ? digits : TEXT
}

/**
 * Digits after the point of `raw`, when `value` (which must be `Number(raw)`) rebuilds it with `toFixed`;
 * {@link TEXT} otherwise. A plain decimal with at most 15 significant digits always round-trips through a double,
 * so it is recognised by a scan; anything else is checked with `toFixed`.
 */
export const digitsFor = (raw: string, value: number): number => {
  const n = raw.length
  if (n === 0 || (n > 1 && raw.charCodeAt(0) === 48 && raw.charCodeAt(1) !== 46)) return checkedDigits(raw, value)
  let dot = -1
  let significant = 0
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (c === 46) {
      if (dot >= 0 || i === 0 || i === n - 1) return checkedDigits(raw, value)
      dot = i
    } else if (c < 48 || c > 57) return checkedDigits(raw, value)
    else if (significant > 0 || c !== 48) significant++
  }
  if (significant > 15) return checkedDigits(raw, value)
  return dot < 0 ? 0 : n - dot - 1
}

/** Rebuilds the level stored at `data[at]`; `extra[xi]`, `extra[xi + 1]` hold its raw strings kept as text. */
export const decode = (data: readonly number[], at: number, extra: readonly (string | undefined)[] | undefined, xi: number): BookLevel => {
  const price = data[at] as number
  const rawSizeValue = data[at + 2] as number
  const code = data[at + 3] as number
  const priceDigits = code >>> 8
  const sizeDigits = code & 0xff
  return [
    price,
    data[at + 1] as number,
    priceDigits === TEXT ? (extra?.[xi] ?? '') : price.toFixed(priceDigits),
    sizeDigits === TEXT ? (extra?.[xi + 1] ?? '') : rawSizeValue.toFixed(sizeDigits),
  ]
}
