// The second half of a venue's layout tier (see architecture.md, "Decoding fast paths"): once one regular expression
// has checked a frame's whole text (every member in its place, every value in the form its codec accepts), a
// `CheckedText` reads the values out of it, trusting that form, exactly as JSON.parse and `NumberFromString` would.

import type { BookLevel } from '../model/book'

/** The content of a JSON string without escapes or control characters (a piece of a layout expression). */
export const PLAIN_TEXT = '[^"\\\\\\u0000-\\u001f]*'

const QUOTE = 34
const MINUS = 45
const DOT = 46
const ZERO = 48
const NINE = 57
const CLOSE_ARRAY = 93

/** Exact powers of ten: a mantissa up to 2^53 divided by one of these is the correctly rounded decimal. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k)
const MAX_EXACT = Number.MAX_SAFE_INTEGER

/** Whether `c` may continue a JSON number (digit, `.`, `e`, `E`, `+`, `-`). */
const inNumber = (c: number): boolean => (c >= ZERO && c <= NINE) || c === DOT || c === 101 || c === 69 || c === 43 || c === MINUS

/**
 * Reads values from text whose form a layout expression has checked; `pos` says where the last value read ends (a
 * reader may also set it). Not reentrant: one per layout module.
 * @example
 * const read = new CheckedText()
 * read.decimal('["0.25","3"]', 2) // 0.25; read.pos === 6, the closing quote
 */
export class CheckedText {
  pos = 0

  /**
   * The decimal whose text (`-?(\d+\.?\d*|\.\d+)`, optional exponent) starts at `at`, inside a JSON string: its value
   * as `Number` reads it, NaN if not finite; `pos` is left on the closing quote.
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
   * The book levels of the array whose `[` is at `at`, as the model has them (`[price, size, rawPrice, rawSize]`): rows
   * `["price","size", …]` whose first two members are decimals in JSON strings and whose others (a venue's sequence,
   * order count) hold no `]`. With `dropZeroPrices`, a row whose price is zero is left out (KuCoin's sequence-only
   * changes). `pos` is left just past the array's `]`; `undefined` if a price or size is not finite.
   */
  levels(raw: string, at: number, dropZeroPrices: boolean): BookLevel[] | undefined {
    const out: BookLevel[] = []
    let p = at + 1
    if (raw.charCodeAt(p) === CLOSE_ARRAY) {
      this.pos = p + 1
      return out
    }
    for (;;) {
      // p is on the row's `[`: `["` then the price, `","` then the size
      const price = this.decimal(raw, p + 2)
      const priceEnd = this.pos
      const size = this.decimal(raw, priceEnd + 3)
      const sizeEnd = this.pos
      if (price !== price || size !== size) return undefined
      if (price !== 0 || !dropZeroPrices) out.push([price, size, raw.slice(p + 2, priceEnd), raw.slice(priceEnd + 3, sizeEnd)])
      // the row's `]`, past any members after the size
      let q = sizeEnd + 1
      if (raw.charCodeAt(q) !== CLOSE_ARRAY) q = raw.indexOf(']', q)
      if (raw.charCodeAt(q + 1) === CLOSE_ARRAY) {
        this.pos = q + 2
        return out
      }
      p = q + 2
    }
  }

  /** The string content starting at `at` (a {@link PLAIN_TEXT}): a copy up to the next quote, where `pos` is left. */
  text(raw: string, at: number): string {
    const end = raw.indexOf('"', at)
    this.pos = end
    return raw.slice(at, end)
  }
}
