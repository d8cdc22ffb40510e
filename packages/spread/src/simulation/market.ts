import { SyntheticMarket } from '@tributary/testkit'

/**
 * The demo's coherent market: BTC and ETH spot and perpetuals, three venues with their own offsets, noise and
 * dislocations. Every venue quotes the same walk of one instrument; spot and perpetual walk apart slowly, as a basis.
 */
export const demoMarket = (seed: number, now: () => number = Date.now): SyntheticMarket =>
  new SyntheticMarket({
    seed,
    now,
    instruments: [
      { symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001, typicalSize: 0.5, volatility: 0.0001 },
      { symbol: 'BTC/USDT:USDT', mid: 65_010, tickSize: 0.1, lotSize: 0.0001, typicalSize: 0.8, volatility: 0.0001 },
      { symbol: 'ETH/USDT', mid: 3_200, tickSize: 0.01, lotSize: 0.001, typicalSize: 8, volatility: 0.00015 },
      { symbol: 'ETH/USDT:USDT', mid: 3_200.5, tickSize: 0.01, lotSize: 0.001, typicalSize: 12, volatility: 0.00015 },
    ],
    venues: [
      { id: 'okx', noiseBps: 1.5, dislocationChance: 0.002, dislocationBps: 20 },
      { id: 'kucoin', offsetBps: 2, noiseBps: 2, dislocationChance: 0.003, dislocationBps: 30 },
      { id: 'weex', offsetBps: -3, noiseBps: 2.5, dislocationChance: 0.003, dislocationBps: 35 },
    ],
  })

/** A small seeded generator (mulberry32): the fault schedule is the same for the same seed. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
