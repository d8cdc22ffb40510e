import { PLAIN_TEXT } from '@tributary/core'

export { CheckedText } from '@tributary/core'

// The fast paths check a text's whole form with a regular expression (native code, far cheaper than a character loop
// in JavaScript), built from the patterns below; then core's `CheckedText` reads the
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
