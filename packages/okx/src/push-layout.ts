import { CheckedText } from '@tributary/core'
import type * as t from 'io-ts'
import type { OkxFrame, OkxTickersPush, OkxTradesPush } from './codecs'
import { DECIMAL, INTEGER, INT_STRING, OPTIONAL_DECIMAL, TEXT } from './layout-text'

// The layout tier for `trades` / `trades-all` and `tickers` pushes, as `book-layout.ts` is for books: one regular
// expression checks the frame in OKX's compact layout (members in OKX's order, no whitespace, every value in the form
// its codec accepts), then the frame is read trusting that layout. Members the codecs do not name are accepted only
// where OKX sends them (`instType`, `sodUtc0`, `sodUtc8` in tickers; `count`, `source`, `seqId` after a trade), so none
// can repeat a named member. Any other text is `undefined` here and goes the full way (JSON.parse + io-ts).

type Trade = t.TypeOf<typeof OkxTradesPush>['data'][number]
type Ticker = t.TypeOf<typeof OkxTickersPush>['data'][number]

const argPattern = (channels: string): string => `\\{"arg":\\{"channel":"(?:${channels})","instId":"${TEXT}"\\},"data":\\[`
const TRADE = `\\{"instId":"${TEXT}","tradeId":"${TEXT}","px":${DECIMAL},"sz":${DECIMAL},"side":"(?:buy|sell)","ts":${INT_STRING}(?:,"(?:count|source)":"\\d*"|,"seqId":${INTEGER})*\\}`
const TICKER_DECIMALS = ['last', 'lastSz', 'askPx', 'askSz', 'bidPx', 'bidSz', 'open24h', 'high24h', 'low24h'] as const
const TICKER = `\\{(?:"instType":"${TEXT}",)?"instId":"${TEXT}",${TICKER_DECIMALS.map((k) => `"${k}":${OPTIONAL_DECIMAL},`).join('')}(?:"sodUtc0":"${TEXT}","sodUtc8":"${TEXT}",)?"volCcy24h":${OPTIONAL_DECIMAL},"vol24h":${OPTIONAL_DECIMAL},"ts":${INT_STRING}\\}`
const items = (item: string): string => `(?:${item}(?:,${item})*)?`
const TRADES_FRAME = new RegExp(`^${argPattern('trades|trades-all')}${items(TRADE)}\\]\\}$`)
const TICKERS_FRAME = new RegExp(`^${argPattern('tickers')}${items(TICKER)}\\]\\}$`)

const QUOTE = 34
const COMMA = 44
const CLOSE_OBJECT = 125
/** Where the channel name starts: after `{"arg":{"channel":"`. */
const CHANNEL_AT = 19

const read = new CheckedText()

/** The `OPTIONAL_DECIMAL` whose opening quote is at `at`: `undefined` for `""`. `read.pos` is left at its closing quote. */
const optionalDecimal = (raw: string, at: number): number | undefined => {
  if (raw.charCodeAt(at + 1) !== QUOTE) return read.decimal(raw, at + 1)
  read.pos = at + 1
  return undefined
}

/** A trade from `at` (`{`), or `undefined` when a number is not finite; `read.pos` is left at its `}`. */
const tradeAt = (raw: string, at: number): Trade | undefined => {
  // {"instId":"…","tradeId":"…","px":"…","sz":"…","side":"buy|sell","ts":"…"
  const instId = read.text(raw, at + 11)
  const tradeId = read.text(raw, read.pos + 13)
  const px = read.decimal(raw, read.pos + 8)
  const sz = read.decimal(raw, read.pos + 8)
  const side = raw.charCodeAt(read.pos + 10) === 98 ? 'buy' : 'sell'
  const ts = read.number(raw, read.pos + (side === 'buy' ? 21 : 22))
  if (px !== px || sz !== sz) return undefined
  let p = read.pos + 1
  if (raw.charCodeAt(p) !== CLOSE_OBJECT) p = raw.indexOf('}', p)
  read.pos = p
  return { instId, tradeId, px, sz, side, ts }
}

/** A ticker from `at` (`{`), or `undefined` when a number is not finite; `read.pos` is left at its `}`. */
const tickerAt = (raw: string, at: number): Ticker | undefined => {
  // {"instType":"…", (optional) then "instId":"…"
  let p = raw.charCodeAt(at + 6) === 84 ? raw.indexOf('"', at + 13) + 2 : at + 1
  const instId = read.text(raw, p + 10)
  // `","last":"`: each value's opening quote is its key's length + 5 past the previous value's closing quote.
  const last = optionalDecimal(raw, read.pos + 9)
  const lastSz = optionalDecimal(raw, read.pos + 11)
  const askPx = optionalDecimal(raw, read.pos + 10)
  const askSz = optionalDecimal(raw, read.pos + 10)
  const bidPx = optionalDecimal(raw, read.pos + 10)
  const bidSz = optionalDecimal(raw, read.pos + 10)
  const open24h = optionalDecimal(raw, read.pos + 12)
  const high24h = optionalDecimal(raw, read.pos + 12)
  const low24h = optionalDecimal(raw, read.pos + 11)
  p = read.pos
  // ,"sodUtc0":"…","sodUtc8":"…" (optional)
  if (raw.charCodeAt(p + 3) === 115) p = raw.indexOf('"', raw.indexOf('"', p + 13) + 13)
  const volCcy24h = optionalDecimal(raw, p + 14)
  const vol24h = optionalDecimal(raw, read.pos + 11)
  const ts = read.number(raw, read.pos + 8)
  read.pos++
  const values = [last, lastSz, askPx, askSz, bidPx, bidSz, open24h, high24h, low24h, volCcy24h, vol24h]
  if (values.some((v) => v !== v)) return undefined
  return { instId, last, lastSz, askPx, askSz, bidPx, bidSz, open24h, high24h, low24h, volCcy24h, vol24h, ts }
}

/** The items of `data` from `at` (after `[`), each read by `itemAt`; `undefined` when one does not read. */
const itemsAt = <A>(raw: string, at: number, itemAt: (raw: string, at: number) => A | undefined): A[] | undefined => {
  const out: A[] = []
  if (raw.charCodeAt(at) !== 123) return out
  let p = at
  for (;;) {
    const item = itemAt(raw, p)
    if (item === undefined) return undefined
    out.push(item)
    if (raw.charCodeAt(read.pos + 1) !== COMMA) return out
    p = read.pos + 2
  }
}

/**
 * The layout tier of `decodeOkx` for `trades`, `trades-all` and `tickers` pushes: exactly the frame their codecs
 * decode (the members they name), or `undefined` for any other text.
 */
export const readPushLayout = (raw: string): OkxFrame | undefined => {
  const c = raw.charCodeAt(CHANNEL_AT + 1)
  // `trades…` or `tickers`
  if (raw.charCodeAt(CHANNEL_AT) !== 116) return undefined
  const tickers = c === 105
  if (!(tickers ? TICKERS_FRAME : TRADES_FRAME).test(raw)) return undefined
  const channelEnd = raw.indexOf('"', CHANNEL_AT)
  const channel = tickers ? 'tickers' : channelEnd - CHANNEL_AT === 6 ? 'trades' : 'trades-all'
  const instId = read.text(raw, channelEnd + 12)
  // `"},"data":[`
  const at = read.pos + 11
  const arg = { channel, instId }
  if (tickers) {
    const data = itemsAt(raw, at, tickerAt)
    return data === undefined ? undefined : { type: 'tickers', frame: { arg, data } }
  }
  const data = itemsAt(raw, at, tradeAt)
  return data === undefined ? undefined : { type: 'trades', frame: { arg, data } }
}
