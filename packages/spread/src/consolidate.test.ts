import type { MarketView } from './health'
import { consolidateTop, mergeBooks } from './consolidate'
import { book } from './__tests__/fixtures'

const view = (venue: string, bid: readonly [number, number], ask: readonly [number, number], flags: MarketView['flags'] = []): MarketView => ({
  venue,
  symbol: 'BTC/USDT',
  bid: { price: bid[0], size: bid[1] },
  ask: { price: ask[0], size: ask[1] },
  ageMs: 10,
  book: 'live',
  bookReason: undefined,
  connection: 'open',
  failure: undefined,
  flags,
})

describe('consolidateTop', () => {
  it('picks the best bid and best ask across venues with their venue of origin', () => {
    const top = consolidateTop('BTC/USDT', [view('okx', [100, 1], [102, 1]), view('kucoin', [101, 2], [103, 1]), view('weex', [99, 5], [101.5, 4])])
    expect([top.bestBid, top.bestAsk]).toEqual([
      { venue: 'kucoin', symbol: 'BTC/USDT', price: 101, size: 2, ageMs: 10 },
      { venue: 'weex', symbol: 'BTC/USDT', price: 101.5, size: 4, ageMs: 10 },
    ])
  })

  it('orders equal prices by size, then venue name', () => {
    const top = consolidateTop('BTC/USDT', [view('weex', [100, 1], [102, 1]), view('okx', [100, 1], [102, 1]), view('kucoin', [100, 3], [102, 1])])
    expect(top.bids.map((b) => b.venue)).toEqual(['kucoin', 'okx', 'weex'])
  })

  it('marks a crossed consolidated book', () => {
    expect(consolidateTop('BTC/USDT', [view('okx', [100, 1], [100.5, 1]), view('kucoin', [101, 1], [101.5, 1])]).crossed).toBe(true)
  })

  it('merges a contract-sized market by price, with size 0 and its size flag', () => {
    const contracts: MarketView = { ...view('okx', [101, 0], [102, 0]), sizeFlags: ['size-unit-contracts'] }
    const top = consolidateTop('BTC/USDT', [contracts, view('kucoin', [100, 2], [103, 1])])
    expect([top.bestBid, top.excluded]).toEqual([{ venue: 'okx', symbol: 'BTC/USDT', price: 101, size: 0, ageMs: 10, sizeFlags: ['size-unit-contracts'] }, []])
  })

  it('leaves flagged markets out and lists them', () => {
    const top = consolidateTop('BTC/USDT', [view('okx', [100, 1], [102, 1]), view('kucoin', [150, 1], [151, 1], ['book-not-live'])])
    expect([top.bestBid?.venue, top.excluded]).toEqual(['okx', [{ venue: 'kucoin', symbol: 'BTC/USDT', flags: ['book-not-live'] }]])
  })
})

describe('mergeBooks', () => {
  it('interleaves the top levels of each book, best first, keeping each level venue', () => {
    const merged = mergeBooks([book('okx', 'BTC/USDT', [[100, 1], [99, 2], [98, 9]], [[101, 1], [102, 2]]), book('kucoin', 'BTC/USDT', [[99.5, 3]], [[100.5, 1]])], 2)
    expect(merged.bids.map((l) => [l.price, l.venue])).toEqual([[100, 'okx'], [99.5, 'kucoin'], [99, 'okx']])
    expect(merged.asks.map((l) => [l.price, l.venue])).toEqual([[100.5, 'kucoin'], [101, 'okx'], [102, 'okx']])
  })

  it('gives a contract-sized book its prices with size 0 and a size flag, never contract counts', () => {
    const merged = mergeBooks([{ ...book('okx', 'BTC/USDT:USDT', [[100, 431]], [[101, 12]]), sizeUnit: 'contracts' }, book('kucoin', 'BTC/USDT', [[99.5, 3]], [[100.5, 1]])], 1)
    expect(merged.bids).toEqual([
      { price: 100, size: 0, venue: 'okx', symbol: 'BTC/USDT:USDT', sizeFlags: ['size-unit-contracts'] },
      { price: 99.5, size: 3, venue: 'kucoin', symbol: 'BTC/USDT' },
    ])
  })

  it('leaves out a book that is not live', () => {
    const merged = mergeBooks([book('okx', 'BTC/USDT', [[100, 1]], [[101, 1]], { status: 'stale' })], 5)
    expect(merged).toEqual({ bids: [], asks: [], excluded: [{ venue: 'okx', symbol: 'BTC/USDT' }] })
  })
})
