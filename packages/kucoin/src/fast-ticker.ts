import { CheckedText, DATA_AT, DECIMAL, envelope, NUMBER, TEXT, TYPE_FIRST_TOPIC_AT } from './fast-text'
import type { KucoinScanned } from './scanned'

// Tier zero for `/market/ticker` pushes, as fast-exact.ts is for level2 updates: the member orders KuCoin writes,
// checked whole by one regular expression, then read straight from value to value. Anything else is `undefined` here.

/** `data` members, by the index the reader gives them. */
const NAMES = ['sequence', 'price', 'size', 'bestBid', 'bestBidSize', 'bestAsk', 'bestAskSize', 'time'] as const
const SEQUENCE = 0
const PRICE = 1
const SIZE = 2
const BEST_BID = 3
const BEST_BID_SIZE = 4
const BEST_ASK = 5
const BEST_ASK_SIZE = 6
const TIME = 7
/** The orders of `data` KuCoin writes: 2021 captures, the documented one, alphabetical (2022 captures). */
const ORDERS: readonly (readonly number[])[] = [
  [0, 5, 2, 4, 1, 7, 6, 3],
  [0, 1, 2, 3, 4, 5, 6, 7],
  [5, 6, 3, 4, 1, 0, 2, 7],
]
const [CAPTURED, DOCUMENTED, ALPHABETICAL] = ORDERS as [readonly number[], readonly number[], readonly number[]]

const value = (k: number): string => (k === SEQUENCE ? `"${TEXT}"` : k === TIME ? NUMBER : DECIMAL)
const DATA = `(?:${ORDERS.map((order) => `\\{${order.map((k) => `"${NAMES[k] as string}":${value(k)}`).join(',')}\\}`).join('|')})`
const SUBJECT = `"subject":"${TEXT}"`
const TOPIC = `"topic":"\\/market\\/ticker(?::${TEXT})?"`
const TICKER_FRAME = envelope(SUBJECT, TOPIC, DATA)

const LOWER_B = 98
const LOWER_D = 100
const TICKER_ALL = '/market/ticker:all'
// The fixed text between values, from the character a reader stands on to the next value.
const SUBJECT_AFTER_TOPIC = '","subject":"'.length
const DATA_AFTER_SUBJECT = '","data":'.length
const SUBJECT_AFTER_DATA = ',"subject":"'.length
const TOPIC_AFTER_SUBJECT = '","topic":"'.length
const SEQUENCE_AT = '{"sequence":"'.length

/** Builds tier zero for tickers: `undefined` for anything but a ticker push in one of KuCoin's layouts. Not reentrant. */
export const createTickerDecode = (): ((raw: string) => KucoinScanned | undefined) => {
  const r = new CheckedText()
  const values = [0, 0, 0, 0, 0, 0, 0, 0]

  /** `data` from `at` (its `{`) into `values`: the index past its `}`, or -1 when a number is not finite. */
  const data = (raw: string, at: number): number => {
    let order = ALPHABETICAL
    if (raw.charCodeAt(at + 2) !== LOWER_B) {
      // `sequence` first: the key after it tells the two orders apart
      const end = raw.indexOf('"', at + SEQUENCE_AT)
      order = raw.charCodeAt(end + 3) === LOWER_B ? CAPTURED : DOCUMENTED
    }
    let p = at + 1
    for (const k of order) {
      p += (NAMES[k] as string).length + 3
      if (k === SEQUENCE) p = raw.indexOf('"', p + 1) + 1
      else {
        const n = k === TIME ? r.number(raw, p) : r.decimal(raw, p + 1)
        if (n !== n) return -1
        values[k] = n
        p = k === TIME ? r.pos : r.pos + 1
      }
      p++
    }
    return p
  }

  return (raw) => {
    if (!TICKER_FRAME.test(raw)) return undefined
    let topic: string
    let subjectAt: number
    let subjectEnd: number
    if (raw.charCodeAt(2) === LOWER_D) {
      subjectAt = data(raw, DATA_AT) + SUBJECT_AFTER_DATA
      if (subjectAt < SUBJECT_AFTER_DATA) return undefined
      subjectEnd = raw.indexOf('"', subjectAt)
      const topicAt = subjectEnd + TOPIC_AFTER_SUBJECT
      topic = raw.slice(topicAt, raw.indexOf('"', topicAt))
    } else {
      const topicEnd = raw.indexOf('"', TYPE_FIRST_TOPIC_AT)
      subjectAt = topicEnd + SUBJECT_AFTER_TOPIC
      subjectEnd = raw.indexOf('"', subjectAt)
      topic = raw.slice(TYPE_FIRST_TOPIC_AT, topicEnd)
      if (data(raw, subjectEnd + DATA_AFTER_SUBJECT) < 0) return undefined
    }
    // `ticker:all` names the symbol in `subject`
    const venueSymbol = topic === TICKER_ALL ? raw.slice(subjectAt, subjectEnd) : topic.slice(topic.indexOf(':') + 1)
    // read by index (destructuring an array goes through its iterator)
    const at = (k: number): number => values[k] as number
    return {
      kind: 'ticker-scanned',
      frame: { topic, venueSymbol, time: at(TIME), price: at(PRICE), size: at(SIZE), bestBid: at(BEST_BID), bestBidSize: at(BEST_BID_SIZE), bestAsk: at(BEST_ASK), bestAskSize: at(BEST_ASK_SIZE) },
    }
  }
}
