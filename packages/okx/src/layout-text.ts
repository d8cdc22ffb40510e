// What the layout tiers of the fast path (`book-layout.ts`, `push-layout.ts`) share: the regular-expression pieces
// that check a value's form in native code, and the readers of the values once checked. A reader trusts the form its
// piece checked, and answers what JSON.parse and the codecs would (or NaN for a value they would reject as not finite).

/** A JSON string's content without escapes or control characters. */
export const TEXT = '[^"\\\\\\u0000-\\u001f]*'
/** Core's `NumberFromString` text without an exponent (the scanner tier reads those): `-?(\d+\.?\d*|\.\d+)`. */
export const DECIMAL = '"-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)"'
/** A `DECIMAL`, or `""` (OKX's "not applicable", which `OptionalDecimal` decodes to `undefined`). */
export const OPTIONAL_DECIMAL = '"(?:-?(?:\\d+(?:\\.\\d*)?|\\.\\d+))?"'
/** An `IntFromString` of up to 15 digits: always a safe integer. */
export const INT_STRING = '"\\d{1,15}"'
/** A JSON integer of up to 15 digits (exact as read digit by digit). */
export const INTEGER = '-?(?:0|[1-9]\\d{0,14})'

const QUOTE = 34
const MINUS = 45
const DOT = 46
const ZERO = 48
const NINE = 57

/** Exact powers of ten: a mantissa up to 2^53 divided by one of these is the correctly rounded decimal. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k)
const MAX_EXACT = Number.MAX_SAFE_INTEGER

/** Reads values whose form a layout expression checked. Not reentrant: one per layout module. */
export class LayoutReader {
  /** Index of the closing quote (decimals) or of the character after the digits (integers) last read. */
  end = 0

  /** The `DECIMAL` content starting at `at` (after its opening quote), as `Number` reads it; NaN if not finite. */
  decimal(raw: string, at: number): number {
    let i = at
    let c = raw.charCodeAt(i)
    const negative = c === MINUS
    if (negative) c = raw.charCodeAt(++i)
    let mantissa = 0
    while (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO)
      c = raw.charCodeAt(++i)
    }
    let fraction = 0
    if (c === DOT) {
      const first = i + 1
      c = raw.charCodeAt(++i)
      while (c !== QUOTE) {
        mantissa = mantissa * 10 + (c - ZERO)
        c = raw.charCodeAt(++i)
      }
      fraction = i - first
    }
    this.end = i
    if (mantissa <= MAX_EXACT && fraction < POW10.length) {
      const value = mantissa / (POW10[fraction] as number)
      return negative ? -value : value
    }
    const value = Number(raw.slice(at, i))
    return value - value === 0 ? value : NaN
  }

  /** The `INTEGER` (or `INT_STRING` content) starting at `at`: exact as accumulated. */
  integer(raw: string, at: number): number {
    let i = at
    let c = raw.charCodeAt(i)
    const negative = c === MINUS
    if (negative) c = raw.charCodeAt(++i)
    let value = 0
    while (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO)
      c = raw.charCodeAt(++i)
    }
    this.end = i
    return negative ? -value : value
  }

  /** The string content starting at `at` (a `TEXT`): a copy up to the next quote. */
  text(raw: string, at: number): string {
    const i = raw.indexOf('"', at)
    this.end = i
    return raw.slice(at, i)
  }
}
