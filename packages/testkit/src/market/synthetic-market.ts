import { BookState, type TickChange } from './book'
import { MidWalk, VenuePath, type ResolvedInstrument, type ResolvedVenue } from './path'
import { createPrng, seedOf, type Prng } from './prng'
import type {
  SyntheticBook,
  SyntheticBookUpdate,
  SyntheticCandle,
  SyntheticInstrument,
  SyntheticLevel,
  SyntheticMarketOptions,
  SyntheticStats,
  SyntheticTrade,
  SyntheticVenue,
} from './types'

/** 2026-01-01T00:00:00Z */
const DEFAULT_START = 1_767_225_600_000

const decimalsOf = (step: number): number => {
  const text = step.toString()
  const exp = /e-(\d+)$/.exec(text)
  if (exp?.[1] !== undefined) return Number(exp[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0)
  return text.split('.')[1]?.length ?? 0
}

const resolveInstrument = (i: SyntheticInstrument): ResolvedInstrument => ({
  symbol: i.symbol,
  mid: i.mid,
  tickSize: i.tickSize,
  lotSize: i.lotSize,
  volatility: i.volatility ?? 0.0001,
  typicalSize: i.typicalSize ?? i.lotSize * 100,
})

const resolveVenue = (v: SyntheticVenue): ResolvedVenue => ({
  id: v.id,
  offsetBps: v.offsetBps ?? 0,
  noiseBps: v.noiseBps ?? 1,
  dislocationChance: v.dislocationChance ?? 0.001,
  dislocationBps: v.dislocationBps ?? 25,
  dislocationSteps: v.dislocationSteps ?? 50,
})

interface Stream {
  readonly venue: string
  readonly instrument: ResolvedInstrument
  readonly path: VenuePath
  readonly tradeRng: Prng
  book: BookState | undefined
  tradeId: number
  last: number | undefined
  volume: number
  quoteVolume: number
}

/**
 * A deterministic synthetic market: one random-walk mid per instrument shared by every venue, each venue with its
 * own offset, noise and occasional dislocations, and per venue an L2 book, trades, 24h stats and candles. Wire-format
 * neutral: venue simulator scripts render the frames. The same seed, options and sequence of calls give the same
 * data; venues and instruments draw from separate seeded streams, so one venue's calls never change another's data.
 * Prices are on the tick grid and sizes on the lot grid, rounded so that `String(price)` prints cleanly.
 * @example
 * const market = new SyntheticMarket({ seed: 7, instruments: [{ symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.001 }] })
 * const snapshot = market.book('okx', 'BTC/USDT')
 * market.advance(100)
 * const update = market.bookUpdate('okx', 'BTC/USDT') // size 0 deletes a level
 */
export class SyntheticMarket {
  readonly seed: number | string
  readonly depth: number
  readonly stepMs: number
  readonly start: number
  private offsetMs = 0
  private readonly clock: () => number
  private readonly instruments: ReadonlyMap<string, ResolvedInstrument>
  private readonly venues = new Map<string, ResolvedVenue>()
  private readonly streams = new Map<string, Stream>()
  private readonly walks = new Map<string, MidWalk>()

  constructor(options: SyntheticMarketOptions) {
    const { seed, instruments, venues = [], depth = 20, stepMs = 100, now } = options
    this.seed = seed
    this.depth = depth
    this.stepMs = stepMs
    this.start = options.start ?? now?.() ?? DEFAULT_START
    this.clock = now ?? (() => this.start)
    this.instruments = new Map(instruments.map((i) => [i.symbol, resolveInstrument(i)]))
    for (const v of venues) this.venues.set(v.id, resolveVenue(v))
  }

  get symbols(): readonly string[] {
    return [...this.instruments.keys()]
  }

  /** Market time, epoch ms: the clock plus every `advance`. */
  now(): number {
    return this.clock() + this.offsetMs
  }

  /** Moves market time forward (the default clock stands still otherwise). */
  advance(ms: number): void {
    this.offsetMs += ms
  }

  instrument(symbol: string): ResolvedInstrument {
    const instrument = this.instruments.get(symbol)
    if (instrument === undefined) throw new Error(`SyntheticMarket: unknown instrument ${symbol}`)
    return instrument
  }

  /** The fair mid shared by every venue. */
  mid(symbol: string): number {
    let walk = this.walks.get(symbol)
    if (walk === undefined) {
      walk = new MidWalk(this.seed, this.instrument(symbol), this.stepMs)
      this.walks.set(symbol, walk)
    }
    return walk.at(Math.floor((this.now() - this.start) / this.stepMs))
  }

  /** The venue's mid: the shared mid plus its offset, noise and any dislocation in progress. */
  venueMid(venue: string, symbol: string): number {
    return this.stream(venue, symbol).path.advanceTo(this.now())
  }

  /** The venue's current book (`depth` levels per side, plus some slack): bids descending, asks ascending, never
   *  crossed. Every level an update ever touched is here, so snapshot + updates rebuild it exactly. */
  book(venue: string, symbol: string): SyntheticBook {
    const s = this.stream(venue, symbol)
    const book = this.bookOf(s)
    return {
      venue,
      symbol,
      ts: this.now(),
      seq: book.seq,
      bids: book.sorted('bid').map(([tick, lots]) => this.level(s.instrument, tick, lots)),
      asks: book.sorted('ask').map(([tick, lots]) => this.level(s.instrument, tick, lots)),
    }
  }

  /** Moves the venue's book to the current venue mid and returns the changed levels (size 0 = delete). */
  bookUpdate(venue: string, symbol: string): SyntheticBookUpdate {
    const s = this.stream(venue, symbol)
    const book = this.bookOf(s)
    const { prevSeq, changes } = book.update(s.path.advanceTo(this.now()) / s.instrument.tickSize)
    const side = (name: TickChange['side']): readonly SyntheticLevel[] =>
      changes.filter((c) => c.side === name).map((c) => this.level(s.instrument, c.tick, c.lots))
    return { venue, symbol, ts: this.now(), prevSeq, firstSeq: prevSeq + 1, seq: book.seq, bids: side('bid'), asks: side('ask') }
  }

  /** Up to `max` trades at the venue's touch (buys lift the ask, sells hit the bid); updates stats and candles. */
  trades(venue: string, symbol: string, max = 3): readonly SyntheticTrade[] {
    const s = this.stream(venue, symbol)
    const book = this.book(venue, symbol)
    const count = s.tradeRng.int(0, max)
    const out: SyntheticTrade[] = []
    for (let i = 0; i < count; i++) {
      const side = s.tradeRng.chance(0.5) ? 'buy' : 'sell'
      const touch = side === 'buy' ? book.asks[0] : book.bids[0]
      if (touch === undefined) break
      const lots = Math.max(1, Math.round((s.instrument.typicalSize / s.instrument.lotSize) * 0.2 * Math.exp(s.tradeRng.normal())))
      const size = this.round(lots * s.instrument.lotSize, s.instrument.lotSize)
      s.tradeId += 1
      s.last = touch[0]
      s.volume += size
      s.quoteVolume += size * touch[0]
      s.path.addVolume(size)
      out.push({ venue, symbol, id: String(s.tradeId), price: touch[0], size, side, ts: this.now() })
    }
    return out
  }

  /** Rolling stats of the venue since the market's start, plus the current touch. */
  stats(venue: string, symbol: string): SyntheticStats {
    const s = this.stream(venue, symbol)
    const mid = s.path.advanceTo(this.now())
    const { bids, asks } = this.book(venue, symbol)
    const tick = s.instrument.tickSize
    return {
      venue,
      symbol,
      ts: this.now(),
      open: this.round(s.path.open, tick),
      high: this.round(s.path.high, tick),
      low: this.round(s.path.low, tick),
      last: s.last ?? this.round(mid, tick),
      bid: bids[0]?.[0] ?? this.round(mid, tick),
      bidSize: bids[0]?.[1] ?? 0,
      ask: asks[0]?.[0] ?? this.round(mid, tick),
      askSize: asks[0]?.[1] ?? 0,
      volume: this.round(s.volume, s.instrument.lotSize),
      quoteVolume: Math.round(s.quoteVolume * 100) / 100,
    }
  }

  /** The venue's current candle of `intervalMs` (tracked from the first call; earlier candles are not kept). */
  candle(venue: string, symbol: string, intervalMs: number): SyntheticCandle {
    const s = this.stream(venue, symbol)
    s.path.advanceTo(this.now())
    const c = s.path.candle(intervalMs, this.now())
    const tick = s.instrument.tickSize
    const [open, high, low, close] = [c.open, c.high, c.low, c.close].map((p) => this.round(p, tick)) as [number, number, number, number]
    return { venue, symbol, intervalMs, start: c.start, open, high, low, close, volume: this.round(c.volume, s.instrument.lotSize) }
  }

  private stream(venue: string, symbol: string): Stream {
    const key = `${venue}\u0000${symbol}`
    const existing = this.streams.get(key)
    if (existing !== undefined) return existing
    const instrument = this.instrument(symbol)
    const resolved = this.venues.get(venue) ?? resolveVenue({ id: venue })
    this.venues.set(venue, resolved)
    const tradeRng = createPrng(seedOf(this.seed, 'trades', venue, symbol))
    const stream: Stream = {
      venue,
      instrument,
      path: new VenuePath(this.seed, instrument, resolved, this.stepMs, this.start),
      tradeRng,
      book: undefined,
      tradeId: tradeRng.int(100_000, 900_000),
      last: undefined,
      volume: 0,
      quoteVolume: 0,
    }
    this.streams.set(key, stream)
    return stream
  }

  private bookOf(s: Stream): BookState {
    s.book ??= new BookState(
      createPrng(seedOf(this.seed, 'book', s.venue, s.instrument.symbol)),
      s.instrument,
      this.depth,
      s.path.advanceTo(this.now()) / s.instrument.tickSize,
    )
    return s.book
  }

  private level(instrument: ResolvedInstrument, tick: number, lots: number): SyntheticLevel {
    return [this.round(tick * instrument.tickSize, instrument.tickSize), this.round(lots * instrument.lotSize, instrument.lotSize)]
  }

  private round(value: number, step: number): number {
    return Number(value.toFixed(decimalsOf(step)))
  }
}
