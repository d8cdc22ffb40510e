import { JsonScanner, SCAN_END, SCAN_FAIL, SCAN_UNKNOWN } from '@tributary/core'
import { BOOK_CHANNELS as CHANNELS, type OkxFrame } from './codecs'
import type { OkxLevel } from './wire'

// Copied once: compiled re-exports are getters, and these are read for every key and item.
const END = SCAN_END
const FAIL = SCAN_FAIL
const UNKNOWN = SCAN_UNKNOWN
const BOOK_CHANNELS = CHANNELS

/** A decoded book push (`books*`, `books5`, `bbo-tbt`). */
export type OkxBookFrame = Extract<OkxFrame, { readonly type: 'book' | 'book-top' }>
type BookData = OkxBookFrame['frame']['data'][number]
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// Key indexes in the walkers below.
const [ARG_KEY, ACTION_KEY, DATA_KEY] = [0, 1, 2]
const [ASKS, BIDS, TS, CHECKSUM, SEQ_ID] = [0, 1, 2, 3, 4]

/** Whether `text` holds the characters `codes` at `at`. */
const spells = (text: string, at: number, codes: readonly number[]): boolean => {
  for (let i = 0; i < codes.length; i++) if (text.charCodeAt(at + i) !== codes[i]) return false
  return true
}

const codesOf = (text: string): readonly number[] => Array.from(text, (c) => c.charCodeAt(0))

/** A reader of one of `values` sent as a plain JSON string: the listed string itself (no copy), or `undefined`. */
const oneOf = (values: readonly string[]): ((s: JsonScanner) => string | undefined) => {
  const spelled = values.map((v) => codesOf(`"${v}"`))
  return (s) => {
    s.peek()
    for (let i = 0; i < spelled.length; i++) {
      const codes = spelled[i] as readonly number[]
      if (spells(s.text, s.pos, codes)) {
        s.pos += codes.length
        return values[i]
      }
    }
    return undefined
  }
}

/** A book channel (any other channel goes the full way: `codecFor` routes it). */
const bookChannel = oneOf([...BOOK_CHANNELS.keys()])
const bookAction = oneOf(['snapshot', 'update'])

/**
 * Walks the keys of one object of a known shape: each key's index in `keys`, `UNKNOWN` (skip its value), `END`, or
 * `FAIL` (also for a key met twice: JSON.parse would keep the last). OKX sends its keys in one order, so the key after
 * the last one read is first tried as plain text (`,"bids":`); anything else is read by the scanner.
 */
class ObjectKeys {
  // Character codes, compared one by one: cheaper than `startsWith` on such short text.
  private readonly opening: readonly (readonly number[])[]
  private readonly separated: readonly (readonly number[])[]
  private seen = 0
  private expected = 0

  constructor(private readonly keys: readonly string[]) {
    this.opening = keys.map((k) => codesOf(`"${k}":`))
    this.separated = keys.map((k) => codesOf(`,"${k}":`))
  }

  /** Right after `{`. */
  first(s: JsonScanner): number {
    this.seen = 0
    this.expected = 0
    return this.read(s, this.opening, true)
  }

  /** After a member's value. */
  next(s: JsonScanner): number {
    return this.read(s, this.separated, false)
  }

  private read(s: JsonScanner, spelled: readonly (readonly number[])[], first: boolean): number {
    const codes = spelled[this.expected]
    let k = this.expected
    if (codes !== undefined && spells(s.text, s.pos, codes)) s.pos += codes.length
    else if ((k = first ? s.firstKey(this.keys) : s.nextKey(this.keys)) < 0) return k
    if ((this.seen & (1 << k)) !== 0) return FAIL
    this.seen |= 1 << k
    this.expected = k + 1
    return k
  }
}

// One walker per object kind: a scan is synchronous and never nests an object in one of its own kind.
const TOP = new ObjectKeys(['arg', 'action', 'data', 'event'])
const ARG = new ObjectKeys(['channel', 'instId'])
const DATA = new ObjectKeys(['asks', 'bids', 'ts', 'checksum', 'seqId', 'prevSeqId'])

const QUOTE = 34
const COMMA = 44
const OPEN = 91
const CLOSE = 93

/** After `[`: a decimal string's characters (`"0"`, `"13"`: OKX's trailing fields) and its `"`; -1 for anything else. */
const plainStringEnd = (text: string, from: number): number => {
  if (text.charCodeAt(from) !== QUOTE) return -1
  let i = from + 1
  let c = text.charCodeAt(i)
  while ((c >= 48 && c <= 57) || c === 46) c = text.charCodeAt(++i)
  return c === QUOTE ? i + 1 : -1
}

/**
 * `["8476.98","2.5",…]`: price and size as decimal strings, OKX's trailing fields skipped. The compact text OKX sends
 * is stepped through character by character; anything else (whitespace, other values) goes through the scanner.
 */
const level = (s: JsonScanner): OkxLevel | undefined => {
  if (!s.beginArray()) return undefined
  const price = s.decimal()
  if (price === undefined) return undefined
  const rawPrice = s.lastText()
  if (s.text.charCodeAt(s.pos) === COMMA) s.pos++
  else if (s.nextItem() !== 1) return undefined
  const size = s.decimal()
  if (size === undefined) return undefined
  const rawSize = s.lastText()
  const text = s.text
  for (;;) {
    const c = text.charCodeAt(s.pos)
    if (c === CLOSE) {
      s.pos++
      return [price, size, rawPrice, rawSize]
    }
    const end = c === COMMA ? plainStringEnd(text, s.pos + 1) : -1
    if (end >= 0) s.pos = end
    else {
      const more = s.nextItem()
      if (more === 0) return [price, size, rawPrice, rawSize]
      if (more === FAIL || !s.skipValue()) return undefined
    }
  }
}

