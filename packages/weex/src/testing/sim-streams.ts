import type { SyntheticMarket } from '@tributary/testkit'

/** Decimals of a grid step: 0.1 → 1, 0.0001 → 4, 1 → 0. */
const decimalsOf = (step: number): number => Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))
const fmt = (value: number, step: number): string => value.toFixed(decimalsOf(step))

/** Kline intervals in ms, by the V3 stream name. */
export const INTERVAL_MS: Readonly<Record<string, number>> = {
  '1m': 60_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, '2h': 7_200_000, '4h': 14_400_000,
  '6h': 21_600_000, '8h': 28_800_000, '12h': 43_200_000, '1d': 86_400_000, '1w': 604_800_000, '1M': 2_592_000_000,
}

/** Where one Weex symbol lives in the synthetic market. */
export interface SimInstrument {
  /** Weex id, `BTCUSDT`. */
  readonly id: string
  /** The market's symbol for it (`BTC/USDT:USDT`, or `BTC/USDT` when the market is shared with spot venues). */
  readonly symbol: string
  readonly tickSize: number
  readonly lotSize: number
}

type Levels = Map<string, string>

/** What one depth subscription has told its client so far. */
export interface DepthView {
  readonly levels: number
  u: number
  bids: Levels
  asks: Levels
}

const top = (market: SyntheticMarket, venue: string, inst: SimInstrument, levels: number) => {
  const book = market.book(venue, inst.symbol)
  const side = (ls: readonly (readonly [number, number])[]): Levels =>
    new Map(ls.slice(0, levels).map(([p, s]) => [fmt(p, inst.tickSize), fmt(s, inst.lotSize)]))
  return { seq: book.seq, bids: side(book.bids), asks: side(book.asks) }
}

const diff = (before: Levels, after: Levels): [string, string][] => {
  const out: [string, string][] = []
  for (const price of before.keys()) if (!after.has(price)) out.push([price, '0'])
  for (const [price, size] of after) if (before.get(price) !== size) out.push([price, size])
  return out
}

/** `depthSnapshot` of the top `levels`, and the view deltas are computed against. */
export const depthSnapshot = (market: SyntheticMarket, venue: string, inst: SimInstrument, levels: number): { frame: string; view: DepthView } => {
  const book = top(market, venue, inst, levels)
  const frame = {
    e: 'depthSnapshot', E: market.now(), s: inst.id, U: book.seq, u: book.seq, l: levels, d: 'SNAPSHOT',
    b: [...book.bids], a: [...book.asks],
  }
  return { frame: JSON.stringify(frame), view: { levels, u: book.seq, bids: book.bids, asks: book.asks } }
}

/**
 * The `depth` delta that takes the view to the market's current top levels (levels leaving the window are sent with
 * size "0"), with `U` = the previous `u`; `undefined` when nothing visible changed. `gap()` is asked only when a
 * delta goes out; true breaks the chain on purpose.
 */
export const depthDelta = (market: SyntheticMarket, venue: string, inst: SimInstrument, view: DepthView, gap: () => boolean): string | undefined => {
  const book = top(market, venue, inst, view.levels)
  const b = diff(view.bids, book.bids)
  const a = diff(view.asks, book.asks)
  if (b.length === 0 && a.length === 0) return undefined
  const skip = gap() ? 2 : 0
  const U = view.u + skip
  const u = Math.max(book.seq, view.u + 1) + skip
  view.u = u
  view.bids = book.bids
  view.asks = book.asks
  return JSON.stringify({ e: 'depth', E: market.now(), s: inst.id, U, u, l: view.levels, d: 'CHANGED', b, a })
}

export const tickerFrame = (market: SyntheticMarket, venue: string, inst: SimInstrument, startedAt: number): string => {
  const st = market.stats(venue, inst.symbol)
  const px = (n: number) => fmt(n, inst.tickSize)
  const d = {
    p: px(st.last - st.open), P: (st.open === 0 ? 0 : (st.last - st.open) / st.open).toFixed(6),
    w: (st.volume === 0 ? st.last : st.quoteVolume / st.volume).toFixed(8),
    c: px(st.last), o: px(st.open), h: px(st.high), l: px(st.low), v: fmt(st.volume, inst.lotSize), q: st.quoteVolume.toFixed(5),
    O: startedAt, C: st.ts, n: 0, m: px(market.venueMid(venue, inst.symbol)), i: px(market.mid(inst.symbol)),
  }
  return JSON.stringify({ e: 'ticker', E: st.ts, s: inst.id, d: [d] })
}

/** One recent trade as Weex sends it (`m` = buyer is maker, so a taker sell). */
export interface SimTrade {
  readonly T: number
  readonly t: string
  readonly p: string
  readonly q: string
  readonly v: string
  readonly m: boolean
}

/** New trades at the touch; ids carry `session` so two simulators never repeat an id. */
export const newTrades = (market: SyntheticMarket, venue: string, inst: SimInstrument, session: string): readonly SimTrade[] =>
  market.trades(venue, inst.symbol).map((tr) => ({
    T: tr.ts,
    t: `${session}-${tr.id}`,
    p: fmt(tr.price, inst.tickSize),
    q: fmt(tr.size, inst.lotSize),
    v: (tr.price * tr.size).toFixed(5),
    m: tr.side === 'sell',
  }))

export const tradeFrame = (e: 'trade' | 'tradeSnapshot', E: number, id: string, trades: readonly SimTrade[]): string => JSON.stringify({ e, E, s: id, d: trades })

export const klineFrame = (
  e: 'kline' | 'klineSnapshot',
  market: SyntheticMarket,
  venue: string,
  inst: SimInstrument,
  interval: string,
  price: 'LAST_PRICE' | 'MARK_PRICE',
): string => {
  const ms = INTERVAL_MS[interval] ?? 60_000
  const c = market.candle(venue, inst.symbol, ms)
  const px = (n: number) => fmt(n, inst.tickSize)
  const d = {
    t: c.start, T: c.start + ms, s: inst.id, i: interval, o: px(c.open), c: px(c.close), h: px(c.high), l: px(c.low),
    v: fmt(c.volume, inst.lotSize), n: 0, q: (c.volume * c.close).toFixed(5), V: '0', Q: '0',
  }
  return JSON.stringify({ e, E: market.now(), s: inst.id, p: price, d: [d] })
}
