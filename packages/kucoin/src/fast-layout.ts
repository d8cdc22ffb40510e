import type { BookLevel } from '@tributary/core'
import { CheckedText, DECIMAL, LEVELS, NUMBER, ROWS, TEXT } from './fast-text'
import type { KucoinScanned } from './scanned'

// Tier one of the fast path. One regular expression per hot kind checks the whole frame in native code (much cheaper
// than a character loop in JavaScript): exactly the listed members, in any order, no whitespace, strings without
// escapes or control characters, every value in the form its codec accepts. Only then is the frame read, trusting
// that layout: a member is told from its siblings by a character or two, strings end at the next quote, and numbers
// are read as the full path reads them ({@link CheckedText}). A listed member met twice, a number that is not finite,
// or any frame the expression does not match, is `undefined` here (the next tier decides).

const quote = (s: string): string => s.replace(/[./]/g, '\\$&')

/** An object of exactly `count` members, each one of `members` (`"key":value` patterns), without whitespace. */
const object = (members: readonly string[], count: string): string => {
  const member = `(?:${members.join('|')})`
  return `\\{${member}(?:,${member})${count}\\}`
}

const topic = (prefix: string): string => `"topic":"${prefix}(?::${TEXT})?"`
const TYPE = '"type":"message"'

const L2_DATA = object(
  [
    `"sequenceStart":${NUMBER}`,
    `"symbol":"${TEXT}"`,
    `"changes":${object([`"asks":${ROWS}`, `"bids":${ROWS}`], '')}`,
    `"sequenceEnd":${NUMBER}`,
    `"time":${NUMBER}`,
  ],
  '{3,4}',
)
const L2_FRAME = new RegExp(`^${object([`"data":${L2_DATA}`, '"subject":"trade\\.l2update"', topic(quote('/market/level2')), TYPE], '{3}')}$`)

const TICKER_DATA = object(
  [
    `"sequence":"${TEXT}"`,
    ...['price', 'size', 'bestBid', 'bestBidSize', 'bestAsk', 'bestAskSize'].map((key) => `"${key}":${DECIMAL}`),
    `"time":${NUMBER}`,
  ],
  '{7}',
)
const TICKER_FRAME = new RegExp(`^${object([`"data":${TICKER_DATA}`, `"subject":"${TEXT}"`, topic(quote('/market/ticker')), TYPE], '{3}')}$`)

const DEPTH_DATA = object([`"asks":${LEVELS}`, `"bids":${LEVELS}`, `"timestamp":${NUMBER}`], '{2}')
const DEPTH_FRAME = new RegExp(
  `^${object([`"data":${DEPTH_DATA}`, '"subject":"level2"', topic(`${quote('/spotMarket/level2Depth')}(?:5|50)`), TYPE], '{3}')}$`,
)

const QUOTE = 34
const CLOSE = 125
const TICKER_ALL = '/market/ticker:all'
/** `"subject":"trade.l2update"`, `"subject":"level2"`: members the layout fixes, skipped whole. */
const L2_SUBJECT_LENGTH = 26
const DEPTH_SUBJECT_LENGTH = 18
/** `"key":` lengths of the ticker's `data` members by index (price, size, bestBid, bestBidSize, bestAsk, bestAskSize, time). */
const KEY_LENGTHS: readonly number[] = [8, 7, 10, 14, 10, 14, 7]

/** Reads a `data` object from `at` (`{`): the index just past it, or -1 when it does not read. */
type DataReader = (raw: string, at: number) => number

