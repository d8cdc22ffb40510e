/**
 * A cursor over JSON text for a venue's hand-written fast path: it reads the few shapes a hot frame has (objects with
 * known keys, arrays, escape-free strings, numbers) straight from the text, without building the generic object
 * graph `JSON.parse` builds. It never decides that a frame is bad: anything it does not read with certainty (an escape
 * in a string, a duplicate key, malformed text) answers `undefined`/`SCAN_FAIL`, and the caller hands the frame to the
 * full path (JSON.parse + io-ts), which reports the error. What it accepts, `JSON.parse` accepts and reads alike.
 *
 * A caller that meets one of its keys twice in an object must fail: `JSON.parse` keeps the last, io-ts sees only that.
 */

/** `nextKey`/`firstKey`: the object ended (`}` consumed). */
export const SCAN_END = -1
/** `nextKey`/`firstKey`: a key the caller did not list; skip its value with `skipValue`. */
export const SCAN_UNKNOWN = -2
/** Any read: the text is not what the fast path reads; fall back to the full path. */
export const SCAN_FAIL = -3

const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const COLON = 58
const MINUS = 45
const DOT = 46
const ZERO = 48
const NINE = 57

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE

const isHex = (h: number): boolean => isDigit(h) || (h >= 97 && h <= 102) || (h >= 65 && h <= 70)

/** Index just past the escape that starts at `s[at]` (a backslash), or -1 if it is not a JSON escape. */
const escapeEnd = (s: string, at: number): number => {
  const c = s.charCodeAt(at + 1)
  if (c === 117) return isHex(s.charCodeAt(at + 2)) && isHex(s.charCodeAt(at + 3)) && isHex(s.charCodeAt(at + 4)) && isHex(s.charCodeAt(at + 5)) ? at + 6 : -1
  // \" \\ \/ \b \f \n \r \t
  const simple = c === QUOTE || c === BACKSLASH || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116
  return simple ? at + 2 : -1
}

/** Whether the last string `stringEnd` walked held an escape. */
let escapedLast = false

/** Index of the closing quote of the string whose content starts at `s[from]`, escapes checked; -1 if malformed. */
const stringEnd = (s: string, from: number): number => {
  let i = from
  escapedLast = false
  for (;;) {
    const c = s.charCodeAt(i)
    if (c === QUOTE) return i
    if (c === BACKSLASH) {
      escapedLast = true
      i = escapeEnd(s, i)
      if (i < 0) return -1
      continue
    }
    if (c < 32 || c !== c) return -1
    i++
  }
}

/** Deepest nesting `skipValue` follows before giving the frame to the full path. */
const MAX_DEPTH = 64

