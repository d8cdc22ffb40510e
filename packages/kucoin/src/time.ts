/** Nanoseconds sent as a digit string (may exceed 2^53) → epoch ms, exactly. */
export const nsStringToMs = (ns: string): number => (ns.length <= 6 ? 0 : Number(ns.slice(0, -6)))

/**
 * A KuCoin epoch time in s, ms, µs or ns (the same field changed unit across API versions: `orderTime`) → epoch ms.
 * Judged by magnitude: times after 2001 in ms are ≥ 1e12, in µs ≥ 1e15, in ns ≥ 1e18.
 */
export const toEpochMs = (value: number): number => {
  if (value >= 1e17) return Math.floor(value / 1e6)
  if (value >= 1e14) return Math.floor(value / 1e3)
  if (value >= 1e11) return Math.floor(value)
  return Math.floor(value * 1000)
}

/** Unified candle interval → KuCoin candle type. */
export const KUCOIN_INTERVALS: Readonly<Record<string, string>> = {
  '1m': '1min',
  '3m': '3min',
  '5m': '5min',
  '15m': '15min',
  '30m': '30min',
  '1h': '1hour',
  '2h': '2hour',
  '4h': '4hour',
  '6h': '6hour',
  '8h': '8hour',
  '12h': '12hour',
  '1d': '1day',
  '1w': '1week',
  '1M': '1month',
}

const FROM_KUCOIN = new Map(Object.entries(KUCOIN_INTERVALS).map(([unified, venue]) => [venue, unified]))

/** KuCoin candle type → unified interval (`1hour` → `1h`); unknown types pass through. */
export const fromKucoinInterval = (type: string): string => FROM_KUCOIN.get(type) ?? type

