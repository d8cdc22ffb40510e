import * as E from 'fp-ts/Either'
import { toIssues } from '../codec/decode'
import { Candle, FundingRate, MarkPrice, Quote, Ticker, Trade } from './market'

const pathsOf = (result: E.Either<Parameters<typeof toIssues>[0], unknown>): readonly string[] =>
  E.isLeft(result) ? toIssues(result.left).map((i) => i.path) : []

const base = { venue: 'okx', symbol: 'BTC/USDT', ts: 1646311839593, receivedAt: 1646311839601 }

// From okx/okx-v5-samples-2022-crypto-msg-parser.jsonl: BTC-USDT trade 314161276.
const trade: Trade = { kind: 'trade', ...base, id: '314161276', price: 43474.1, size: 0.00373695, side: 'buy' }
const quote: Quote = { kind: 'quote', ...base, bid: 43474, bidSize: 1.2, ask: 43474.1, askSize: 0.5 }
const ticker: Ticker = { kind: 'ticker', ...base, last: 43474.1, bid: 43474, ask: 43474.1, baseVolume24h: 9120.5 }
const candle: Candle = { kind: 'candle', ...base, interval: '1m', openTime: 1646311800000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, closed: false }
const funding: FundingRate = { kind: 'funding-rate', ...base, symbol: 'BTC/USDT:USDT', rate: 0.0001, fundingTime: 1646326800000 }
const mark: MarkPrice = { kind: 'mark-price', ...base, symbol: 'BTC/USDT:USDT', markPrice: 43470.2 }

describe('market codecs', () => {
  it.each([
    ['Trade', Trade, trade],
    ['Quote', Quote, quote],
    ['Ticker', Ticker, ticker],
    ['Ticker with only the event fields', Ticker, { kind: 'ticker', ...base }],
    ['Candle', Candle, candle],
    ['FundingRate', FundingRate, funding],
    ['MarkPrice', MarkPrice, mark],
    ['Trade with contract sizes', Trade, { ...trade, symbol: 'BTC/USDT:USDT', size: 8, sizeUnit: 'contracts' }],
    ['Quote with contract sizes', Quote, { ...quote, symbol: 'BTC/USDT:USDT', bidSize: 431, askSize: 12, sizeUnit: 'contracts' }],
    ['Ticker with contract sizes', Ticker, { ...ticker, symbol: 'BTC/USDT:USDT', bidSize: 431, sizeUnit: 'contracts' }],
  ] as const)('decode a valid %s', (_name, codec, value) => {
    expect(codec.decode(value)).toEqual(E.right(value))
  })

  it.each([
    ['a trade with a side other than buy or sell', Trade, { ...trade, side: 'bid' }, ['side']],
    ['a trade price sent as a string', Trade, { ...trade, price: '43474.1' }, ['price']],
    ['a trade without an id', Trade, { ...trade, id: undefined }, ['id']],
    ['a quote with a NaN bid', Quote, { ...quote, bid: NaN }, ['bid']],
    ['a ticker with an infinite last price', Ticker, { ...ticker, last: Infinity }, ['last']],
    ['a candle without the closed flag', Candle, { ...candle, closed: undefined }, ['closed']],
    ['a candle with an unknown price type', Candle, { ...candle, priceType: 'bid' }, ['priceType']],
    ['a funding rate of another kind', FundingRate, { ...funding, kind: 'funding' }, ['kind']],
    ['a mark price without a symbol', MarkPrice, { ...mark, symbol: 7 }, ['symbol']],
    ['a trade with a size unit other than contracts', Trade, { ...trade, sizeUnit: 'base' }, ['sizeUnit']],
    ['a quote with a size unit other than contracts', Quote, { ...quote, sizeUnit: 'lots' }, ['sizeUnit']],
  ] as const)('reject %s', (_name, codec, value, paths) => {
    expect(pathsOf(codec.decode(value))).toEqual(paths)
  })
})

// Compile-time: derived types are readonly (tsc fails if not).
export const readonlyChecks = (t: Trade, c: Candle): void => {
  // @ts-expect-error price is readonly
  t.price = 1
  // @ts-expect-error closed is readonly
  c.closed = true
}
