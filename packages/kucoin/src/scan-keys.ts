import { SCAN_END, SCAN_FAIL, SCAN_UNKNOWN, type JsonScanner } from '@tributary/core'

// Copied once: in CommonJS output every use of a re-exported binding is a getter call.
const END = SCAN_END
const FAIL = SCAN_FAIL
const UNKNOWN = SCAN_UNKNOWN
const COMMA = 44
const CLOSE = 125

/** `previous` for the first key of an object (right after `{`). */
export const FIRST_KEY = -10

/**
 * The listed keys of one object shape, read with a guess: the venue writes an object's keys in the same order frame
 * after frame, so the key that followed the previous one last time is tried first, with one comparison of `"key":`
 * against the text. A miss (another key, whitespace, an escape) reads the key through the scanner as usual: the guess
 * only ever saves time, it never decides what a key is.
 */
export class ScanKeys {
  private readonly literals: readonly string[]
  /** `after[k]`: the key read after key `k` last time; `after[n]`: first key; `after[n + 1]`: after an unlisted key. */
  private readonly after: Int8Array

  constructor(readonly names: readonly string[]) {
    this.literals = names.map((name) => `"${name}":`)
    this.after = new Int8Array(names.length + 2).fill(-1)
  }

  /**
   * The next key after `previous` (the last answer, or {@link FIRST_KEY}), as `JsonScanner.firstKey`/`nextKey` answer:
   * the key's index with its `:` consumed, `SCAN_UNKNOWN`, `SCAN_END` or `SCAN_FAIL`.
   */
  read(s: JsonScanner, previous: number): number {
    const text = s.text
    let at = s.pos
    const c = text.charCodeAt(at)
    if (c === CLOSE) {
      s.pos = at + 1
      return END
    }
    const first = previous === FIRST_KEY
    const slot = previous >= 0 ? previous : first ? this.names.length : this.names.length + 1
    const guess = this.after[slot] as number
    if (guess >= 0 && (first || c === COMMA)) {
      if (!first) at++
      const literal = this.literals[guess] as string
      if (text.startsWith(literal, at)) {
        s.pos = at + literal.length
        return guess
      }
    }
    const k = first ? s.firstKey(this.names) : s.nextKey(this.names)
    if (k >= 0) this.after[slot] = k
    return k
  }

  /**
   * The next listed key not met yet in this object (`seen`: a bit per key index met), unlisted keys and their values
   * skipped: its index, `SCAN_END`, or `SCAN_FAIL` (malformed text, or a listed key met twice: JSON.parse keeps the
   * last one, so only the full path reads such an object for certain).
   */
  listed(s: JsonScanner, previous: number, seen: number): number {
    let k = this.read(s, previous)
    while (k === UNKNOWN) k = s.skipValue() ? this.read(s, UNKNOWN) : FAIL
    return k >= 0 && (seen & (1 << k)) !== 0 ? FAIL : k
  }
}
