import * as E from 'fp-ts/Either'
import type { StreamRequest, VenueChannel } from '@tributary/core'
import { createChannelsFor, subscribeFrame, unsubscribeFrame } from './planner'
import { createKucoinSymbols } from './symbols'

const symbols = createKucoinSymbols()
const channelsFor = createChannelsFor({ symbols, canFetchFullBook: true })
const topics = (request: StreamRequest) => E.map((cs: readonly VenueChannel[]) => cs.map((c) => [c.group, c.topic, c.batch]))(channelsFor(request))

describe('channelsFor', () => {
  it.each<[StreamRequest, (readonly [string, string, string | undefined])[]]>([
    [{ kind: 'quote', symbol: 'BTC/USDT' }, [['public', '/market/ticker:BTC-USDT', '/market/ticker']]],
    [{ kind: 'ticker', symbol: 'BTC/USDT' }, [['public', '/market/ticker:BTC-USDT', '/market/ticker'], ['public', '/market/snapshot:BTC-USDT', '/market/snapshot:BTC-USDT']]],
    [{ kind: 'ticker', symbol: 'BTC/USDT', channel: 'ticker' }, [['public', '/market/ticker:BTC-USDT', '/market/ticker']]],
    [{ kind: 'trades', symbol: 'BSV/USDT' }, [['public', '/market/match:BCHSV-USDT', '/market/match']]],
    [{ kind: 'candles', symbol: 'BTC/USDT', interval: '1h' }, [['public', '/market/candles:BTC-USDT_1hour', '/market/candles:BTC-USDT_1hour']]],
    [{ kind: 'candles', symbol: 'BTC/USDT' }, [['public', '/market/candles:BTC-USDT_1min', '/market/candles:BTC-USDT_1min']]],
    [{ kind: 'book', symbol: 'BTC/USDT' }, [['public', '/market/level2:BTC-USDT', '/market/level2']]],
    [{ kind: 'book', symbol: 'BTC/USDT', depth: 5 }, [['public', '/spotMarket/level2Depth5:BTC-USDT', '/spotMarket/level2Depth5']]],
    [{ kind: 'book', symbol: 'BTC/USDT', depth: 20 }, [['public', '/spotMarket/level2Depth50:BTC-USDT', '/spotMarket/level2Depth50']]],
    [{ kind: 'book', symbol: 'BTC/USDT', depth: 400 }, [['public', '/market/level2:BTC-USDT', '/market/level2']]],
    [{ kind: 'book', symbol: 'BTC/USDT', channel: 'level2Depth5', depth: 100 }, [['public', '/spotMarket/level2Depth5:BTC-USDT', '/spotMarket/level2Depth5']]],
    [{ kind: 'orders' }, [['private', '/spotMarket/tradeOrdersV2', '/spotMarket/tradeOrdersV2']]],
    [{ kind: 'fills', symbol: 'BTC/USDT' }, [['private', '/spotMarket/tradeOrdersV2', '/spotMarket/tradeOrdersV2']]],
    [{ kind: 'orders', channel: 'tradeOrders' }, [['private', '/spotMarket/tradeOrders', '/spotMarket/tradeOrders']]],
    [{ kind: 'balances' }, [['private', '/account/balance', '/account/balance']]],
  ])('serves %j with %j', (request, expected) => {
    expect(topics(request)).toEqual(E.right(expected))
  })

  it.each<StreamRequest>([
    { kind: 'funding-rate', symbol: 'BTC/USDT' },
    { kind: 'positions' },
    { kind: 'trades', symbol: 'BTC/USDT:USDT' },
    { kind: 'trades' },
    { kind: 'candles', symbol: 'BTC/USDT', interval: '7m' },
  ])('refuses %j as a configuration error', (request) => {
    const r = channelsFor(request)
    expect(E.isLeft(r) && r.left.kind).toBe('configuration')
  })

  it('refuses a full-depth book without credentials, saying why', () => {
    const r = createChannelsFor({ symbols, canFetchFullBook: false })({ kind: 'book', symbol: 'BTC/USDT' })
    expect(E.isLeft(r) && r.left.message).toMatch(/signed: pass credentials, or ask for depth ≤ 50/)
  })

  it('keys the quote and ticker BBO channel identically, so they share one subscription', () => {
    const a = channelsFor({ kind: 'quote', symbol: 'BTC/USDT' })
    const b = channelsFor({ kind: 'ticker', symbol: 'BTC/USDT' })
    expect(E.isRight(a) && E.isRight(b) && a.right[0]?.key === b.right[0]?.key).toBe(true)
  })
})

const channels = (request: StreamRequest, ...syms: string[]): VenueChannel[] =>
  syms.flatMap((symbol) => {
    const r = channelsFor({ ...request, symbol })
    return E.isRight(r) ? [...r.right] : []
  })

describe('subscribe frames', () => {
  it.each<[string, VenueChannel[], string]>([
    [
      'joins a batch of level2 symbols into one topic',
      channels({ kind: 'book' }, 'BTC/USDT', 'BSV/USDT'),
      '{"id":"7","type":"subscribe","topic":"/market/level2:BTC-USDT,BCHSV-USDT","privateChannel":false,"response":true}',
    ],
    [
      'sends an unbatchable candle topic alone',
      channels({ kind: 'candles', interval: '1m' }, 'BTC/USDT'),
      '{"id":"7","type":"subscribe","topic":"/market/candles:BTC-USDT_1min","privateChannel":false,"response":true}',
    ],
    [
      'marks private topics with privateChannel',
      [...(E.getOrElseW(() => [])(channelsFor({ kind: 'balances' })) as VenueChannel[])],
      '{"id":"7","type":"subscribe","topic":"/account/balance","privateChannel":true,"response":true}',
    ],
  ])('%s', (_name, cs, expected) => {
    expect(subscribeFrame(cs, 7)).toBe(expected)
  })

  it('builds the unsubscribe frame the same way', () => {
    expect(unsubscribeFrame(channels({ kind: 'trades' }, 'BTC/USDT', 'ETH/USDT'), 9)).toBe(
      '{"id":"9","type":"unsubscribe","topic":"/market/match:BTC-USDT,ETH-USDT","privateChannel":false,"response":true}',
    )
  })
})
