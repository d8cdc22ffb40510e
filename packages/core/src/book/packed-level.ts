import type { BookLevel } from '../model/book'

/**
 * Levels are stored as three unboxed doubles, `[price, size, code]`, instead of a tuple and two strings (≈ 24
 * bytes instead of ≈ 130). The venue's strings are rebuilt on read with `toFixed(digits)`; `code` holds both digit
 * counts. The raw size's number is the size itself, or (sizes converted from contracts) kept beside the chunk, as is
 * a string that `toFixed` cannot give back exactly (`1e-7`, `.5`, more than 20 decimals).
 * @internal
 */
export const STRIDE = 3
/** Digit count meaning "the raw string is kept as text". */
export const TEXT = 255

/** Digits after the point when `value.toFixed(digits)` gives back `raw` exactly; {@link TEXT} otherwise. */
const checkedDigits = (raw: string, value: number): number => {
  const dot = raw.indexOf('.')
  const digits = dot < 0 ? 0 : raw.length - dot - 1
  return digits <= 20 && value.toFixed(digits) === raw ? digits : TEXT
}

/** Exact powers of ten, 1e0 … 1e22 (string parsing is correctly rounded; all are exact doubles). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`))

/** `Number(raw)` of the last string {@link plainDigits} recognised. */
let plainValue = 0

/**
 * Digits after the point of `raw` when it is a plain decimal (digits, at most one inner point, no leading zero
 * before a digit) of at most 15 significant digits, which `toFixed` always rebuilds from its double; -1 otherwise.
 * Sets {@link plainValue} to `Number(raw)` on the way: the digits as an integer (exact below 1e15) divided by an
 * exact power of ten is the correctly rounded quotient, the very double `Number` gives.
 */
const plainDigits = (raw: string): number => {
  const n = raw.length
  if (n === 0) return -1
  let c = raw.charCodeAt(0)
  if (c === 48 && n > 1 && raw.charCodeAt(1) !== 46) return -1
  let mantissa = 0
  let i = 0
  // the whole part, then the fraction after one inner point (two loops: no test for the point per digit)
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48)
    if (++i === n) break
    c = raw.charCodeAt(i)
  }
  if (i === 0) return -1
  let digits = 0
  if (i < n) {
    if (c !== 46 || i === n - 1) return -1
    for (let k = i + 1; k < n; k++) {
      const d = raw.charCodeAt(k) - 48
      if (d < 0 || d > 9) return -1
      mantissa = mantissa * 10 + d
    }
    digits = n - i - 1
  }
  // leading zeros add nothing to the mantissa: below 1e15 it has at most 15 significant digits
  if (!(mantissa < 1e15)) return -1
  plainValue = digits < POW10.length ? mantissa / (POW10[digits] as number) : Number(raw)
  return digits
}

/**
 * Digits after the point of `raw`, when `value` (which must be `Number(raw)`) rebuilds it with `toFixed`;
 * {@link TEXT} otherwise. A plain decimal with at most 15 significant digits always round-trips through a double,
 * so it is recognised by a scan; anything else is checked with `toFixed`.
 */
export const digitsFor = (raw: string, value: number): number => {
  const digits = plainDigits(raw)
  return digits >= 0 ? digits : checkedDigits(raw, value)
}

/** What {@link pack} found besides the code: `Number(rawSize)`, which the chunk keeps when it is not the size. */
export const packed = { rawSize: 0 }

/**
 * Packs `level` into `data[at..at + 2]`; returns its code, `priceDigits * 256 + sizeDigits`, where a digit count
 * of {@link TEXT} means that raw string must be kept as text beside the chunk. Sets `packed.rawSize`.
 */
export const pack = (data: number[], at: number, level: BookLevel): number => {
  const price = level[0]
  const rawPrice = level[2]
  const rawSize = level[3]
  let priceDigits = plainDigits(rawPrice)
  if (priceDigits < 0) priceDigits = price === Number(rawPrice) ? checkedDigits(rawPrice, price) : TEXT
  else if (plainValue !== price) priceDigits = TEXT
  let sizeDigits = plainDigits(rawSize)
  let rawSizeValue = plainValue
  if (sizeDigits < 0) {
    rawSizeValue = Number(rawSize)
    sizeDigits = checkedDigits(rawSize, rawSizeValue)
  }
  const code = priceDigits * 256 + sizeDigits
  data[at] = price
  data[at + 1] = level[1]
  data[at + 2] = code
  packed.rawSize = rawSizeValue
  return code
}

/** Whether a level's code (see {@link pack}) keeps its raw price or size as text. */
export const keepsText = (code: number): boolean => code >>> 8 === TEXT || (code & 0xff) === TEXT

