import { SCAN_END as END, SCAN_FAIL as FAIL, SCAN_UNKNOWN as UNKNOWN, type JsonScanner } from '@tributary/core'

// Read once: a CommonJS re-export is a getter, and these are compared at every key.
export const SCAN_END = END
export const SCAN_FAIL = FAIL
const SCAN_UNKNOWN = UNKNOWN

const QUOTE = 34
const COMMA = 44
const COLON = 58
const BACKSLASH = 92

/** The keys of one object shape the fast path reads, in the order its reader numbers them. */
export interface Keys {
  readonly list: readonly string[]
  /** Index in `list` by character code, for one-character keys; `SCAN_UNKNOWN` for any other character. */
  readonly byChar: Int8Array
  /** Bits of the keys the object must have. */
  readonly required: number
}

/** @param required how many keys, from the start of `list`, the object must have. */
export const keysOf = (list: readonly string[], required = list.length): Keys => {
  const byChar = new Int8Array(128).fill(SCAN_UNKNOWN)
  list.forEach((key, k) => {
    if (key.length === 1) byChar[key.charCodeAt(0)] = k
  })
  return { list, byChar, required: (1 << required) - 1 }
}

/**
 * Reads `,"k":` (or `"k":` for the first key), the shape of every key in a Weex push, by its one character in
 * `keys.byChar`; anything else (whitespace, longer or escaped keys, `}`) is read by the scanner's own
 * `nextKey`/`firstKey`. Same answers, without comparing the key with each listed one.
 */
const key = (s: JsonScanner, keys: Keys, first: boolean): number => {
  const c = s.peek()
  const text = s.text
  const at = first ? s.pos : s.pos + 1
  if ((first ? c === QUOTE : c === COMMA) && text.charCodeAt(at) === QUOTE && text.charCodeAt(at + 2) === QUOTE && text.charCodeAt(at + 3) === COLON) {
    const char = text.charCodeAt(at + 1)
    if (char >= 32 && char !== QUOTE && char !== BACKSLASH) {
      s.pos = at + 4
      return char < 128 ? (keys.byChar[char] as number) : SCAN_UNKNOWN
    }
  }
  return first ? s.firstKey(keys.list) : s.nextKey(keys.list)
}

/**
 * The index of the object's next listed key not met before (`seen` has a bit per key met; unlisted keys are
 * skipped), `SCAN_END`, or `SCAN_FAIL` (malformed text, or a listed key met twice: `JSON.parse` would keep the last).
 * `first`: right after the object's `{`.
 */
export const field = (s: JsonScanner, keys: Keys, seen: number, first = false): number => {
  let k = key(s, keys, first)
  while (k === SCAN_UNKNOWN) k = s.skipValue() ? key(s, keys, false) : SCAN_FAIL
  return k >= 0 && (seen & (1 << k)) !== 0 ? SCAN_FAIL : k
}

/** `true` or `false`, or `undefined`. */
export const bool = (s: JsonScanner): boolean | undefined => {
  const c = s.peek()
  return (c === 116 || c === 102) && s.skipValue() ? c === 116 : undefined
}
