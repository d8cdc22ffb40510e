import * as E from 'fp-ts/Either'
import type { StreamRequest, VenueChannel } from '@tributary/core'
import { channelsFor, needsInstruments, subscribeFrame, unsubscribeFrame } from './planner'

const plan = channelsFor({ authenticated: true })
const anonymous = channelsFor({ authenticated: false })
const one = (request: StreamRequest) => E.map((cs: readonly VenueChannel[]) => cs.map((c) => [c.group, c.topic]))(plan(request))

describe('channelsFor', () => {
  it.each<[StreamRequest, string, string]>([
    [{ kind: 'ticker', symbol: 'BTC/USDT' }, 'public', 'tickers:BTC-USDT'],
    [{ kind: 'quote', symbol: 'BTC/USDT:USDT' }, 'public', 'bbo-tbt:BTC-USDT-SWAP'],
    [{ kind: 'trades', symbol: 'BTC/USDT' }, 'public', 'trades:BTC-USDT'],
    [{ kind: 'trades', symbol: 'BTC/USDT', channel: 'trades-all' }, 'business', 'trades-all:BTC-USDT'],
    [{ kind: 'candles', symbol: 'BTC/USDT', interval: '1m' }, 'business', 'candle1m:BTC-USDT'],
    [{ kind: 'candles', symbol: 'BTC/USDT', interval: '1h' }, 'business', 'candle1H:BTC-USDT'],
    [{ kind: 'candles', symbol: 'BTC/USDT', interval: '1M' }, 'business', 'candle1M:BTC-USDT'],
    [{ kind: 'book', symbol: 'BTC/USDT' }, 'public', 'books:BTC-USDT'],
    [{ kind: 'book', symbol: 'BTC/USDT', depth: 5 }, 'public', 'books5:BTC-USDT'],
    [{ kind: 'book', symbol: 'BTC/USDT', channel: 'books-l2-tbt' }, 'public-auth', 'books-l2-tbt:BTC-USDT'],
    [{ kind: 'book', symbol: 'BTC/USDT', channel: 'books50-l2-tbt' }, 'public-auth', 'books50-l2-tbt:BTC-USDT'],
    [{ kind: 'funding-rate', symbol: 'BTC/USD:BTC' }, 'public', 'funding-rate:BTC-USD-SWAP'],
    [{ kind: 'mark-price', symbol: 'BTC/USDT:USDT-250328' }, 'public', 'mark-price:BTC-USDT-250328'],
    [{ kind: 'orders' }, 'private', 'orders'],
    [{ kind: 'fills', symbol: 'BTC/USDT' }, 'private', 'orders'],
    [{ kind: 'positions' }, 'private', 'positions'],
    [{ kind: 'balances' }, 'private', 'account'],
  ])('serves %j on %s as %s', (request, group, topic) => {
    expect(one(request)).toEqual(E.right([[group, topic]]))
  })

  it.each<[StreamRequest, string]>([
    [{ kind: 'candles', symbol: 'BTC/USDT' }, 'interval'],
    [{ kind: 'book', symbol: 'BTC/USDT', channel: 'books999' }, 'unknown book channel'],
    [{ kind: 'funding-rate', symbol: 'BTC/USDT' }, 'perpetual swaps only'],
    [{ kind: 'ticker' }, 'needs a symbol'],
    [{ kind: 'ticker', symbol: 'BTC/USD:USDT' }, 'settle'],
  ])('refuses %j', (request, why) => {
    expect(plan(request)).toEqual(E.left(expect.objectContaining({ kind: 'configuration', message: expect.stringContaining(why) })))
  })

  it('refuses private streams without credentials', () => {
    expect(E.isLeft(anonymous({ kind: 'orders' }))).toBe(true)
  })

  it('refuses the l2-tbt books without credentials', () => {
    expect(E.isLeft(anonymous({ kind: 'book', symbol: 'BTC/USDT', channel: 'books-l2-tbt' }))).toBe(true)
  })

  it('shares one channel between orders and fills', () => {
    const key = (r: StreamRequest) => E.map((cs: readonly VenueChannel[]) => cs[0]?.key)(plan(r))
    expect(key({ kind: 'fills' })).toEqual(key({ kind: 'orders' }))
  })
})

describe('subscribe frames', () => {
  const channels = (requests: StreamRequest[]) => requests.flatMap((r) => E.getOrElseW(() => [])(plan(r)))

  it('puts many channels in one subscribe request with its id', () => {
    const frame = subscribeFrame(channels([{ kind: 'ticker', symbol: 'BTC/USDT' }, { kind: 'book', symbol: 'BTC/USDT:USDT' }]), 7)
    expect(JSON.parse(frame)).toEqual({
      id: '7',
      op: 'subscribe',
      args: [{ channel: 'tickers', instId: 'BTC-USDT' }, { channel: 'books', instId: 'BTC-USDT-SWAP' }],
    })
  })

  it('subscribes account channels for every instrument type', () => {
    expect(JSON.parse(subscribeFrame(channels([{ kind: 'orders' }, { kind: 'balances' }]), 1)).args).toEqual([
      { channel: 'orders', instType: 'ANY' },
      { channel: 'account' },
    ])
  })

  it('unsubscribes with the same args', () => {
    expect(JSON.parse(unsubscribeFrame(channels([{ kind: 'trades', symbol: 'ETH/USDT' }]), 2))).toEqual({ id: '2', op: 'unsubscribe', args: [{ channel: 'trades', instId: 'ETH-USDT' }] })
  })
})

describe('needsInstruments', () => {
  const need = (r: StreamRequest) => E.map((cs: readonly VenueChannel[]) => cs.map(needsInstruments))(plan(r))

  it.each<[StreamRequest, boolean]>([
    [{ kind: 'book', symbol: 'BTC/USDT:USDT' }, true],
    [{ kind: 'trades', symbol: 'BTC/USD:BTC-210924-66000-C' }, true],
    [{ kind: 'book', symbol: 'BTC/USDT' }, false],
    [{ kind: 'candles', symbol: 'BTC/USDT:USDT', interval: '1m' }, false],
    [{ kind: 'orders' }, true],
    [{ kind: 'balances' }, false],
  ])('is needed for %j: %s', (request, needed) => {
    expect(need(request)).toEqual(E.right([needed]))
  })
})
