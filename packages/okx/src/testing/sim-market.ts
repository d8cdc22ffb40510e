import type { SyntheticBookUpdate, SyntheticLevel, SyntheticMarket } from '@tributary/testkit'
import { checksumText, crc32 } from '../checksum'
import { fromOkxSymbol, okxKindOf } from '../symbols'
import { fmt, unitOf, wireSize, type OkxSimInstrument, type SimSubscription } from './sim-state'

const VENUE = 'okx'
const BOOK_DEPTH: Readonly<Record<string, number>> = { books: 400, 'books-l2-tbt': 400, 'books50-l2-tbt': 50, books5: 5, 'bbo-tbt': 1 }
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, H: 3_600_000, D: 86_400_000, W: 604_800_000, M: 2_592_000_000 }

type WireLevel = readonly [string, string]

/** `checksum: 0` on every book frame (OKX since 2026-06), or the real CRC32 (the recordings' era). */
export type ChecksumMode = 'current' | 'legacy'

/** Renders the synthetic market as OKX V5 push frames. */
export class OkxSimMarket {
  constructor(
    readonly market: SyntheticMarket,
    readonly instruments: ReadonlyMap<string, OkxSimInstrument>,
    readonly checksumMode: ChecksumMode,
  ) {}

  symbolOf(instId: string): string {
    return fromOkxSymbol(instId) ?? instId
  }

  private instrument(instId: string): OkxSimInstrument {
    const i = this.instruments.get(instId)
    if (i === undefined) throw new Error(`okx simulator: unknown instrument ${instId}`)
    return i
  }

  private wire(instId: string, levels: readonly SyntheticLevel[]): WireLevel[] {
    const i = this.instrument(instId)
    return levels.map(([px, sz]) => [fmt(px), wireSize(i, sz)])
  }

  /** The book's best levels as wire strings. */
  levels(instId: string, depth: number): { readonly bids: WireLevel[]; readonly asks: WireLevel[] } {
    const book = this.market.book(VENUE, this.symbolOf(instId))
    return { bids: this.wire(instId, book.bids.slice(0, depth)), asks: this.wire(instId, book.asks.slice(0, depth)) }
  }

  /** The checksum of the book as it stands: CRC32 in legacy mode, 0 in current mode. */
  checksum(instId: string): number {
    if (this.checksumMode === 'current') return 0
    const { bids, asks } = this.levels(instId, 25)
    return crc32(checksumText(bids, asks))
  }

  private push(channel: string, instId: string, data: readonly unknown[], extra: Record<string, unknown> = {}): string {
    return JSON.stringify({ arg: { channel, instId }, ...extra, data })
  }

  private static full = (levels: readonly WireLevel[]) => levels.map(([px, sz]) => [px, sz, '0', '1'])

  bookSnapshot(sub: SimSubscription, instId: string): string {
    const book = this.market.book(VENUE, this.symbolOf(instId))
    const { bids, asks } = this.levels(instId, BOOK_DEPTH[sub.arg.channel] ?? 400)
    sub.lastSeq = book.seq
    const data = { asks: OkxSimMarket.full(asks), bids: OkxSimMarket.full(bids), ts: String(book.ts), checksum: this.checksum(instId), prevSeqId: -1, seqId: book.seq }
    return this.push(sub.arg.channel, instId, [data], { action: 'snapshot' })
  }

  /**
   * An update for one subscriber. `prevSeqId` is the last seqId this subscriber was sent, so a skipped update shows
   * up as a gap; an update without changes is OKX's heartbeat (`seqId === prevSeqId`).
   */
  bookUpdate(sub: SimSubscription, instId: string, update: SyntheticBookUpdate, options: { readonly corrupt?: boolean } = {}): string {
    const empty = update.bids.length === 0 && update.asks.length === 0
    const prevSeqId = sub.lastSeq
    const seqId = empty ? prevSeqId : update.seq
    sub.lastSeq = seqId
    const real = this.checksum(instId)
    const checksum = options.corrupt === true ? (real === 0 ? 123456789 : real ^ 1) : real
    const data = { asks: OkxSimMarket.full(this.wire(instId, update.asks)), bids: OkxSimMarket.full(this.wire(instId, update.bids)), ts: String(update.ts), checksum, prevSeqId, seqId }
    return this.push(sub.arg.channel, instId, [data], { action: 'update' })
  }

