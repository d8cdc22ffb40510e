// What the layout tiers of the fast path (`book-layout.ts`, `push-layout.ts`) share: the regular-expression pieces
// that check a value's form in native code. Core's `CheckedText` then reads the values, trusting the form its piece
// checked, and answers what JSON.parse and the codecs would (or NaN for a value they would reject as not finite).
import { PLAIN_TEXT } from '@tributary/core'

/** A JSON string's content without escapes or control characters. */
export const TEXT = PLAIN_TEXT
/** Core's `NumberFromString` text without an exponent (the scanner tier reads those): `-?(\d+\.?\d*|\.\d+)`. */
export const DECIMAL = '"-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)"'
/** A `DECIMAL`, or `""` (OKX's "not applicable", which `OptionalDecimal` decodes to `undefined`). */
export const OPTIONAL_DECIMAL = '"(?:-?(?:\\d+(?:\\.\\d*)?|\\.\\d+))?"'
/** An `IntFromString` of up to 15 digits: always a safe integer. */
export const INT_STRING = '"\\d{1,15}"'
/** A JSON integer of up to 15 digits (exact as read digit by digit). */
export const INTEGER = '-?(?:0|[1-9]\\d{0,14})'