/** Exact powers of ten: a mantissa below 2^53 divided by one of these is the correctly rounded decimal. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

export class JsonScanner {
  text = ''
  pos = 0
  /** Where the content of the last string read by `string` or `decimal` starts and ends (for `lastText`). */
  start = 0
  stop = 0

  /** Starts reading `text` from its beginning. */
  reset(text: string): this {
    this.text = text
    this.pos = 0
    return this
  }

  /** The code of the next character after whitespace, not consumed (NaN at the end). */
  peek(): number {
    const s = this.text
    let i = this.pos
    let c = s.charCodeAt(i)
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i)
    this.pos = i
    return c
  }

  /** Consumes `{` (after whitespace); false if something else comes. */
  beginObject(): boolean {
    if (this.peek() !== 123) return false
    this.pos++
    return true
  }

  /** Consumes `[` (after whitespace); false if something else comes. */
  beginArray(): boolean {
    if (this.peek() !== 91) return false
    this.pos++
    return true
  }

  /** Right after `{`: the index of the first key in `keys` (its `:` consumed), `SCAN_UNKNOWN`, `SCAN_END` or `SCAN_FAIL`. */
  firstKey(keys: readonly string[]): number {
    if (this.peek() === 125) {
      this.pos++
      return SCAN_END
    }
    return this.key(keys)
  }

  /** After a member's value: the index of the next key in `keys` (its `:` consumed), `SCAN_UNKNOWN`, `SCAN_END` or `SCAN_FAIL`. */
  nextKey(keys: readonly string[]): number {
    const c = this.peek()
    if (c === 125) {
      this.pos++
      return SCAN_END
    }
    if (c !== COMMA) return SCAN_FAIL
    this.pos++
    this.peek()
    return this.key(keys)
  }

  /** Right after `[`: 1 if an item follows, 0 if the array ended (`]` consumed). */
  firstItem(): number {
    if (this.peek() !== 93) return 1
    this.pos++
    return 0
  }

  /** After an item: 1 if another follows (`,` consumed), 0 if the array ended (`]` consumed), `SCAN_FAIL` otherwise. */
  nextItem(): number {
    const c = this.peek()
    if (c === COMMA) {
      this.pos++
      return 1
    }
    if (c === 93) {
      this.pos++
      return 0
    }
    return SCAN_FAIL
  }

  /** A string without escapes, or `undefined` (not a string, or one with an escape: the full path reads those). */
  string(): string | undefined {
    if (this.peek() !== QUOTE) return undefined
    const s = this.text
    const start = this.pos + 1
    let i = start
    for (;;) {
      const c = s.charCodeAt(i)
      if (c === QUOTE) break
      if (c === BACKSLASH || c < 32 || c !== c) return undefined
      i++
    }
    this.start = start
    this.stop = i
    this.pos = i + 1
    return s.slice(start, i)
  }

  /**
   * A decimal sent as a JSON string (`"8476.98"`), read as core's `NumberFromString` reads it (`-?(\d+\.?\d*|\.\d+)`
   * with an optional exponent, finite), or `undefined`. `lastText()` then gives the string as sent.
   */
  decimal(): number | undefined {
    if (this.peek() !== QUOTE) return undefined
    const s = this.text
    const start = this.pos + 1
    let i = start
    let c = s.charCodeAt(i)
    const negative = c === MINUS
    if (negative) c = s.charCodeAt(++i)
    let mantissa = 0
    let digits = 0
    let fraction = 0
    while (isDigit(c)) {
      mantissa = mantissa * 10 + (c - ZERO)
      digits++
      c = s.charCodeAt(++i)
    }
    if (c === DOT) {
      c = s.charCodeAt(++i)
      while (isDigit(c)) {
        mantissa = mantissa * 10 + (c - ZERO)
        digits++
        fraction++
        c = s.charCodeAt(++i)
      }
    }
    if (digits === 0) return undefined
    let exact = mantissa <= Number.MAX_SAFE_INTEGER && fraction < POW10.length
    if (c === 101 || c === 69) {
      exact = false
      c = s.charCodeAt(++i)
      if (c === 43 || c === MINUS) c = s.charCodeAt(++i)
      if (!isDigit(c)) return undefined
      while (isDigit(c)) c = s.charCodeAt(++i)
    }
    if (c !== QUOTE) return undefined
    this.start = start
    this.stop = i
    this.pos = i + 1
    if (exact) {
      const value = mantissa / (POW10[fraction] as number)
      return negative ? -value : value
    }
    const value = Number(s.slice(start, i))
    return Number.isFinite(value) ? value : undefined
  }

  /** The text of the last string `string` or `decimal` read, as sent (without its quotes). */
  lastText(): string {
    return this.text.slice(this.start, this.stop)
  }

  /** A JSON number, read as `JSON.parse` reads it, or `undefined`. */
  number(): number | undefined {
    this.peek()
    const s = this.text
    const start = this.pos
    let i = start
    let c = s.charCodeAt(i)
    if (c === MINUS) c = s.charCodeAt(++i)
    if (c === ZERO) c = s.charCodeAt(++i)
    else if (isDigit(c)) {
      let value = 0
      const first = i
      do {
        value = value * 10 + (c - ZERO)
        c = s.charCodeAt(++i)
      } while (isDigit(c))
      // A short integer is exact as accumulated; anything else is converted by the engine, as JSON.parse does.
      if (c !== DOT && c !== 101 && c !== 69 && i - first <= 15) {
        this.pos = i
        return s.charCodeAt(start) === MINUS ? -value : value
      }
    } else return undefined
    if (c === DOT) {
      c = s.charCodeAt(++i)
      if (!isDigit(c)) return undefined
      while (isDigit(c)) c = s.charCodeAt(++i)
    }
    if (c === 101 || c === 69) {
      c = s.charCodeAt(++i)
      if (c === 43 || c === MINUS) c = s.charCodeAt(++i)
      if (!isDigit(c)) return undefined
      while (isDigit(c)) c = s.charCodeAt(++i)
    }
    this.pos = i
    return Number(s.slice(start, i))
  }

  /** Skips one value of any kind, checking it is well-formed JSON; false if it is not (or nests too deep). */
  skipValue(depth = 0): boolean {
    const c = this.peek()
    switch (c) {
      case QUOTE:
        return this.skipString()
      case 123: {
        if (depth >= MAX_DEPTH) return false
        this.pos++
        for (let k = this.firstKey([]); k !== SCAN_END; k = this.nextKey([])) if (k === SCAN_FAIL || !this.skipValue(depth + 1)) return false
        return true
      }
      case 91: {
        if (depth >= MAX_DEPTH) return false
        this.pos++
        for (let more = this.firstItem(); more !== 0; more = this.nextItem()) if (more === SCAN_FAIL || !this.skipValue(depth + 1)) return false
        return true
      }
      case 116:
        return this.word('true')
      case 102:
        return this.word('false')
      case 110:
        return this.word('null')
      default:
        return this.number() !== undefined
    }
  }

  /** Whether only whitespace is left. */
  end(): boolean {
    this.peek()
    return this.pos >= this.text.length
  }

  /** Reads `"key":` and looks it up in `keys`. */
  private key(keys: readonly string[]): number {
    const s = this.text
    if (s.charCodeAt(this.pos) !== QUOTE) return SCAN_FAIL
    const start = this.pos + 1
    const end = stringEnd(s, start)
    if (end < 0) return SCAN_FAIL
    this.pos = end + 1
    if (this.peek() !== COLON) return SCAN_FAIL
    this.pos++
    const length = end - start
    // An escaped key may spell a listed one: only the full path reads it for certain.
    if (keys.length === 0) return SCAN_UNKNOWN
    if (escapedLast) return SCAN_FAIL
    const head = s.charCodeAt(start)
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string
      // Length and first character rule out most keys before the (costlier) full comparison.
      if (key.length === length && key.charCodeAt(0) === head && s.startsWith(key, start)) return k
    }
    return SCAN_UNKNOWN
  }

  private skipString(): boolean {
    const end = stringEnd(this.text, this.pos + 1)
    if (end < 0) return false
    this.pos = end + 1
    return true
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.pos)) return false
    this.pos += w.length
    return true
  }
}

