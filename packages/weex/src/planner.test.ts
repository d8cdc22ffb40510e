import * as E from 'fp-ts/Either'
import type { StreamRequest, VenueChannel } from '@tributary/core'
import { createChannelsFor, depthOf, subscribeFrame, unsubscribeFrame } from './planner'
import { weexSymbols } from './symbols'

const withKeys = createChannelsFor({ symbols: weexSymbols, hasCredentials: true })
const withoutKeys = createChannelsFor({ symbols: weexSymbols, hasCredentials: false })
const topics = (request: StreamRequest, channelsFor = withKeys): readonly string[] => {
  const r = channelsFor(request)
  if (E.isLeft(r)) throw r.left
  return r.right.map((c) => `${c.group} ${c.topic}`)
}
const failure = (request: StreamRequest, channelsFor = withKeys): string => {
  const r = channelsFor(request)
  if (E.isRight(r)) throw new Error(`served: ${JSON.stringify(r.right)}`)
  return r.left.message
}
const S = 'BTC/USDT:USDT'

describe('channelsFor', () => {
  it.each<[StreamRequest, string]>([
    [{ kind: 'ticker', symbol: S }, 'public BTCUSDT@ticker'],
    [{ kind: 'mark-price', symbol: S }, 'public BTCUSDT@ticker'],
    [{ kind: 'trades', symbol: S }, 'public BTCUSDT@trade'],
    [{ kind: 'book', symbol: S }, 'public BTCUSDT@depth15'],
    [{ kind: 'book', symbol: S, depth: 15 }, 'public BTCUSDT@depth15'],
    [{ kind: 'book', symbol: S, depth: 50 }, 'public BTCUSDT@depth200'],
    [{ kind: 'book', symbol: S, channel: 'depth200' }, 'public BTCUSDT@depth200'],
    [{ kind: 'candles', symbol: S, interval: '1m' }, 'public BTCUSDT@kline_1m_LAST_PRICE'],
    [{ kind: 'candles', symbol: S, interval: '4h', channel: 'mark' }, 'public BTCUSDT@kline_4h_MARK_PRICE'],
    [{ kind: 'orders' }, 'private orders'],
    [{ kind: 'orders', symbol: S }, 'private orders'],
    [{ kind: 'fills' }, 'private fill'],
    [{ kind: 'positions' }, 'private positions'],
    [{ kind: 'balances' }, 'private account'],
  ])('serves %j with %s', (request, expected) => {
    expect(topics(request)).toEqual([expected])
  })

  it('shares one channel key between ticker and mark price', () => {
    const key = (kind: 'ticker' | 'mark-price') => E.map((cs: readonly VenueChannel[]) => cs[0]?.key)(withKeys({ kind, symbol: S }))
    expect(key('mark-price')).toEqual(key('ticker'))
  })

  it.each<[StreamRequest, string]>([
    [{ kind: 'quote', symbol: S }, 'no quote stream'],
    [{ kind: 'funding-rate', symbol: S }, 'no funding-rate stream'],
    [{ kind: 'ticker', symbol: 'BTC/USDT' }, 'linear perpetuals only'],
    [{ kind: 'ticker' }, 'needs a symbol'],
    [{ kind: 'book', symbol: S, depth: 500 }, 'exceeds the deepest stream'],
    [{ kind: 'book', symbol: S, channel: 'depth5' }, 'unknown book channel'],
    [{ kind: 'candles', symbol: S, interval: '3m' }, 'unknown candle interval'],
    [{ kind: 'candles', symbol: S, interval: '1m', channel: 'index' }, 'unknown candle price type'],
  ])('refuses %j (%s)', (request, reason) => {
    expect(failure(request)).toContain(reason)
  })

  it('refuses private streams without credentials', () => {
    expect(failure({ kind: 'orders' }, withoutKeys)).toContain('needs credentials')
  })
})

describe('request frames', () => {
  const channels = (requests: readonly StreamRequest[]): readonly VenueChannel[] =>
    requests.flatMap((r) => E.getOrElseW(() => [] as readonly VenueChannel[])(withKeys(r)))

  it('puts many streams in one SUBSCRIBE with the request id', () => {
    const cs = channels([{ kind: 'ticker', symbol: S }, { kind: 'book', symbol: S }])
    expect(JSON.parse(subscribeFrame(cs, 12))).toEqual({ method: 'SUBSCRIBE', params: ['BTCUSDT@ticker', 'BTCUSDT@depth15'], id: 12 })
  })

  it('batches public channels per symbol and private channels together', () => {
    const cs = channels([{ kind: 'ticker', symbol: S }, { kind: 'trades', symbol: S }, { kind: 'ticker', symbol: 'ETH/USDT:USDT' }, { kind: 'orders' }, { kind: 'fills' }])
    expect(cs.map((c) => c.batch ?? c.group)).toEqual(['public:BTCUSDT', 'public:BTCUSDT', 'public:ETHUSDT', 'private', 'private'])
  })

  it('unsubscribes with the same stream names', () => {
    const cs = channels([{ kind: 'trades', symbol: S }])
    expect(JSON.parse(unsubscribeFrame(cs, 13))).toEqual({ method: 'UNSUBSCRIBE', params: ['BTCUSDT@trade'], id: 13 })
  })

  it('reads the kept depth from the channel topic', () => {
    expect(channels([{ kind: 'book', symbol: S, depth: 100 }]).map(depthOf)).toEqual([200])
  })
})
