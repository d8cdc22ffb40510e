/**
 * Runnable example: the spread operators on hand-made markets, no network.
 * `pnpm exec tsc -b packages/spread && node packages/spread/dist/examples/offline-spread.js`
 */
import type { Instrument } from '@tributary/core'
import { feeTable } from '../fees'
import { applyInput, createBoard, type MarketInput } from '../market'
import { evaluate, type MonitorView } from '../monitor'
import { createQuoteMap } from '../quote-map'

const at = 1_700_000_000_000

/** Three markets of BTC: OKX perpetual (sizes already in base units), KuCoin spot in USDC, Weex perpetual gone stale. */
const inputs: readonly MarketInput[] = [
  { kind: 'connection', venue: 'okx', connection: 'public#1', state: 'open', ts: at, receivedAt: at },
  { kind: 'quote', venue: 'okx', symbol: 'BTC/USDT:USDT', ts: at, receivedAt: at, bid: 64_990, bidSize: 1.2, ask: 65_000, askSize: 0.8 },
  { kind: 'quote', venue: 'kucoin', symbol: 'BTC/USDC', ts: at, receivedAt: at, bid: 65_120, bidSize: 0.537, ask: 65_130, askSize: 2 },
  { kind: 'quote', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: at - 9_000, receivedAt: at - 9_000, bid: 65_400, bidSize: 3, ask: 65_410, askSize: 3 },
]

/** OKX contracts are 0.01 BTC and trade in whole contracts: the executable size is rounded down to them. */
const instruments: readonly Instrument[] = [
  { venue: 'okx', symbol: 'BTC/USDT:USDT', venueSymbol: 'BTC-USDT-SWAP', kind: 'swap', base: 'BTC', quote: 'USDT', tickSize: 0.1, lotSize: 1, contractValue: 0.01 },
  { venue: 'kucoin', symbol: 'BTC/USDC', venueSymbol: 'BTC-USDC', kind: 'spot', base: 'BTC', quote: 'USDC', tickSize: 0.1, lotSize: 0.00001 },
]

/** Evaluates the example markets at `at`: USDT and USDC joined, base-tier taker fees, quotes older than 5 s excluded. */
export const exampleView = (): MonitorView =>
  evaluate(
    inputs.reduce(applyInput, createBoard([
      { venue: 'okx', symbol: 'BTC/USDT:USDT' },
      { venue: 'kucoin', symbol: 'BTC/USDC' },
      { venue: 'weex', symbol: 'BTC/USDT:USDT' },
    ])),
    {
      now: at,
      maxAgeMs: 5_000,
      quotes: createQuoteMap([['USDT', 'USDC']]),
      fees: feeTable({ okx: 5, kucoin: 10, weex: 8 }),
      instrument: (venue, symbol) => instruments.find((i) => i.venue === venue && i.symbol === symbol),
    },
  )

/** The example's findings, one line each. */
export const describeExample = (view: MonitorView): readonly string[] => {
  const [btc] = view.instruments
  const lines = [
    `consolidated ${btc?.instrument ?? '-'}: best bid ${btc?.bestBid?.price ?? '-'} on ${btc?.bestBid?.venue ?? '-'}, best ask ${btc?.bestAsk?.price ?? '-'} on ${btc?.bestAsk?.venue ?? '-'}`,
    ...(btc?.excluded ?? []).map((e) => `excluded ${e.venue} ${e.symbol}: ${e.flags.join(', ')}`),
  ]
  const best = view.best
  if (best !== undefined) {
    lines.push(
      `best: buy ${best.buy.venue} @ ${best.buy.price ?? '-'}, sell ${best.sell.venue} @ ${best.sell.price ?? '-'}: gross ${best.grossBps.toFixed(2)} bps, net ${best.netBps.toFixed(2)} bps, size ${best.size} BTC (${best.orderSizes?.buy ?? '-'} contracts on ${best.buy.venue})`,
    )
  }
  return lines
}

if (require.main === module) process.stdout.write(`${describeExample(exampleView()).join('\n')}\n`)
