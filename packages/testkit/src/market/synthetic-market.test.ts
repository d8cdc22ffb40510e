import fc from 'fast-check'
import { SyntheticMarket } from './synthetic-market'
import type { SyntheticBook, SyntheticLevel, SyntheticMarketOptions } from './types'

const BTC = { symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.001 }
const ETH = { symbol: 'ETH/USDT', mid: 3_200, tickSize: 0.01, lotSize: 0.01 }
const options = (seed: number | string, extra: Partial<SyntheticMarketOptions> = {}): SyntheticMarketOptions => ({
  seed,
  instruments: [BTC, ETH],
  venues: [{ id: 'okx' }, { id: 'kucoin', offsetBps: 5 }],
  ...extra,
})

/** A session of calls; returns everything the market produced. */
const session = (market: SyntheticMarket, venue = 'okx', steps = 50): unknown[] => {
  const out: unknown[] = [market.book(venue, 'BTC/USDT')]
  for (let i = 0; i < steps; i++) {
    market.advance(100)
    out.push(market.bookUpdate(venue, 'BTC/USDT'), market.trades(venue, 'BTC/USDT'), market.mid('ETH/USDT'))
  }
  out.push(market.stats(venue, 'BTC/USDT'), market.candle(venue, 'BTC/USDT', 60_000))
  return out
}

const apply = (levels: Map<number, number>, changes: readonly SyntheticLevel[]): void => {
  for (const [price, size] of changes) {
    if (size === 0) levels.delete(price)
    else levels.set(price, size)
  }
}

const isSane = (book: SyntheticBook, depth: number): boolean => {
  const bids = book.bids.map(([p]) => p)
  const asks = book.asks.map(([p]) => p)
  const sizes = [...book.bids, ...book.asks].map(([, s]) => s)
  return (
    bids.every((p, i) => i === 0 || p < (bids[i - 1] ?? -Infinity)) &&
    asks.every((p, i) => i === 0 || p > (asks[i - 1] ?? Infinity)) &&
    (bids[0] ?? -Infinity) < (asks[0] ?? Infinity) &&
    sizes.every((s) => s > 0) &&
    [bids.length, asks.length].every((n) => n >= depth && n <= depth + Math.max(2, Math.floor(depth / 4)))
  )
}

