import type { KucoinFrame } from './codecs'
import { CheckedText, DATA_AT, DECIMAL, envelope, TEXT, TYPE_FIRST_TOPIC_AT } from './fast-text'

// Tier zero for `/market/match` trades (latency: a trade should not wait for JSON.parse + io-ts): the member orders
// KuCoin writes, checked whole by one regular expression each, then read straight from value to value. It answers the
// frame the full path decodes, with the `data` members the mapper reads; anything else is `undefined` here.

/** `data` members, by the index the reader gives them; past `time` they are only checked to be strings. */
const NAMES = ['symbol', 'tradeId', 'price', 'size', 'side', 'time', 'sequence', 'takerOrderId', 'makerOrderId', 'type'] as const
const PRICE = 2
const SIZE = 3
const SIDE = 4
const TIME = 5
/** The orders of `data` KuCoin writes: 2021 captures, our simulator, alphabetical (KuCoin's current documentation). */
const ORDERS: readonly (readonly number[])[] = [
  [0, 6, 4, 3, 2, 7, 5, 9, 8, 1],
  [0, 6, 4, 3, 2, 7, 8, 5, 9, 1],
  [8, 2, 6, 4, 3, 0, 7, 5, 1, 9],
]

const value = (k: number): string => (k === PRICE || k === SIZE ? DECIMAL : k === SIDE ? '"(?:buy|sell)"' : k === TIME ? '"\\d+"' : `"${TEXT}"`)
const SUBJECT = '"subject":"trade\\.l3match"'
const TOPIC = `"topic":"\\/market\\/match(?::${TEXT})?"`
const frameOf = (order: readonly number[]): RegExp => {
  const data = `\\{${order.map((k) => `"${NAMES[k] as string}":${value(k)}`).join(',')}\\}`
  return envelope(SUBJECT, TOPIC, data)
}
const FRAMES = ORDERS.map(frameOf)

const LOWER_D = 100
// The fixed text between values, from the character a reader stands on to the next value.
const TOPIC_AFTER_DATA = '},"subject":"trade.l3match","topic":"'.length
const DATA_AFTER_TOPIC = '","subject":"trade.l3match","data":'.length

/** Builds the trade tier: `undefined` for anything but a `/market/match` trade in one of KuCoin's layouts. Not reentrant. */
export const createMatchDecode = (): ((raw: string) => KucoinFrame | undefined) => {
  const r = new CheckedText()
  const texts = ['', '', '', '', '', '']
  let price = 0
  let size = 0

  /** `data` from `at` (its `{`) in `order`: the index of its `}`, or -1 when a decimal is not finite. */
  const data = (raw: string, at: number, order: readonly number[]): number => {
    let p = at + 1
    for (const k of order) {
      p += (NAMES[k] as string).length + 3
      if (k === PRICE || k === SIZE) {
        const n = r.decimal(raw, p + 1)
        if (n !== n) return -1
        if (k === PRICE) price = n
        else size = n
        p = r.pos + 1
      } else {
        const end = raw.indexOf('"', p + 1)
        if (k <= TIME) texts[k] = raw.slice(p + 1, end)
        p = end + 1
      }
      p++
    }
    return p - 1
  }

  return (raw) => {
    const layout = FRAMES.findIndex((frame) => frame.test(raw))
    if (layout < 0) return undefined
    const order = ORDERS[layout] as readonly number[]
    let topic: string
    if (raw.charCodeAt(2) === LOWER_D) {
      const end = data(raw, DATA_AT, order)
      if (end < 0) return undefined
      const topicAt = end + TOPIC_AFTER_DATA
      topic = raw.slice(topicAt, raw.indexOf('"', topicAt))
    } else {
      const topicEnd = raw.indexOf('"', TYPE_FIRST_TOPIC_AT)
      if (data(raw, topicEnd + DATA_AFTER_TOPIC, order) < 0) return undefined
      topic = raw.slice(TYPE_FIRST_TOPIC_AT, topicEnd)
    }
    const [symbol, tradeId, , , side, time] = texts as [string, string, string, string, 'buy' | 'sell', string]
    return { kind: 'match', frame: { type: 'message', topic, subject: 'trade.l3match', data: { symbol, tradeId, price, size, side, time } } }
  }
}
