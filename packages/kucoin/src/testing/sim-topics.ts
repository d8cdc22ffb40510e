/** KuCoin candle type → length in ms. */
const CANDLE_MS: Readonly<Record<string, number>> = {
  '1min': 60_000, '3min': 180_000, '5min': 300_000, '15min': 900_000, '30min': 1_800_000,
  '1hour': 3_600_000, '2hour': 7_200_000, '4hour': 14_400_000, '6hour': 21_600_000, '8hour': 28_800_000,
  '12hour': 43_200_000, '1day': 86_400_000, '1week': 604_800_000, '1month': 2_678_400_000,
}

export const intervalOf = (type: string): number | undefined => CANDLE_MS[type]

/** Public topic prefixes the simulator serves. */
export const PUBLIC_TOPICS = new Set([
  '/market/ticker',
  '/market/snapshot',
  '/market/level2',
  '/spotMarket/level2Depth5',
  '/spotMarket/level2Depth50',
  '/market/match',
  '/market/candles',
])

/** Private topics (no symbol list). */
export const PRIVATE_TOPICS = new Set(['/spotMarket/tradeOrdersV2', '/spotMarket/tradeOrders', '/account/balance'])

/** A subscribe topic split: `/market/level2:A,B` → prefix and symbols; candles keep `SYM_TYPE` as the "symbol". */
export const splitTopic = (topic: string): { readonly prefix: string; readonly items: readonly string[] } => {
  const i = topic.indexOf(':')
  if (i < 0) return { prefix: topic, items: [] }
  return { prefix: topic.slice(0, i), items: topic.slice(i + 1).split(',').filter((s) => s !== '') }
}
