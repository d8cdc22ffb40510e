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

/** The member every push frame carries. */
const TYPE = '"type":"message"'

/**
 * The whole-frame expression of an exact tier: a push in either envelope KuCoin writes, `{"data":…,"subject":…,
 * "topic":…,"type":"message"}` (2021 captures) or `{"type":"message","topic":…,"subject":…,"data":…}` (later frames).
 * `subject` and `topic` are whole members (`"subject":"…"`); `data` is the pattern of the value.
 */
export const envelope = (subject: string, topic: string, data: string): RegExp =>
  new RegExp(`^(?:\\{"data":${data},${subject},${topic},${TYPE}\\}|\\{${TYPE},${topic},${subject},"data":${data}\\})$`)

/** Where `data`'s value starts in the data-first envelope. */
export const DATA_AT = '{"data":'.length
/** Where the topic's text starts in the type-first envelope. */
export const TYPE_FIRST_TOPIC_AT = '{"type":"message","topic":"'.length
