import { CheckedText } from '@tributary/core'
import type { OkxBookFrame } from './book-scan'
import { BOOK_CHANNELS } from './codecs'
import { DECIMAL, INTEGER, INT_STRING, TEXT } from './layout-text'

// Tier one of the book fast path: the compact layout OKX sends. One regular expression checks the whole frame in
// native code (far cheaper than a character loop in JavaScript): members in OKX's order (`arg` {channel, instId},
// `action`, `data`), no whitespace, strings without escapes or control characters, every value in the form its codec
// accepts. In a `data` item, `asks` and `bids` come first, then `ts`, `checksum`, `seqId`, `prevSeqId` and `books5`'s
// `instId`, in any order. Only then is the frame read, trusting that layout: strings end at the next quote, a level's
// trailing fields (digit strings) end at the next `]`, numbers are read digit by digit (exact up to 2^53, otherwise
// by `Number` as the codecs read them). A data member met twice, or a number that is not finite, is `undefined` here,
// as is any frame the expression does not match: tier two (`scanBookFrame`) then reads it.

type BookData = OkxBookFrame['frame']['data'][number]
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const LEVEL = `\\[${DECIMAL},${DECIMAL}(?:,"\\d*")*\\]`
const LEVELS = `\\[(?:${LEVEL}(?:,${LEVEL})*)?\\]`
/** `ts` as `IntFromString` reads it (up to 15 digits: a safe integer), the numbers the codec names, `books5`'s `instId`. */
const MEMBER = `,"(?:ts":${INT_STRING}|checksum":${INTEGER}|seqId":${INTEGER}|prevSeqId":${INTEGER}|instId":"${TEXT}")`
const ITEM = `\\{"asks":${LEVELS},"bids":${LEVELS}(?:${MEMBER})*\\}`
const CHANNEL = `(?:${[...BOOK_CHANNELS.keys()].join('|')})`
const FRAME = new RegExp(`^\\{"arg":\\{"channel":"${CHANNEL}","instId":"${TEXT}"\\},(?:"action":"(?:snapshot|update)",)?"data":\\[(?:${ITEM}(?:,${ITEM})*)?\\]\\}$`)

const COMMA = 44
const CLOSE_ARRAY = 93

/** Where the channel name starts: after `{"arg":{"channel":"`. */
const CHANNEL_AT = 19
/** The book channels by the length of their name: each length names one (`book-layout.test.ts` checks it). */
const CHANNEL_BY_LENGTH: readonly (readonly [channel: string, type: 'book' | 'book-top'] | undefined)[] = [...BOOK_CHANNELS].reduce<
  (readonly [string, 'book' | 'book-top'] | undefined)[]
>((out, [channel, type]) => {
  out[channel.length] = [channel, type]
  return out
}, [])

// A `data` item's members after `bids`, by the letter after `,"`, and their bit in the `seen` mask.
const TS = 1
const CHECKSUM = 2
const SEQ_ID = 4
const PREV_SEQ_ID = 8
const INST_ID = 16

const read = new CheckedText()

/** The `data` item whose `{` is at `at`; `read.pos` is left just past its `}`. */
const itemAt = (raw: string, at: number): BookData | undefined => {
  // `{"asks":[`
  const asks = read.levels(raw, at + 8, false)
  if (asks === undefined) return undefined
  // `,"bids":[`
  const bids = read.levels(raw, read.pos + 8, false)
  if (bids === undefined) return undefined
  let seen = 0
  let ts = 0
  let checksum = 0
  let seqId = 0
  let prevSeqId = 0
  let p = read.pos
  while (raw.charCodeAt(p) === COMMA) {
    const c = raw.charCodeAt(p + 2)
    // `,"ts":"`, `,"checksum":`, `,"seqId":`, `,"prevSeqId":`, `,"instId":"`
    const bit = c === 116 ? TS : c === 99 ? CHECKSUM : c === 115 ? SEQ_ID : c === 112 ? PREV_SEQ_ID : INST_ID
    if ((seen & bit) !== 0) return undefined
    seen |= bit
    if (bit === TS) {
      ts = read.number(raw, p + 7)
      p = read.pos + 1
    } else if (bit === INST_ID) p = raw.indexOf('"', p + 11) + 1
    else {
      if (bit === CHECKSUM) checksum = read.number(raw, p + 12)
      else if (bit === SEQ_ID) seqId = read.number(raw, p + 9)
      else prevSeqId = read.number(raw, p + 13)
      p = read.pos
    }
  }
  if ((seen & TS) === 0) return undefined
  read.pos = p + 1
  // The members OKX sends together, in one literal (one object shape, no property store added later).
  if (seen === (TS | CHECKSUM)) return { asks, bids, ts, checksum }
  if ((seen | INST_ID) === (TS | CHECKSUM | SEQ_ID | PREV_SEQ_ID | INST_ID)) return { asks, bids, ts, checksum, seqId, prevSeqId }
  const data: Mutable<BookData> = { asks, bids, ts }
  if ((seen & CHECKSUM) !== 0) data.checksum = checksum
  if ((seen & SEQ_ID) !== 0) data.seqId = seqId
  if ((seen & PREV_SEQ_ID) !== 0) data.prevSeqId = prevSeqId
  return data
}

/**
 * Tier one of `decodeOkx`'s book fast path: a book push in OKX's own compact layout, read into exactly the frame the
 * codecs decode (as {@link scanBookFrame} reads it), or `undefined` for any other text (tier two then reads it).
 */
export const readBookLayout = (raw: string): OkxBookFrame | undefined => {
  if (!FRAME.test(raw)) return undefined
  const channelEnd = raw.indexOf('"', CHANNEL_AT)
  const route = CHANNEL_BY_LENGTH[channelEnd - CHANNEL_AT]
  if (route === undefined) return undefined
  // `","instId":"`
  const idStart = channelEnd + 12
  const idEnd = raw.indexOf('"', idStart)
  // `"},"action":"snapshot","data":[` or `"},"action":"update","data":[` or `"},"data":[`
  const named = raw.charCodeAt(idEnd + 4) === 97
  const action = !named ? undefined : raw.charCodeAt(idEnd + 13) === 115 ? 'snapshot' : 'update'
  const p = idEnd + 11 + (action === undefined ? 0 : action === 'snapshot' ? 20 : 18)
  let data: BookData[] = []
  if (raw.charCodeAt(p) !== CLOSE_ARRAY) {
    const first = itemAt(raw, p)
    if (first === undefined) return undefined
    // OKX sends one item: an array of one, with no room for more, until a second comes.
    data = [first]
    while (raw.charCodeAt(read.pos) !== CLOSE_ARRAY) {
      const item = itemAt(raw, read.pos + 1)
      if (item === undefined) return undefined
      data.push(item)
    }
  }
  const arg = { channel: route[0], instId: raw.slice(idStart, idEnd) }
  if (route[1] === 'book-top') return { type: 'book-top', frame: { arg, data } }
  return action === undefined ? undefined : { type: 'book', frame: { arg, action, data } }
}