/**
 * Rebuilds level `i` of a chunk, stored at `data[i * STRIDE]`; `raws[i]` holds its raw size's number when the chunk
 * keeps them (the size otherwise), `extra[2 * i]`, `extra[2 * i + 1]` its raw strings kept as text.
 */
export const decode = (
  data: readonly number[],
  i: number,
  raws: readonly number[] | undefined,
  extra: readonly (string | undefined)[] | undefined,
): BookLevel => {
  const at = i * STRIDE
  const price = data[at] as number
  const size = data[at + 1] as number
  const code = data[at + 2] as number
  const priceDigits = code >>> 8
  const sizeDigits = code & 0xff
  return [
    price,
    size,
    priceDigits === TEXT ? (extra?.[2 * i] ?? '') : price.toFixed(priceDigits),
    sizeDigits === TEXT ? (extra?.[2 * i + 1] ?? '') : (raws === undefined ? size : (raws[i] as number)).toFixed(sizeDigits),
  ]
}

/** Below this, `Math.round(value * 10 ** digits)` recovers a rebuildable decimal's digits exactly (error < 0.25). */
const EXACT_SCALED = 1e15

/** Writes `text` as UTF-8 at `out[at]` (room for `3 * text.length` bytes is the caller's); returns the end. */
export const writeText = (text: string, out: Uint8Array, at: number): number => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80) return at + new TextEncoder().encodeInto(text, out.subarray(at)).written
    out[at + i] = c
  }
  return at + text.length
}

/**
 * Writes `value.toFixed(digits)` as ASCII at `out[at]` without building the string (room for `24 + digits` bytes is
 * the caller's); returns the end. Exact for a value that is `Number(raw)` of a decimal `raw` with `digits` decimals:
 * its digits are then `Math.round(value * 10 ** digits)` while that stays below 1e15; beyond, `toFixed` writes them.
 */
export const writeFixed = (value: number, digits: number, out: Uint8Array, at: number): number => {
  const negative = value < 0
  const scaled = digits <= 20 ? Math.round((negative ? -value : value) * (POW10[digits] as number)) : Infinity
  if (!(scaled < EXACT_SCALED) || (negative && scaled === 0)) return writeText(value.toFixed(digits), out, at)
  let count = digits + 1
  while (count < 16 && scaled >= (POW10[count] as number)) count++
  if (negative) out[at] = 45
  const end = at + (negative ? 1 : 0) + count + (digits > 0 ? 1 : 0)
  // int32 arithmetic on two halves of at most nine digits: a chain of float divisions costs more than toFixed saves
  let hi = scaled < 1e9 ? 0 : Math.floor(scaled / 1e9)
  let lo = (scaled - hi * 1e9) | 0
  let pos = end
  for (let k = 0; k < count; k++) {
    if (k === digits && k > 0) out[--pos] = 46
    let digit: number
    if (k < 9) {
      const q = (lo / 10) | 0
      digit = lo - q * 10
      lo = q
    } else {
      const q = (hi / 10) | 0
      digit = hi - q * 10
      hi = q
    }
    out[--pos] = 48 + digit
  }
  return end
}

/** Writes level `i` of a chunk (see {@link decode}) as its raw text, `rawPrice:rawSize`, at `out[pos]`; returns the end. */
export const writeRaw = (
  data: readonly number[],
  i: number,
  raws: readonly number[] | undefined,
  extra: readonly (string | undefined)[] | undefined,
  out: Uint8Array,
  pos: number,
): number => {
  const at = i * STRIDE
  const code = data[at + 2] as number
  const priceDigits = code >>> 8
  const sizeDigits = code & 0xff
  let end = priceDigits === TEXT ? writeText(extra?.[2 * i] ?? '', out, pos) : writeFixed(data[at] as number, priceDigits, out, pos)
  out[end++] = 58
  if (sizeDigits === TEXT) return writeText(extra?.[2 * i + 1] ?? '', out, end)
  return writeFixed(raws === undefined ? (data[at + 1] as number) : (raws[i] as number), sizeDigits, out, end)
}

/** Bytes `writeRaw` may need for level `i` of a chunk. */
export const rawBound = (data: readonly number[], i: number, extra: readonly (string | undefined)[] | undefined): number => {
  const code = data[i * STRIDE + 2] as number
  const priceBytes = code >>> 8 === TEXT ? 3 * (extra?.[2 * i]?.length ?? 0) : 24 + (code >>> 8)
  const sizeBytes = (code & 0xff) === TEXT ? 3 * (extra?.[2 * i + 1]?.length ?? 0) : 24 + (code & 0xff)
  return priceBytes + sizeBytes + 1
}
