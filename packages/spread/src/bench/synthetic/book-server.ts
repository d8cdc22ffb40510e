import type { SimConnection, SimHttpRequest, SimHttpResponse } from '@tributary/testkit'
import { kucoinDelta, kucoinRestBook, okxBookSnapshot, weexDepthSnapshot, type BenchInstrument } from './frames'

/** The synthetic instrument behind a `Z…` base (`ZA` → index 0), as {@link benchInstruments} names them. */
export const instrumentOfBase = (base: string): BenchInstrument | undefined => {
  if (!/^Z[A-Z]+$/.test(base)) return undefined
  let n = 0
  for (const ch of base.slice(1)) n = n * 26 + (ch.charCodeAt(0) - 65)
  return { base, mid: 100 + n }
}

const seqOf = (inst: BenchInstrument): number => 1_000_000 + (inst.mid - 100) * 100

/**
 * Book replies of the benchmark simulators, `depth` levels per side: OKX `books` and Weex `depth200` snapshots on
 * subscribe; KuCoin `/market/level2` gets one delta per symbol, and the REST snapshot it aligns with.
 */
export interface BookServer {
  /** OKX: a `books` arg was subscribed. */
  okx(conn: SimConnection, instId: string): void
  /** KuCoin: `/market/level2:A,B` was subscribed. */
  kucoin(conn: SimConnection, symbols: readonly string[]): void
  /** Weex: a `…@depth15|200` stream was subscribed. */
  weex(conn: SimConnection, symbol: string, levels: number): void
  /** KuCoin's full-depth REST book. */
  kucoinRest(req: SimHttpRequest): SimHttpResponse | undefined
}

export const bookServer = (depth: number): BookServer => {
  const now = (): number => Date.now()
  return {
    okx(conn, instId) {
      const inst = instrumentOfBase(instId.split('-')[0] ?? '')
      if (inst !== undefined) conn.send(okxBookSnapshot(inst, depth, now()))
    },
    kucoin(conn, symbols) {
      for (const s of symbols) {
        const inst = instrumentOfBase(s.split('-')[0] ?? '')
        if (inst !== undefined) conn.send(kucoinDelta(inst, seqOf(inst) + 1))
      }
    },
    weex(conn, symbol, levels) {
      const inst = instrumentOfBase(symbol.replace(/USDT$/, ''))
      if (inst !== undefined) conn.send(weexDepthSnapshot(inst, Math.min(depth, levels), seqOf(inst), now()))
    },
    kucoinRest(req) {
      if (!req.path.endsWith('/market/orderbook/level2')) return undefined
      const inst = instrumentOfBase((req.query.get('symbol') ?? '').split('-')[0] ?? '')
      return inst === undefined ? { status: 400, body: '{"code":"400100","msg":"symbol unknown"}' } : { status: 200, body: kucoinRestBook(inst, depth, seqOf(inst), now()) }
    },
  }
}
