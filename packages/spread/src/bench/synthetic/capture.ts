import type { CaptureLine } from '@tributary/testkit'
import { benchInstruments, kucoinDelta, kucoinId, kucoinRestBook, okxBookSnapshot, weexDepthSnapshot, type BenchInstrument } from './frames'

export type BenchVenue = 'okx' | 'kucoin' | 'weex'

/** Connection labels whose path tells the adapters' group (public). */
const CONN: Readonly<Record<BenchVenue, string>> = {
  okx: 'wss://bench.invalid/ws/v5/public#1',
  kucoin: 'wss://bench.invalid/endpoint#1',
  weex: 'wss://bench.invalid/v3/ws/public#1',
}

/** KuCoin deltas before the snapshot: ccxt asks for its snapshot after 5 buffered deltas. */
const KUCOIN_DELTAS = 6

/**
 * A capture that builds `instruments.length` books of `depth` levels per side on one venue: OKX and Weex snapshots
 * on the socket; KuCoin deltas followed by the REST snapshot they align with (as a recorded `http` line).
 */
export const bookCapture = (venue: BenchVenue, instruments: readonly BenchInstrument[], depth: number, ts = 1_700_000_000_000): CaptureLine[] => {
  const lines: CaptureLine[] = []
  const push = (dir: CaptureLine['dir'], data: string, url?: string): void =>
    void lines.push({ ts, dir, conn: url === undefined ? CONN[venue] : 'rest', data, line: lines.length + 1, ...(url === undefined ? {} : { url }) })
  instruments.forEach((inst, i) => {
    const seq = 1_000_000 + i * 100
    if (venue === 'okx') push('in', okxBookSnapshot(inst, depth, ts))
    else if (venue === 'weex') push('in', weexDepthSnapshot(inst, depth, seq, ts))
    else {
      for (let k = 1; k <= KUCOIN_DELTAS; k++) push('in', kucoinDelta(inst, seq + k))
      push('http', kucoinRestBook(inst, depth, seq, ts), `https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=${kucoinId(inst)}`)
    }
  })
  return lines
}

/** `books` books of `depth` levels per side, split evenly across the three venues. */
export const booksAcrossVenues = (books: number, depth: number): { readonly venue: BenchVenue; readonly instruments: BenchInstrument[]; readonly lines: CaptureLine[] }[] => {
  const venues: BenchVenue[] = ['okx', 'kucoin', 'weex']
  return venues.map((venue, v) => {
    const count = Math.floor(books / venues.length) + (v < books % venues.length ? 1 : 0)
    const instruments = benchInstruments(count)
    return { venue, instruments, lines: bookCapture(venue, instruments, depth) }
  })
}
