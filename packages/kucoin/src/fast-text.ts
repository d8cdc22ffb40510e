import { CheckedText as CoreCheckedText, PLAIN_TEXT, type BookLevel } from '@tributary/core'

// The fast paths check a text's whole form with a regular expression (native code, far cheaper than a character loop
// in JavaScript), built from the patterns below; then `CheckedText` (core's reader, plus KuCoin's book rows) reads the
// values out of it, trusting that form, exactly as JSON.parse and core's `NumberFromString` would.

/** The content of a JSON string without escapes or control characters. */
export const TEXT = PLAIN_TEXT
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

const CLOSE_ARRAY = 93

/** The levels of an empty side (or one of sequence-only rows): one frozen array, shared. */
const NO_LEVELS: readonly BookLevel[] = Object.freeze([])

/** Core's {@link CoreCheckedText} plus KuCoin's book rows. One per fast path (not reentrant). */
export class CheckedText extends CoreCheckedText {
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
