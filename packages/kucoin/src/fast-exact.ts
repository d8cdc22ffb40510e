import type { BookLevel } from '@tributary/core'
import { CheckedText, DATA_AT, envelope, NUMBER, ROWS, TEXT, TYPE_FIRST_TOPIC_AT } from './fast-text'
import type { KucoinScanned } from './scanned'

// Tier zero of the fast path: `/market/level2` updates in the member orders KuCoin actually writes them, which one
// regular expression checks whole (compact, each member once and in its place, strings without escapes or control
// characters, every value in the form its codec accepts). Knowing every member's place, the reader then goes straight
// from value to value: no key is looked at twice. Any other text is `undefined` here (the next tiers decide).
//
// Envelopes: `{"data":…,"subject":…,"topic":…,"type":…}` (2021 captures) and `{"type":…,"topic":…,"subject":…,
// "data":…}` (later frames). Data: `{"sequenceStart","symbol","changes","sequenceEnd"[,"time"]}` (2021 captures, and
// the order KuCoin documents) and `{"changes","sequenceEnd","sequenceStart","symbol"[,"time"]}` (2022 captures).

const SUBJECT = '"subject":"trade\\.l2update"'
const TOPIC = `"topic":"\\/market\\/level2(?::${TEXT})?"`
const CHANGES = `"changes":\\{"asks":${ROWS},"bids":${ROWS}\\}`
const TIME = `(?:,"time":${NUMBER})?`
const DATA_SEQUENCE_FIRST = `\\{"sequenceStart":${NUMBER},"symbol":"${TEXT}",${CHANGES},"sequenceEnd":${NUMBER}${TIME}\\}`
const DATA_CHANGES_FIRST = `\\{${CHANGES},"sequenceEnd":${NUMBER},"sequenceStart":${NUMBER},"symbol":"${TEXT}"${TIME}\\}`
const DATA = `(?:${DATA_SEQUENCE_FIRST}|${DATA_CHANGES_FIRST})`
const L2_FRAME = envelope(SUBJECT, TOPIC, DATA)

const COMMA = 44
const LOWER_D = 100
const LOWER_S = 115

// The fixed text between values, from the character a reader stands on to the next value.
const TYPE_FIRST_DATA_AFTER_TOPIC = '","subject":"trade.l2update","data":'.length
const DATA_FIRST_TOPIC_AFTER_DATA = '},"subject":"trade.l2update","topic":"'.length
const SEQUENCE_START_AT = '{"sequenceStart":'.length
const SYMBOL_AFTER_NUMBER = ',"symbol":"'.length
const ASKS_AFTER_SYMBOL = '","changes":{"asks":'.length
const ASKS_AT = '{"changes":{"asks":'.length
const BIDS_AFTER_ASKS = ',"bids":'.length
const SEQUENCE_END_AFTER_BIDS = '},"sequenceEnd":'.length
const SEQUENCE_START_AFTER_NUMBER = ',"sequenceStart":'.length
const TIME_AFTER_NUMBER = ',"time":'.length
const TIME_AFTER_SYMBOL = '","time":'.length

/** Builds tier zero: `undefined` for anything but a level2 update in one of KuCoin's layouts. Not reentrant. */
export const createExactDecode = (): ((raw: string) => KucoinScanned | undefined) => {
  const r = new CheckedText()
  return (raw) => {
    if (!L2_FRAME.test(raw)) return undefined
    const dataFirst = raw.charCodeAt(2) === LOWER_D
    let topicAt = TYPE_FIRST_TOPIC_AT
    let topicEnd = 0
    let p = DATA_AT
    if (!dataFirst) {
      topicEnd = raw.indexOf('"', topicAt)
      p = topicEnd + TYPE_FIRST_DATA_AFTER_TOPIC
    }
    // Rows whose value is not finite are `undefined`, a number that is not finite is NaN: the full path reports them.
    let prevSeq: number
    let seq: number
    let time: number | undefined
    let venueSymbol: string
    let asks: readonly BookLevel[] | undefined
    let bids: readonly BookLevel[] | undefined
    if (raw.charCodeAt(p + 2) === LOWER_S) {
      prevSeq = r.number(raw, p + SEQUENCE_START_AT) - 1
      const symbolAt = r.pos + SYMBOL_AFTER_NUMBER
      const symbolEnd = raw.indexOf('"', symbolAt)
      venueSymbol = raw.slice(symbolAt, symbolEnd)
      if ((asks = r.levels(raw, symbolEnd + ASKS_AFTER_SYMBOL, true)) === undefined) return undefined
      if ((bids = r.levels(raw, r.pos + BIDS_AFTER_ASKS, true)) === undefined) return undefined
      seq = r.number(raw, r.pos + SEQUENCE_END_AFTER_BIDS)
      if (raw.charCodeAt(r.pos) === COMMA) time = r.number(raw, r.pos + TIME_AFTER_NUMBER)
      p = r.pos
    } else {
      if ((asks = r.levels(raw, p + ASKS_AT, true)) === undefined) return undefined
      if ((bids = r.levels(raw, r.pos + BIDS_AFTER_ASKS, true)) === undefined) return undefined
      seq = r.number(raw, r.pos + SEQUENCE_END_AFTER_BIDS)
      prevSeq = r.number(raw, r.pos + SEQUENCE_START_AFTER_NUMBER) - 1
      const symbolAt = r.pos + SYMBOL_AFTER_NUMBER
      const symbolEnd = raw.indexOf('"', symbolAt)
      venueSymbol = raw.slice(symbolAt, symbolEnd)
      p = symbolEnd + 1
      if (raw.charCodeAt(p) === COMMA) {
        time = r.number(raw, symbolEnd + TIME_AFTER_SYMBOL)
        p = r.pos
      }
    }
    if (prevSeq !== prevSeq || seq !== seq || time !== time) return undefined
    if (dataFirst) {
      topicAt = p + DATA_FIRST_TOPIC_AFTER_DATA
      topicEnd = raw.indexOf('"', topicAt)
    }
    const topic = raw.slice(topicAt, topicEnd)
    return { kind: 'l2update-scanned', frame: { topic, venueSymbol, prevSeq, seq, time, bids, asks } }
  }
}