  /** An empty update: OKX's "no change" heartbeat. */
  bookHeartbeat(sub: SimSubscription, instId: string): string {
    const data = { asks: [], bids: [], ts: String(this.market.now()), checksum: this.checksum(instId), prevSeqId: sub.lastSeq, seqId: sub.lastSeq }
    return this.push(sub.arg.channel, instId, [data], { action: 'update' })
  }

  /** `books5` / `bbo-tbt`: the top levels, whole. */
  bookTop(sub: SimSubscription, instId: string): string {
    const book = this.market.book(VENUE, this.symbolOf(instId))
    const { bids, asks } = this.levels(instId, BOOK_DEPTH[sub.arg.channel] ?? 5)
    const data = { asks: OkxSimMarket.full(asks), bids: OkxSimMarket.full(bids), instId, ts: String(book.ts), seqId: book.seq }
    return this.push(sub.arg.channel, instId, [data])
  }

  ticker(instId: string): string {
    const i = this.instrument(instId)
    const s = this.market.stats(VENUE, this.symbolOf(instId))
    const spot = okxKindOf(instId) === 'spot'
    const data = {
      instType: spot ? 'SPOT' : 'SWAP',
      instId,
      last: fmt(s.last),
      lastSz: wireSize(i, this.instrument(instId).lotSz * unitOf(i)),
      askPx: fmt(s.ask),
      askSz: wireSize(i, s.askSize),
      bidPx: fmt(s.bid),
      bidSz: wireSize(i, s.bidSize),
      open24h: fmt(s.open),
      high24h: fmt(s.high),
      low24h: fmt(s.low),
      sodUtc0: fmt(s.open),
      sodUtc8: fmt(s.open),
      volCcy24h: spot ? fmt(s.quoteVolume) : fmt(s.volume),
      vol24h: spot ? fmt(s.volume) : wireSize(i, s.volume),
      ts: String(s.ts),
    }
    return this.push('tickers', instId, [data])
  }

  trades(channel: string, instId: string, trades: readonly { id: string; price: number; size: number; side: string; ts: number }[]): string | undefined {
    if (trades.length === 0) return undefined
    const i = this.instrument(instId)
    const data = trades.map((t) => ({ instId, tradeId: t.id, px: fmt(t.price), sz: wireSize(i, t.size), side: t.side, ts: String(t.ts), count: '1' }))
    return this.push(channel, instId, data)
  }

  /** The forming candle, preceded by the previous one marked final (`confirm: "1"`) when a new one has started. */
  candles(sub: SimSubscription, instId: string): string[] {
    const bar = sub.arg.channel.slice('candle'.length).replace(/utc$/, '')
    const m = /^(\d+)([smHDWM])$/.exec(bar)
    const intervalMs = m === null ? 60_000 : Number(m[1]) * (UNIT_MS[m[2] ?? 'm'] ?? 60_000)
    const c = this.market.candle(VENUE, this.symbolOf(instId), intervalMs)
    const i = this.instrument(instId)
    const spot = okxKindOf(instId) === 'spot'
    const row = (confirm: string) => [String(c.start), fmt(c.open), fmt(c.high), fmt(c.low), fmt(c.close), spot ? fmt(c.volume) : wireSize(i, c.volume), spot ? fmt(c.volume * c.close) : fmt(c.volume), fmt(c.volume * c.close), confirm]
    const out: string[] = []
    if (sub.lastCandle !== undefined && sub.lastCandle !== c.start) {
      out.push(this.push(sub.arg.channel, instId, [[String(sub.lastCandle), fmt(c.open), fmt(c.open), fmt(c.open), fmt(c.open), '0', '0', '0', '1']]))
    }
    sub.lastCandle = c.start
    out.push(this.push(sub.arg.channel, instId, [row('0')]))
    return out
  }

  fundingRate(instId: string): string {
    const now = this.market.now()
    const fundingTime = Math.ceil((now + 1) / 28_800_000) * 28_800_000
    return this.push('funding-rate', instId, [{ instType: 'SWAP', instId, fundingRate: '0.0001', nextFundingRate: '0.00012', fundingTime: String(fundingTime), ts: String(now) }])
  }

  markPrice(instId: string): string {
    const i = this.instrument(instId)
    const mark = Math.round(this.market.venueMid(VENUE, this.symbolOf(instId)) / i.tickSz) * i.tickSz
    return this.push('mark-price', instId, [{ instType: okxKindOf(instId) === 'spot' ? 'MARGIN' : 'SWAP', instId, markPx: fmt(mark), ts: String(this.market.now()) }])
  }
}
