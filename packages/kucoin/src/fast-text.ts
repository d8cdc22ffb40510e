import type { BookLevel } from '@tributary/core'

// The fast paths check a text's whole form with a regular expression (native code, far cheaper than a character loop
// in JavaScript), built from the patterns below; then `CheckedText` reads the values out of it, trusting that form
// and only working out each value, exactly as JSON.parse and core's `NumberFromString` would.

/** The content of a JSON string without escapes or control characters. */
export const TEXT = '[^"\\\\\\u0000-\\u001f]*'
/** Core's `NumberFromString` text in a JSON string: `-?(\d+\.?\d*|\.\d+)` and an optional exponent. */
export const DECIMAL = '"-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?"'
/** A JSON number. */
export const NUMBER = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?'
const LEVEL = `\\[${DECIMAL},${DECIMAL}\\]`
/** Book levels `[["price","size"], …]`. */
export const LEVELS = `\\[(?:${LEVEL}(?:,${LEVEL})*)?\\]`
const ROW = `\\[${DECIMAL},${DECIMAL},"\\d+"\\]`
/** Level2 change rows `[["price","size","sequence"], …]`. */
export const ROWS = `\\[(?:${ROW}(?:,${ROW})*)?\\]`

const QUOTE = 34
const MINUS = 45
const DOT = 46
const ZERO = 48
const NINE = 57
const CLOSE_ARRAY = 93

/** The levels of an empty side (or one of sequence-only rows): one frozen array, shared. */
const NO_LEVELS: readonly BookLevel[] = Object.freeze([])

/** Exact powers of ten: a mantissa up to 2^53 divided by one of these is the correctly rounded decimal. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k)
const MAX_EXACT = Number.MAX_SAFE_INTEGER

/** Whether `c` may continue a JSON number (digit, `.`, `e`, `E`, `+`, `-`). */
const inNumber = (c: number): boolean => (c >= ZERO && c <= NINE) || c === DOT || c === 101 || c === 69 || c === 43 || c === MINUS

/** A reader of checked text; `pos` says where the last value read ends. One per fast path (not reentrant). */
export class CheckedText {
  pos = 0

  /**
   * The decimal whose text (`-?(\d+\.?\d*|\.\d+)`, optional exponent) starts at `at`, inside a JSON string: its value,
   * NaN if not finite; `pos` is left on the closing quote.
   */
  decimal(raw: string, at: number): number {
    let i = at
    let c = raw.charCodeAt(i)
    const negative = c === MINUS
    if (negative) c = raw.charCodeAt(++i)
    let mantissa = 0
    let fraction = 0
    while (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO)
      c = raw.charCodeAt(++i)
    }
    if (c === DOT) {
      c = raw.charCodeAt(++i)
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO)
        fraction++
        c = raw.charCodeAt(++i)
      }
    }
    if (c === QUOTE && mantissa <= MAX_EXACT && fraction < POW10.length) {
      this.pos = i
      const value = mantissa / (POW10[fraction] as number)
      return negative ? -value : value
    }
    // an exponent, or more digits than a double holds exactly: converted by the engine, as `Number` does
    const end = raw.indexOf('"', i)
    this.pos = end
    const value = Number(raw.slice(at, end))
    return value - value === 0 ? value : NaN
  }

  /** The JSON number starting at `at`, as JSON.parse reads it: its value, NaN if not finite; `pos` is left past it. */
  number(raw: string, at: number): number {
    let i = at
    let c = raw.charCodeAt(i)
    const negative = c === MINUS
    if (negative) c = raw.charCodeAt(++i)
    const first = i
    let value = 0
    while (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO)
      c = raw.charCodeAt(++i)
    }
    // a whole number of up to 15 digits is exact as accumulated
    if (!inNumber(c) && i - first <= 15) {
      this.pos = i
      return negative ? -value : value
    }
    while (inNumber(c)) c = raw.charCodeAt(++i)
    this.pos = i
    const n = Number(raw.slice(at, i))
    return n - n === 0 ? n : NaN
  }

  /**
   * Rows from `at` (`[`) as model levels `[price, size, rawPrice, rawSize]`: `[["price","size","sequence"], …]`
   * (`withSequence`: level2 changes, where a row whose price is zero only advances the sequence and is left out) or
   * `[["price","size"], …]` (every row kept). `pos` is left past the closing `]`; `undefined` if a value is not finite.
   * No level at all is one shared frozen empty array (the model's levels are read-only).
   */
  rows(raw: string, at: number, withSequence: boolean): readonly BookLevel[] | undefined {
    let out: BookLevel[] | undefined
    let p = at + 1
    if (raw.charCodeAt(p) === CLOSE_ARRAY) {
      this.pos = p + 1
      return NO_LEVELS
    }
    for (;;) {
      // p is on the row's `[`
      const price = this.decimal(raw, p + 2)
      const priceEnd = this.pos
      const size = this.decimal(raw, priceEnd + 3)
      const sizeEnd = this.pos
      if (price !== price || size !== size) return undefined
      if (price !== 0 || !withSequence) (out ??= []).push([price, size, raw.slice(p + 2, priceEnd), raw.slice(priceEnd + 3, sizeEnd)])
      // past the row's `]` (and the sequence string before it)
      p = withSequence ? raw.indexOf('"', sizeEnd + 3) + 2 : sizeEnd + 2
      if (raw.charCodeAt(p) === CLOSE_ARRAY) {
        this.pos = p + 1
        return out ?? NO_LEVELS
      }
      p++
    }
  }
}