/** Builds tier one: `undefined` for any frame not in a hot kind's layout. Not reentrant (one reader, reused). */
export const createLayoutDecode = (): ((raw: string) => KucoinScanned | undefined) => {
  const r = new CheckedText()
  let topic = ''
  let subject = ''
  /** Index of the closing quote of the last string `text` read. */
  let end = 0

  /** The content of the string whose opening quote is at `at`. */
  const text = (raw: string, at: number): string => {
    end = raw.indexOf('"', at + 1)
    return raw.slice(at + 1, end)
  }

  /**
   * The top-level members (`data`, `subject`, `topic`, `type`, in any order), `data` read by `data`, `subject` kept
   * when `subjectLength` is 0 (otherwise it is a literal member that long); false when one came twice (the expression
   * allows exactly four members, so none is missing otherwise) or `data` did not read.
   */
  const members = (raw: string, data: DataReader, subjectLength: number): boolean => {
    let got = 0
    let p = 1
    for (;;) {
      // `"data"`, `"subject"`, `"topic"`, `"type"`: told apart by their second letter.
      const c = raw.charCodeAt(p + 2)
      const bit = c === 97 ? 1 : c === 117 ? 2 : c === 111 ? 4 : 8
      if ((got & bit) !== 0) return false
      got |= bit
      if (bit === 1) {
        p = data(raw, p + 7)
        if (p < 0) return false
      } else if (bit === 8) p += 16 // "type":"message"
      else if (bit === 4) {
        topic = text(raw, p + 8)
        p = end + 1
      } else if (subjectLength > 0) p += subjectLength
      else {
        subject = text(raw, p + 10)
        p = end + 1
      }
      if (raw.charCodeAt(p) === CLOSE) return true
      p++
    }
  }

  // What the last `data` held.
  let venueSymbol = ''
  let prevSeq = 0
  let seq = 0
  let time: number | undefined
  let timestamp = 0
  let bids: readonly BookLevel[] | undefined
  let asks: readonly BookLevel[] | undefined
  const values = [0, 0, 0, 0, 0, 0, 0]

  const updateData: DataReader = (raw, at) => {
    let seen = 0
    time = undefined
    bids = undefined
    asks = undefined
    let p = at + 1
    for (;;) {
      // `"sequenceStart"`, `"symbol"`, `"changes"`, `"sequenceEnd"`, `"time"`.
      const c = raw.charCodeAt(p + 1)
      const bit = c === 99 ? 4 : c === 116 ? 16 : raw.charCodeAt(p + 2) === 121 ? 2 : raw.charCodeAt(p + 9) === 83 ? 1 : 8
      if ((seen & bit) !== 0) return -1
      seen |= bit
      if (bit === 2) {
        venueSymbol = text(raw, p + 9)
        p = end + 1
      } else if (bit === 4) {
        // {"asks":[…],"bids":[…]}, in either order
        p += 11
        for (let side = 0; side < 2; side++) {
          const isAsks = raw.charCodeAt(p + 1) === 97
          if ((isAsks ? asks : bids) !== undefined) return -1
          const levels = r.levels(raw, p + 7, true)
          if (levels === undefined) return -1
          if (isAsks) asks = levels
          else bids = levels
          p = r.pos + 1
        }
      } else {
        const n = r.number(raw, p + (bit === 1 ? 16 : bit === 8 ? 14 : 7))
        if (n !== n) return -1
        if (bit === 1) prevSeq = n - 1
        else if (bit === 8) seq = n
        else time = n
        p = r.pos
      }
      if (raw.charCodeAt(p) === CLOSE) return (seen & 15) === 15 ? p + 1 : -1
      p++
    }
  }

  const tickerData: DataReader = (raw, at) => {
    let seen = 0
    let p = at + 1
    for (;;) {
      // `"price"`, `"size"`, `"bestBid"`, `"bestBidSize"`, `"bestAsk"`, `"bestAskSize"`, `"time"`, `"sequence"`.
      const c = raw.charCodeAt(p + 1)
      const k =
        c === 98
          ? (raw.charCodeAt(p + 5) === 66 ? 2 : 4) + (raw.charCodeAt(p + 8) === QUOTE ? 0 : 1)
          : c === 112 ? 0 : c === 116 ? 6 : raw.charCodeAt(p + 2) === 105 ? 1 : 7
      const bit = 1 << k
      if ((seen & bit) !== 0) return -1
      seen |= bit
      if (k === 7) p = raw.indexOf('"', p + 12) + 1
      else {
        const at = p + (KEY_LENGTHS[k] as number)
        // a decimal is read inside its quotes; `pos` is then on the closing one
        const n = k === 6 ? r.number(raw, at) : r.decimal(raw, at + 1)
        if (n !== n) return -1
        values[k] = n
        p = k === 6 ? r.pos : r.pos + 1
      }
      if (raw.charCodeAt(p) === CLOSE) return p + 1
      p++
    }
  }

  const depthData: DataReader = (raw, at) => {
    let seen = 0
    bids = undefined
    asks = undefined
    let p = at + 1
    for (;;) {
      // `"asks"`, `"bids"`, `"timestamp"`.
      const c = raw.charCodeAt(p + 1)
      const bit = c === 97 ? 1 : c === 98 ? 2 : 4
      if ((seen & bit) !== 0) return -1
      seen |= bit
      if (bit === 4) {
        timestamp = r.number(raw, p + 12)
        if (timestamp !== timestamp) return -1
      } else {
        const levels = r.levels(raw, p + 7, false)
        if (levels === undefined) return -1
        if (bit === 1) asks = levels
        else bids = levels
      }
      p = r.pos
      if (raw.charCodeAt(p) === CLOSE) return p + 1
      p++
    }
  }

  return (raw) => {
    if (L2_FRAME.test(raw)) {
      if (!members(raw, updateData, L2_SUBJECT_LENGTH) || bids === undefined || asks === undefined) return undefined
      return { kind: 'l2update-scanned', frame: { topic, venueSymbol, prevSeq, seq, time, bids, asks } }
    }
    if (TICKER_FRAME.test(raw)) {
      if (!members(raw, tickerData, 0)) return undefined
      const [price, size, bestBid, bestBidSize, bestAsk, bestAskSize, ts] = values as [number, number, number, number, number, number, number]
      const symbol = topic === TICKER_ALL ? subject : topic.slice(topic.indexOf(':') + 1)
      return {
        kind: 'ticker-scanned',
        frame: { topic, venueSymbol: symbol, time: ts, price, size, bestBid, bestBidSize, bestAsk, bestAskSize },
      }
    }
    if (!DEPTH_FRAME.test(raw) || !members(raw, depthData, DEPTH_SUBJECT_LENGTH) || bids === undefined || asks === undefined) return undefined
    const symbol = topic.slice(topic.indexOf(':') + 1)
    return { kind: 'depth-scanned', frame: { topic, venueSymbol: symbol, timestamp, bids, asks } }
  }
}
