import type { FeedEvent } from '../model/events'
import { matcher, policyFor } from './request-match'

const base = { venue: 'v', ts: 1, receivedAt: 2 }
const order = (symbol: string): FeedEvent => ({ ...base, kind: 'order', symbol, id: '1', side: 'buy', type: 'limit', status: 'open', size: 1, filledSize: 0 })
const fill = (symbol: string): FeedEvent => ({ ...base, kind: 'fill', symbol, id: '1', orderId: '1', side: 'buy', price: 1, size: 1 })

describe('matcher', () => {
  it('keeps only the requested kind from a channel that carries several', () => {
    const isOrder = matcher({ kind: 'orders' })
    expect([order('A/B'), fill('A/B')].filter(isOrder)).toEqual([order('A/B')])
  })

  it('narrows an account-wide channel to the requested symbol', () => {
    const forAB = matcher({ kind: 'orders', symbol: 'A/B' })
    expect([order('A/B'), order('C/D')].filter(forAB)).toEqual([order('A/B')])
  })

  it('keeps book snapshots and updates for a raw book request', () => {
    const isBook = matcher({ kind: 'book', symbol: 'A/B' })
    const snap: FeedEvent = { ...base, kind: 'book-snapshot', symbol: 'A/B', bids: [], asks: [] }
    const upd: FeedEvent = { ...base, kind: 'book-update', symbol: 'A/B', bids: [], asks: [] }
    expect([snap, upd, order('A/B')].filter(isBook)).toEqual([snap, upd])
  })

  it('matches candles on their interval', () => {
    const candle = (interval: string): FeedEvent => ({ ...base, kind: 'candle', symbol: 'A/B', interval, openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 0, closed: false })
    expect([candle('1m'), candle('5m')].filter(matcher({ kind: 'candles', symbol: 'A/B', interval: '5m' }))).toEqual([candle('5m')])
  })
})

describe('policyFor', () => {
  it.each([
    ['ticker', 'conflate'],
    ['quote', 'conflate'],
    ['mark-price', 'conflate'],
    ['funding-rate', 'conflate'],
    ['trades', 'buffer'],
    ['orders', 'buffer'],
    ['fills', 'buffer'],
    ['positions', 'buffer'],
    ['balances', 'buffer'],
    ['book', 'buffer'],
  ] as const)('%s is %s', (kind, policy) => {
    expect(policyFor(kind)).toBe(policy)
  })
})