const levels = (s: JsonScanner): OkxLevel[] | undefined => {
  if (!s.beginArray()) return undefined
  const out: OkxLevel[] = []
  if (s.firstItem() === 0) return out
  const text = s.text
  for (;;) {
    const l = level(s)
    if (l === undefined) return undefined
    out.push(l)
    const c = text.charCodeAt(s.pos)
    if (c === COMMA && text.charCodeAt(s.pos + 1) === OPEN) s.pos++
    else if (c === CLOSE) {
      s.pos++
      return out
    } else {
      const more = s.nextItem()
      if (more === 0) return out
      if (more === FAIL) return undefined
    }
  }
}

/** `"1646003667640"` as core's `IntFromString` reads it: `-?\d+`, a safe integer. */
const intString = (s: JsonScanner): number | undefined => {
  const n = s.decimal()
  if (n === undefined || !Number.isSafeInteger(n)) return undefined
  const text = s.text
  for (let i = text.charCodeAt(s.start) === 45 ? s.start + 1 : s.start; i < s.stop; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return undefined
  }
  return n
}

/** One item of `data`: `asks`, `bids`, `ts`, and `checksum`/`seqId`/`prevSeqId` when sent (JSON numbers). */
const bookData = (s: JsonScanner): BookData | undefined => {
  if (!s.beginObject()) return undefined
  let asks: OkxLevel[] | undefined
  let bids: OkxLevel[] | undefined
  let ts: number | undefined
  let checksum: number | undefined
  let seqId: number | undefined
  let prevSeqId: number | undefined
  for (let k = DATA.first(s); k !== END; k = DATA.next(s)) {
    if (k === FAIL) return undefined
    if (k === UNKNOWN) {
      if (!s.skipValue()) return undefined
    } else if (k === ASKS) {
      if ((asks = levels(s)) === undefined) return undefined
    } else if (k === BIDS) {
      if ((bids = levels(s)) === undefined) return undefined
    } else if (k === TS) {
      if ((ts = intString(s)) === undefined) return undefined
    } else if (k === CHECKSUM) {
      if ((checksum = s.number()) === undefined) return undefined
    } else if (k === SEQ_ID) {
      if ((seqId = s.number()) === undefined) return undefined
    } else if ((prevSeqId = s.number()) === undefined) return undefined
  }
  if (asks === undefined || bids === undefined || ts === undefined) return undefined
  const data: Mutable<BookData> = { asks, bids, ts }
  if (checksum !== undefined) data.checksum = checksum
  if (seqId !== undefined) data.seqId = seqId
  if (prevSeqId !== undefined) data.prevSeqId = prevSeqId
  return data
}

const bookDataList = (s: JsonScanner): BookData[] | undefined => {
  if (!s.beginArray()) return undefined
  const out: BookData[] = []
  for (let more = s.firstItem(); more !== 0; more = s.nextItem()) {
    const d = more === FAIL ? undefined : bookData(s)
    if (d === undefined) return undefined
    out.push(d)
  }
  return out
}

const scanner = new JsonScanner()

/**
 * The fast path of `decodeOkx` for book pushes: reads a `books*` / `books5` / `bbo-tbt` frame straight from the text
 * into exactly the frame `codecFor`'s codec decodes (levels parsed, raw strings kept). Anything else, and anything it
 * cannot read with certainty (an escape, a duplicate key, a value of another type, malformed text), is `undefined`:
 * the frame then goes through `JSON.parse` + io-ts, which decodes it or names the error. Unknown fields are skipped
 * (the codecs tolerate them too).
 */
export const scanBookFrame = (raw: string): OkxBookFrame | undefined => {
  const s = scanner.reset(raw)
  if (!s.beginObject()) return undefined
  let channel: string | undefined
  let instId: string | undefined
  let action: string | undefined
  let data: BookData[] | undefined
  for (let k = TOP.first(s); k !== END; k = TOP.next(s)) {
    if (k === FAIL) return undefined
    if (k === UNKNOWN) {
      if (!s.skipValue()) return undefined
    } else if (k === ARG_KEY) {
      if (!s.beginObject()) return undefined
      for (let a = ARG.first(s); a !== END; a = ARG.next(s)) {
        if (a === FAIL) return undefined
        if (a === UNKNOWN) {
          if (!s.skipValue()) return undefined
        } else if (a === 0) {
          if ((channel = bookChannel(s)) === undefined) return undefined
        } else if ((instId = s.string()) === undefined) return undefined
      }
    } else if (k === ACTION_KEY) {
      if ((action = bookAction(s)) === undefined) return undefined
    } else if (k === DATA_KEY) {
      if ((data = bookDataList(s)) === undefined) return undefined
    } else return undefined // `event`: a control frame
  }
  if (!s.end() || channel === undefined || instId === undefined || data === undefined) return undefined
  const arg = { channel, instId }
  if (BOOK_CHANNELS.get(channel) === 'book-top') return { type: 'book-top', frame: { arg, data } }
  return action === 'snapshot' || action === 'update' ? { type: 'book', frame: { arg, action, data } } : undefined
}
