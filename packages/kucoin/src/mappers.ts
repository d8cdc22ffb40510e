import type { BookLevel, BookSnapshot, BookUpdate, Candle, Quote, Ticker, Trade } from '@tributary/core'
import type { KucoinCandle, KucoinDepth, KucoinL2Update, KucoinMatch, KucoinSnapshot, KucoinTicker } from './codecs'
import type { KucoinScannedDepth, KucoinScannedTicker, KucoinScannedUpdate } from './scanned'
import { VENUE } from './rest'
import { fromKucoinInterval, nsStringToMs, toEpochMs } from './time'

/** What every mapper needs: venue id → unified symbol, and the receive time. */
export interface MapContext {
  readonly symbol: (venueSymbol: string) => string
  readonly receivedAt: number
}

/** The symbol part of a topic: `/market/ticker:BTC-USDT` → `BTC-USDT`. */
export const topicSymbol = (topic: string): string => topic.slice(topic.indexOf(':') + 1)

const level = ([price, size]: readonly [string, string, ...string[]]): BookLevel => [Number(price), Number(size), price, size]

/** `/market/ticker` → a Ticker (last trade + BBO, no 24 h stats) and a Quote. `ticker:all` names the symbol in `subject`. */
export const toTickerEvents = (frame: KucoinTicker, ctx: MapContext): readonly [Ticker, Quote] => {
  const d = frame.data
  const venueSymbol = frame.topic === '/market/ticker:all' ? frame.subject : topicSymbol(frame.topic)
  const base = { venue: VENUE, symbol: ctx.symbol(venueSymbol), ts: d.time, receivedAt: ctx.receivedAt }
  const bbo = { bid: d.bestBid, bidSize: d.bestBidSize, ask: d.bestAsk, askSize: d.bestAskSize }
  return [
    { kind: 'ticker', ...base, last: d.price, lastSize: d.size, ...bbo },
    { kind: 'quote', ...base, ...bbo },
  ]
}

const stats = (pairs: readonly (readonly [keyof Ticker, number | null | undefined])[]): Partial<Ticker> => {
  const out: Record<string, number> = {}
  for (const [key, value] of pairs) if (typeof value === 'number') out[key] = value
  return out
}

/** `/market/snapshot` → a Ticker with the 24 h statistics (fields the venue sent as null are left out). */
export const toSnapshotTicker = (frame: KucoinSnapshot, ctx: MapContext): Ticker => {
  const d = frame.data.data
  return {
    kind: 'ticker',
    venue: VENUE,
    symbol: ctx.symbol(d.symbol),
    ts: d.datetime,
    receivedAt: ctx.receivedAt,
    ...stats([
      ['last', d.lastTradedPrice],
      ['bid', d.buy],
      ['ask', d.sell],
      ['open24h', d.open],
      ['high24h', d.high],
      ['low24h', d.low],
      ['baseVolume24h', d.vol],
      ['quoteVolume24h', d.volValue],
    ]),
  }
}

/**
 * `/market/level2` → BookUpdate with `prevSeq = sequenceStart - 1` and `seq = sequenceEnd`. Rows whose price is `"0"`
 * only advance the sequence: they are left out of the levels (an update may so carry no level at all).
 */
export const toBookUpdate = (frame: KucoinL2Update, ctx: MapContext): BookUpdate => {
  const d = frame.data
  const rows = (side: KucoinL2Update['data']['changes']['bids']): BookLevel[] => side.filter(([price]) => Number(price) !== 0).map(level)
  return {
    kind: 'book-update',
    venue: VENUE,
    symbol: ctx.symbol(d.symbol),
    ts: d.time ?? ctx.receivedAt,
    receivedAt: ctx.receivedAt,
    bids: rows(d.changes.bids),
    asks: rows(d.changes.asks),
    prevSeq: d.sequenceStart - 1,
    seq: d.sequenceEnd,
  }
}

/** {@link toBookUpdate} for a frame the fast path read (levels already mapped): the same event. */
export const toScannedBookUpdate = (frame: KucoinScannedUpdate, symbol: string, receivedAt: number): BookUpdate => ({
  kind: 'book-update',
  venue: VENUE,
  symbol,
  ts: frame.time ?? receivedAt,
  receivedAt,
  bids: frame.bids,
  asks: frame.asks,
  prevSeq: frame.prevSeq,
  seq: frame.seq,
})

/** {@link toTickerEvents} for a frame the fast path read: the same two events. */
export const toScannedTickerEvents = (frame: KucoinScannedTicker, symbol: string, receivedAt: number): readonly [Ticker, Quote] => {
  const { time: ts, bestBid: bid, bestBidSize: bidSize, bestAsk: ask, bestAskSize: askSize } = frame
  return [
    { kind: 'ticker', venue: VENUE, symbol, ts, receivedAt, last: frame.price, lastSize: frame.size, bid, bidSize, ask, askSize },
    { kind: 'quote', venue: VENUE, symbol, ts, receivedAt, bid, bidSize, ask, askSize },
  ]
}

const depthOf = (topic: string): number => (topic.startsWith('/spotMarket/level2Depth50:') ? 50 : 5)

/** `/spotMarket/level2Depth5|50` → a BookSnapshot that replaces the book (no sequence). */
export const toDepthSnapshot = (frame: KucoinDepth, ctx: MapContext): BookSnapshot => ({
  kind: 'book-snapshot',
  venue: VENUE,
  symbol: ctx.symbol(topicSymbol(frame.topic)),
  ts: frame.data.timestamp,
  receivedAt: ctx.receivedAt,
  bids: frame.data.bids.map(level),
  asks: frame.data.asks.map(level),
  depth: depthOf(frame.topic),
})

/** {@link toDepthSnapshot} for a frame the fast path read (levels already mapped): the same event. */
export const toScannedDepthSnapshot = (frame: KucoinScannedDepth, symbol: string, receivedAt: number): BookSnapshot => ({
  kind: 'book-snapshot',
  venue: VENUE,
  symbol,
  ts: frame.timestamp,
  receivedAt,
  bids: frame.bids,
  asks: frame.asks,
  depth: depthOf(frame.topic),
})

/** `/market/match` → Trade (taker side, ns time cut to ms exactly). */
export const toTrade = (frame: KucoinMatch, ctx: MapContext): Trade => {
  const d = frame.data
  return {
    kind: 'trade',
    venue: VENUE,
    symbol: ctx.symbol(d.symbol),
    ts: nsStringToMs(d.time),
    receivedAt: ctx.receivedAt,
    id: d.tradeId,
    price: d.price,
    size: d.size,
    side: d.side,
  }
}

/**
 * `/market/candles:SYM_TYPE` → Candle, unpacking KuCoin's `[start, open, close, high, low, volume, turnover]`.
 * Always `closed: false`: KuCoin has no final flag; {@link createCandleCloser} emits the closed candle.
 */
export const toCandle = (frame: KucoinCandle, ctx: MapContext): Candle => {
  const { start, open, close, high, low, volume, turnover } = frame.data.candles
  const type = frame.topic.slice(frame.topic.lastIndexOf('_') + 1)
  return {
    kind: 'candle',
    venue: VENUE,
    symbol: ctx.symbol(frame.data.symbol),
    ts: toEpochMs(frame.data.time),
    receivedAt: ctx.receivedAt,
    interval: fromKucoinInterval(type),
    openTime: start * 1000,
    open,
    high,
    low,
    close,
    volume,
    quoteVolume: turnover,
    closed: false,
    priceType: 'last',
  }
}