describe('SyntheticMarket', () => {
  it('produces the same data for the same seed', () => {
    expect(session(new SyntheticMarket(options(42)))).toEqual(session(new SyntheticMarket(options(42))))
  })

  it('produces different data for a different seed', () => {
    expect(session(new SyntheticMarket(options(42)))).not.toEqual(session(new SyntheticMarket(options(43))))
  })

  it("never lets one venue's calls change another venue's data", () => {
    const alone = new SyntheticMarket(options('s'))
    const busy = new SyntheticMarket(options('s'))
    const expected = session(alone, 'okx')
    busy.book('kucoin', 'BTC/USDT')
    busy.bookUpdate('kucoin', 'BTC/USDT')
    busy.trades('kucoin', 'BTC/USDT', 10)
    expect(session(busy, 'okx')).toEqual(expected)
  })

  it('shares one mid across venues, each venue close to it', () => {
    const market = new SyntheticMarket(options(1, { venues: [{ id: 'a', dislocationChance: 0 }, { id: 'b', offsetBps: 10, dislocationChance: 0 }] }))
    for (let i = 0; i < 100; i++) {
      market.advance(1000)
      const mid = market.mid('BTC/USDT')
      expect(Math.abs(market.venueMid('a', 'BTC/USDT') / mid - 1)).toBeLessThan(0.002)
      expect(Math.abs(market.venueMid('b', 'BTC/USDT') / mid - 1 - 0.001)).toBeLessThan(0.002)
    }
  })

  it('dislocates a venue from the shared mid now and then', () => {
    const market = new SyntheticMarket(options(3, { venues: [{ id: 'x', noiseBps: 0, dislocationChance: 0.01, dislocationBps: 50 }] }))
    const deviationsBps: number[] = []
    for (let i = 0; i < 2000; i++) {
      market.advance(100)
      deviationsBps.push(Math.abs(market.venueMid('x', 'BTC/USDT') / market.mid('BTC/USDT') - 1) * 10_000)
    }
    expect(deviationsBps.filter((d) => d >= 20).length).toBeGreaterThan(0)
    expect(deviationsBps.filter((d) => d < 1).length).toBeGreaterThan(0)
  })

  it('keeps every book sorted, uncrossed, full and on the tick and lot grids', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, stepMs) => {
        const market = new SyntheticMarket(options(seed, { depth: 10 }))
        for (let i = 0; i < 100; i++) {
          market.advance(stepMs)
          market.bookUpdate('okx', 'ETH/USDT')
          const book = market.book('okx', 'ETH/USDT')
          if (!isSane(book, 10)) return false
          const grid = [...book.bids, ...book.asks].every(([p, s]) => Math.abs(Math.round(p / 0.01) * 0.01 - p) < 1e-9 && Math.abs(Math.round(s / 0.01) * 0.01 - s) < 1e-9)
          if (!grid) return false
        }
        return true
      }),
      { numRuns: 25 },
    )
  })

  it('emits updates that rebuild the book from the snapshot, with contiguous sequences', () => {
    const market = new SyntheticMarket(options(9))
    const snapshot = market.book('okx', 'BTC/USDT')
    const bids = new Map(snapshot.bids)
    const asks = new Map(snapshot.asks)
    let seq = snapshot.seq
    for (let i = 0; i < 300; i++) {
      market.advance(250)
      const update = market.bookUpdate('okx', 'BTC/USDT')
      expect([update.prevSeq, update.firstSeq, update.seq]).toEqual([seq, seq + 1, seq + update.bids.length + update.asks.length])
      seq = update.seq
      apply(bids, update.bids)
      apply(asks, update.asks)
    }
    const book = market.book('okx', 'BTC/USDT')
    expect([...bids].sort(([a], [b]) => b - a)).toEqual(book.bids)
    expect([...asks].sort(([a], [b]) => a - b)).toEqual(book.asks)
    expect(book.seq).toBe(seq)
  })

  it('changes levels mostly near the touch, with inserts and deletes', () => {
    const market = new SyntheticMarket(options(5))
    let near = 0
    let all = 0
    let deletes = 0
    for (let i = 0; i < 300; i++) {
      const before = market.book('okx', 'BTC/USDT')
      market.advance(100)
      const update = market.bookUpdate('okx', 'BTC/USDT')
      const nearBid = before.bids[4]?.[0] ?? 0
      const nearAsk = before.asks[4]?.[0] ?? Infinity
      near += update.bids.filter(([p]) => p >= nearBid).length + update.asks.filter(([p]) => p <= nearAsk).length
      all += update.bids.length + update.asks.length
      deletes += [...update.bids, ...update.asks].filter(([, s]) => s === 0).length
    }
    expect(near / all).toBeGreaterThan(0.5)
    expect(deletes).toBeGreaterThan(0)
  })

  it('prints trades at the touch and counts them in stats and candles', () => {
    const market = new SyntheticMarket(options(11))
    market.candle('okx', 'BTC/USDT', 60_000)
    let volume = 0
    for (let i = 0; i < 50; i++) {
      market.advance(100)
      market.bookUpdate('okx', 'BTC/USDT')
      const { bids, asks } = market.book('okx', 'BTC/USDT')
      for (const trade of market.trades('okx', 'BTC/USDT')) {
        expect(trade.price).toBe(trade.side === 'buy' ? asks[0]?.[0] : bids[0]?.[0])
        volume += trade.size
      }
    }
    const stats = market.stats('okx', 'BTC/USDT')
    const candle = market.candle('okx', 'BTC/USDT', 60_000)
    expect(stats.volume).toBeCloseTo(volume, 6)
    expect(candle.volume).toBeCloseTo(volume, 6)
    expect(stats.low).toBeLessThanOrEqual(stats.high)
    expect(stats.bid).toBeLessThan(stats.ask)
  })

  it('rolls candles at interval boundaries with consistent OHLC', () => {
    const market = new SyntheticMarket(options(2, { start: 1_767_225_600_000 }))
    const first = market.candle('okx', 'ETH/USDT', 1000)
    market.advance(2500)
    const later = market.candle('okx', 'ETH/USDT', 1000)
    expect(first.start).toBe(1_767_225_600_000)
    expect(later.start).toBe(1_767_225_602_000)
    for (const c of [first, later]) expect(c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close)).toBe(true)
  })

  it('rejects an unknown instrument', () => {
    expect(() => new SyntheticMarket(options(1)).book('okx', 'DOGE/USDT')).toThrow(/unknown instrument DOGE\/USDT/)
  })
})
