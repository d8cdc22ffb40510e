import * as t from 'io-ts'
import { FiniteNumber } from '../codec/number-from-string'
import { EventBase, Side, SizeUnit, struct } from './common'

/** 24h ticker. Sizes and volumes are in base units (contracts already converted, unless `sizeUnit` says otherwise). Missing fields were not sent. */
export const Ticker = struct(
  'Ticker',
  { kind: t.literal('ticker'), ...EventBase.props },
  {
    last: FiniteNumber,
    /** Size of the last trade. */
    lastSize: FiniteNumber,
    bid: FiniteNumber,
    bidSize: FiniteNumber,
    ask: FiniteNumber,
    askSize: FiniteNumber,
    open24h: FiniteNumber,
    high24h: FiniteNumber,
    low24h: FiniteNumber,
    /** Rolling 24h volume in base currency. */
    baseVolume24h: FiniteNumber,
    /** Rolling 24h volume in quote currency. */
    quoteVolume24h: FiniteNumber,
    /** Mark price, where the venue's ticker carries one (Weex contract). */
    markPrice: FiniteNumber,
    indexPrice: FiniteNumber,
    /**
     * `contracts`: `lastSize`, `bidSize` and `askSize` are venue contracts as sent, NOT base units, because the contract
     * value was unknown (no instrument metadata); prices and the volumes are right. Absent: base units.
     */
    sizeUnit: SizeUnit,
  },
)
export type Ticker = t.TypeOf<typeof Ticker>

/** Best bid and ask only (OKX `bbo-tbt`, KuCoin ticker BBO). */
export const Quote = struct(
  'Quote',
  { kind: t.literal('quote'), ...EventBase.props, bid: FiniteNumber, bidSize: FiniteNumber, ask: FiniteNumber, askSize: FiniteNumber },
  {
    /**
     * `contracts`: `bidSize` and `askSize` are venue contracts as sent, NOT base units, because the contract value was
     * unknown (no instrument metadata); prices are right. Absent: base units.
     */
    sizeUnit: SizeUnit,
  },
)
export type Quote = t.TypeOf<typeof Quote>

/** One venue trade. */
export const Trade = struct(
  'Trade',
  {
    kind: t.literal('trade'),
    ...EventBase.props,
    /** The venue's trade id, unique per venue and symbol. */
    id: t.string,
    price: FiniteNumber,
    /** Base units, unless `sizeUnit` says `contracts`. */
    size: FiniteNumber,
    /** Taker (aggressor) side, not the resting order's side. */
    side: Side,
  },
  {
    /**
     * `contracts`: `size` is venue contracts as sent, NOT base units, because the contract value was unknown (no
     * instrument metadata); the price is right. Absent: base units.
     */
    sizeUnit: SizeUnit,
  },
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
    openTime: FiniteNumber,
    open: FiniteNumber,
    high: FiniteNumber,
    low: FiniteNumber,
    close: FiniteNumber,
    /** Base units. */
    volume: FiniteNumber,
    /** Whether the candle is final. Venues without a flag mark it when a newer candle starts. */
    closed: t.boolean,
  },
  {
    quoteVolume: FiniteNumber,
    /** `last` (trade prices) or `mark` (mark-price candles). */
    priceType: t.keyof({ last: null, mark: null, index: null }),
  },
)
export type Candle = t.TypeOf<typeof Candle>

export const FundingRate = struct(
  'FundingRate',
  { kind: t.literal('funding-rate'), ...EventBase.props, rate: FiniteNumber },
  {
    /** Next funding time, epoch ms. */
    fundingTime: FiniteNumber,
    nextRate: FiniteNumber,
  },
)
export type FundingRate = t.TypeOf<typeof FundingRate>

export const MarkPrice = struct('MarkPrice', { kind: t.literal('mark-price'), ...EventBase.props, markPrice: FiniteNumber }, { indexPrice: FiniteNumber })
export type MarkPrice = t.TypeOf<typeof MarkPrice>
