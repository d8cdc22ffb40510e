import * as t from 'io-ts'

/** Index of the first non-digit of `s` at or after `i`. */
const digitsEnd = (s: string, i: number): number => {
  let j = i
  while (j < s.length) {
    const c = s.charCodeAt(j)
    if (c < 48 || c > 57) break
    j++
  }
  return j
}

/**
 * Whether `s` matches `/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/`, scanned by hand (this runs for every price
 * and size of every frame).
 */
const isDecimalText = (s: string): boolean => {
  let i = s.charCodeAt(0) === 45 ? 1 : 0
  const intEnd = digitsEnd(s, i)
  let digits = intEnd - i
  i = intEnd
  if (s.charCodeAt(i) === 46) {
    const fracEnd = digitsEnd(s, i + 1)
    digits += fracEnd - i - 1
    i = fracEnd
  }
  if (digits === 0) return false
  const e = s.charCodeAt(i)
  if (e === 101 || e === 69) {
    const sign = s.charCodeAt(i + 1)
    const from = sign === 43 || sign === 45 ? i + 2 : i + 1
    i = digitsEnd(s, from)
    if (i === from) return false
  }
  return i === s.length
}

const parseDecimal = (s: string): number | undefined => {
  if (!isDecimalText(s)) return undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

/** A decimal number sent as a JSON string (`"8476.98"`). Rejects `""`, `"NaN"`, hex and other non-decimals. */
export const NumberFromString = new t.Type<number, string, unknown>(
  'NumberFromString',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'expected a decimal string')
    const n = parseDecimal(u)
    return n === undefined ? t.failure(u, c, 'expected a decimal string') : t.success(n)
  },
  String,
)
export type NumberFromString = t.TypeOf<typeof NumberFromString>

/** A whole number sent as a JSON string (`"1626995747777"`), e.g. epoch milliseconds. */
export const IntFromString = new t.Type<number, string, unknown>(
  'IntFromString',
  (u): u is number => Number.isSafeInteger(u),
  (u, c) => {
    if (typeof u !== 'string' || !/^-?\d+$/.test(u)) return t.failure(u, c, 'expected an integer string')
    const n = Number(u)
    return Number.isSafeInteger(n) ? t.success(n) : t.failure(u, c, 'expected a safe integer string')
  },
  String,
)

const isFinite = (u: unknown): u is number => typeof u === 'number' && Number.isFinite(u)

/** A finite number (io-ts `t.number` also admits NaN and Infinity, which JSON never produces but arithmetic does). */
export const FiniteNumber = new t.Type<number, number, unknown>(
  'FiniteNumber',
  isFinite,
  (u, c) => (isFinite(u) ? t.success(u) : t.failure(u, c, 'expected a finite number')),
  t.identity,
)

/** Parses a venue decimal string to a number, or `undefined` for `""` and anything that is not a decimal. */
export const toNumber = parseDecimal
