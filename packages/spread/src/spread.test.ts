import { feeTable } from './fees'
import type { MarketView } from './health'
import { computeSpread, floorTo, lotInBase } from './spread'
import { instrument } from './__tests__/fixtures'

const view = (venue: string, symbol: string, bid: readonly [number, number] | undefined, ask: readonly [number, number] | undefined, fields: Partial<MarketView> = {}): MarketView => ({
  venue,
  symbol,
  bid: bid && { price: bid[0], size: bid[1] },
  ask: ask && { price: ask[0], size: ask[1] },
  ageMs: 40,
  book: 'live',
  bookReason: undefined,
  connection: 'open',
  failure: undefined,
  flags: [],
  ...fields,
})

const okx = view('okx', 'BTC/USDT:USDT', [99.5, 4], [100, 2])
const kucoin = view('kucoin', 'BTC/USDT', [101, 1.5], [101.5, 3])

describe('computeSpread', () => {
  it('computes the gross edge of buying the ask on one venue and selling the bid on the other', () => {
    const s = computeSpread('BTC/USDT', okx, kucoin)
    expect(s).toMatchObject({ usable: true, grossBps: 100, netBps: 100, size: 1.5, notional: 150 })
  })

  it('takes each venue its own taker fee for the net edge', () => {
    const s = computeSpread('BTC/USDT', okx, kucoin, { fees: feeTable({ okx: 5, kucoin: 10 }) })
    // (101 × 0.999 − 100 × 1.0005) / 100 = 0.00849
    expect(s.usable && s.netBps).toBeCloseTo(84.9, 9)
  })

  it('reports both legs with price, size at the touch, fee, age and states', () => {
    const s = computeSpread('BTC/USDT', okx, kucoin, { fees: feeTable({ okx: 5, kucoin: 10 }) })
    expect([s.buy, s.sell]).toEqual([
      { venue: 'okx', symbol: 'BTC/USDT:USDT', side: 'buy', price: 100, size: 2, feeBps: 5, ageMs: 40, book: 'live', connection: 'open', flags: [] },
      { venue: 'kucoin', symbol: 'BTC/USDT', side: 'sell', price: 101, size: 1.5, feeBps: 10, ageMs: 40, book: 'live', connection: 'open', flags: [] },
    ])
  })

  it('gives a negative edge in the unprofitable direction', () => {
    const s = computeSpread('BTC/USDT', kucoin, okx)
    // buy at 101.5, sell at 99.5
    expect(s.usable && s.grossBps).toBeCloseTo((-2 / 101.5) * 10_000, 9)
  })

  it('excludes a spread with a flagged leg and computes no edge for it', () => {
    const stale = view('kucoin', 'BTC/USDT', [101, 1.5], [101.5, 3], { flags: ['quote-stale'], ageMs: 9_000 })
    const s = computeSpread('BTC/USDT', okx, stale)
    expect(s).toEqual(expect.objectContaining({ usable: false, sell: expect.objectContaining({ flags: ['quote-stale'], ageMs: 9_000 }) }))
    expect(s).not.toHaveProperty('netBps')
  })

  it('flags a leg without the side it needs', () => {
    const bidOnly = view('okx', 'BTC/USDT:USDT', [99.5, 4], undefined)
    expect(computeSpread('BTC/USDT', bidOnly, kucoin).buy.flags).toEqual(['no-quote'])
  })

  it('rounds the executable size down to whole contracts of the derivative leg', () => {
    const instruments = [
      instrument('okx', 'BTC/USDT:USDT', { kind: 'swap', lotSize: 1, contractValue: 0.01, settle: 'USDT' }),
      instrument('kucoin', 'BTC/USDT', { kind: 'spot', lotSize: 0.00001 }),
    ]
    const lookup = (venue: string, symbol: string) => instruments.find((i) => i.venue === venue && i.symbol === symbol)
    const s = computeSpread('BTC/USDT', okx, view('kucoin', 'BTC/USDT', [101, 0.03789], [101.5, 3]), { instrument: lookup })
    expect(s.usable && [s.size, s.orderSizes]).toEqual([0.03, { buy: 3, sell: 0.03 }])
  })
})

describe('computeSpread with a contract-sized leg', () => {
  const contractOkx = view('okx', 'BTC/USDT:USDT', [99.5, 0], [100, 0], { sizeFlags: ['size-unit-contracts'] })

  it('computes the edge from the prices and reports no executable size, flagged', () => {
    const s = computeSpread('BTC/USDT', contractOkx, kucoin)
    expect(s).toEqual({
      kind: 'spread',
      instrument: 'BTC/USDT',
      buy: { venue: 'okx', symbol: 'BTC/USDT:USDT', side: 'buy', price: 100, size: undefined, feeBps: 0, ageMs: 40, book: 'live', connection: 'open', flags: [], sizeFlags: ['size-unit-contracts'] },
      sell: { venue: 'kucoin', symbol: 'BTC/USDT', side: 'sell', price: 101, size: 1.5, feeBps: 0, ageMs: 40, book: 'live', connection: 'open', flags: [] },
      usable: true,
      grossBps: 100,
      netBps: 100,
      size: 0,
      notional: 0,
      sizeFlags: ['size-unit-contracts'],
    })
  })

  it('takes fees into the net edge as usual', () => {
    const s = computeSpread('BTC/USDT', kucoin, contractOkx, { fees: feeTable({ okx: 5, kucoin: 10 }) })
    // buy kucoin at 101.5, sell okx at 99.5: gross −2 / 101.5, net (99.5 × 0.9995 − 101.5 × 1.001) / 101.5 = −2.15125 / 101.5
    expect(s.usable && [s.size, s.notional, s.sizeFlags]).toEqual([0, 0, ['size-unit-contracts']])
    expect(s.usable && s.grossBps).toBeCloseTo(-197.044334975369, 9)
    expect(s.usable && s.netBps).toBeCloseTo(-211.945812807882, 9)
  })

  it('gives no contract counts even when instruments are known', () => {
    const lookup = () => instrument('okx', 'BTC/USDT:USDT', { kind: 'swap', lotSize: 1, contractValue: 0.01 })
    expect(computeSpread('BTC/USDT', contractOkx, kucoin, { instrument: lookup })).not.toHaveProperty('orderSizes')
  })

  it('still excludes a contract-sized leg that is flagged', () => {
    const s = computeSpread('BTC/USDT', { ...contractOkx, flags: ['quote-stale'] }, kucoin)
    expect([s.usable, s.buy.flags, s.buy.sizeFlags]).toEqual([false, ['quote-stale'], ['size-unit-contracts']])
  })
})

describe('lotInBase', () => {
  it('multiplies a contract lot by the contract value and multiplier', () => {
    expect(lotInBase(instrument('okx', 'BTC/USD:BTC-250328', { kind: 'future', lotSize: 1, contractValue: 0.1, contractMultiplier: 3 }))).toBe(0.3)
  })

  it('takes a spot lot as it is', () => {
    expect(lotInBase(instrument('kucoin', 'BTC/USDT', { lotSize: 0.0001 }))).toBe(0.0001)
  })
})

describe('floorTo', () => {
  it.each([
    [0.3, 0.1, 0.3],
    [0.07, 0.01, 0.07],
    [1.23456, 0.001, 1.234],
    [0.009, 0.01, 0],
  ])('rounds %d down to a multiple of %d without binary noise', (size, step, expected) => {
    expect(floorTo(size, step)).toBe(expected)
  })
})
