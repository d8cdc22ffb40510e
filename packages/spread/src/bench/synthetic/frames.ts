import { checksumText, crc32 } from '@tributary/okx'

/** A synthetic instrument of the memory and scale benchmarks, named per venue. */
export interface BenchInstrument {
  /** `AB` style base currency (letters only: every venue's symbol rules accept it). */
  readonly base: string
  readonly mid: number
}

const letters = (n: number): string => {
  let s = ''
  let x = n
  do {
    s = String.fromCharCode(65 + (x % 26)) + s
    x = Math.floor(x / 26)
  } while (x > 0)
  return s
}

/** `count` instruments with distinct letter-only bases (`ZA`, `ZB`, …) and mids spread from 100. */
export const benchInstruments = (count: number): BenchInstrument[] =>
  Array.from({ length: count }, (_, i) => ({ base: `Z${letters(i)}`, mid: 100 + i }))

export type Level = readonly [string, string]

/** `depth` levels per side around the mid, one cent apart, best first. */
export const levels = (inst: BenchInstrument, depth: number): { readonly bids: Level[]; readonly asks: Level[] } => {
  const bids: Level[] = []
  const asks: Level[] = []
  for (let k = 0; k < depth; k++) {
    const size = (1 + ((k * 7 + inst.mid) % 13) / 10).toFixed(4)
    bids.push([(inst.mid - 0.01 * (k + 1)).toFixed(2), size])
    asks.push([(inst.mid + 0.01 * (k + 1)).toFixed(2), size])
  }
  return { bids, asks }
}

export const okxId = (i: BenchInstrument): string => `${i.base}-USDT`
export const kucoinId = (i: BenchInstrument): string => `${i.base}-USDT`
export const weexId = (i: BenchInstrument): string => `${i.base}USDT`

/** OKX `books` snapshot push with its CRC32 checksum. */
export const okxBookSnapshot = (inst: BenchInstrument, depth: number, ts: number): string => {
  const { bids, asks } = levels(inst, depth)
  const checksum = crc32(checksumText(bids, asks))
  const side = (ls: readonly Level[]) => ls.map(([p, s]) => [p, s, '0', '1'])
  return JSON.stringify({ arg: { channel: 'books', instId: okxId(inst) }, action: 'snapshot', data: [{ asks: side(asks), bids: side(bids), ts: String(ts), checksum }] })
}

/** KuCoin `/market/level2` delta covering `seq` only (re-states the best bid). */
export const kucoinDelta = (inst: BenchInstrument, seq: number): string => {
  const { bids } = levels(inst, 1)
  const best = bids[0] ?? ['1', '1']
  return JSON.stringify({
    type: 'message',
    topic: `/market/level2:${kucoinId(inst)}`,
    subject: 'trade.l2update',
    data: { sequenceStart: seq, sequenceEnd: seq, symbol: kucoinId(inst), changes: { asks: [], bids: [[best[0], best[1], String(seq)]] } },
  })
}

/** KuCoin REST full-depth snapshot body at `sequence`. */
export const kucoinRestBook = (inst: BenchInstrument, depth: number, sequence: number, time: number): string => {
  const { bids, asks } = levels(inst, depth)
  return JSON.stringify({ code: '200000', data: { time, sequence: String(sequence), bids, asks } })
}

/** Weex `depthSnapshot` push (`U..u` sequence range, `l` levels). */
export const weexDepthSnapshot = (inst: BenchInstrument, depth: number, seq: number, ts: number): string => {
  const { bids, asks } = levels(inst, depth)
  return JSON.stringify({ e: 'depthSnapshot', E: ts, s: weexId(inst), U: seq, u: seq, l: depth, d: 'SNAPSHOT', b: bids, a: asks })
}

/** ccxt market objects for the synthetic instruments of one venue. */
export const ccxtBenchMarkets = (venue: 'okx' | 'kucoin' | 'weex', instruments: readonly BenchInstrument[]): unknown[] =>
  instruments.map((i) => {
    const common = { base: i.base, quote: 'USDT', baseId: i.base, quoteId: 'USDT', active: true, precision: { amount: 0.0001, price: 0.01 }, limits: {}, margin: false, future: false, option: false }
    if (venue === 'weex')
      return { ...common, id: weexId(i), symbol: `${i.base}/USDT:USDT`, settle: 'USDT', settleId: 'USDT', type: 'swap', spot: false, swap: true, contract: true, linear: true, inverse: false, contractSize: 1, info: {} }
    const id = venue === 'okx' ? okxId(i) : kucoinId(i)
    return { ...common, id, symbol: `${i.base}/USDT`, type: 'spot', spot: true, swap: false, contract: false, info: venue === 'okx' ? { instType: 'SPOT', instId: id } : { symbol: id } }
  })
