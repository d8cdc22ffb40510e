import * as t from 'io-ts'
import { EventBase, Side, struct } from './common'

/** 24h ticker. Sizes and volumes are in base units (contracts already converted). Missing fields were not sent. */
export const Ticker = struct(
  'Ticker',
  { kind: t.literal('ticker'), ...EventBase.props },
  {
    last: t.number,
    /** Size of the last trade. */
    lastSize: t.number,
    bid: t.number,
    bidSize: t.number,
    ask: t.number,
    askSize: t.number,
    open24h: t.number,
    high24h: t.number,
    low24h: t.number,
    /** Rolling 24h volume in base currency. */
    baseVolume24h: t.number,
    /** Rolling 24h volume in quote currency. */
    quoteVolume24h: t.number,
    /** Mark price, where the venue's ticker carries one (Weex contract). */
    markPrice: t.number,
    indexPrice: t.number,
  },
)
export type Ticker = t.TypeOf<typeof Ticker>

/** Best bid and ask only (OKX `bbo-tbt`, KuCoin ticker BBO). */
export const Quote = t.readonly(
  t.type({
    kind: t.literal('quote'),
    ...EventBase.props,
    bid: t.number,
    bidSize: t.number,
    ask: t.number,
    askSize: t.number,
  }),
  'Quote',
)
export type Quote = t.TypeOf<typeof Quote>

/** One venue trade. */
export const Trade = t.readonly(
  t.type({
    kind: t.literal('trade'),
    ...EventBase.props,
    /** The venue's trade id, unique per venue and symbol. */
    id: t.string,
    price: t.number,
    /** Base units. */
    size: t.number,
    /** Taker (aggressor) side, not the resting order's side. */
    side: Side,
  }),
  'Trade',
)
export type Trade = t.TypeOf<typeof Trade>

/** An OHLCV candle. Venues re-send the forming candle on every change; `closed` marks the final push. */
export const Candle = struct(
  'Candle',
  {
    kind: t.literal('candle'),
    ...EventBase.props,
    /** `1m`, `5m`, `1h`, `1d`, … (minutes lower-case `m`, months upper-case `M`). */
    interval: t.string,
    /** Candle open time, epoch ms. */
    openTime: t.number,
    open: t.number,
    high: t.number,
    low: t.number,
    close: t.number,
    /** Base units. */
    volume: t.number,
    /** Whether the candle is final. Venues without a flag mark it when a newer candle starts. */
    closed: t.boolean,
  },
  {
    quoteVolume: t.number,
    /** `last` (trade prices) or `mark` (mark-price candles). */
    priceType: t.keyof({ last: null, mark: null, index: null }),
  },
)
export type Candle = t.TypeOf<typeof Candle>

export const FundingRate = struct(
  'FundingRate',
  { kind: t.literal('funding-rate'), ...EventBase.props, rate: t.number },
  {
    /** Next funding time, epoch ms. */
    fundingTime: t.number,
    nextRate: t.number,
  },
)
export type FundingRate = t.TypeOf<typeof FundingRate>

export const MarkPrice = struct('MarkPrice', { kind: t.literal('mark-price'), ...EventBase.props, markPrice: t.number }, { indexPrice: t.number })
export type MarkPrice = t.TypeOf<typeof MarkPrice>
