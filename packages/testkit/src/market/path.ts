import { createPrng, seedOf, type Prng } from './prng'

/** An instrument with every default filled in. @internal */
export interface ResolvedInstrument {
  readonly symbol: string
  readonly mid: number
  readonly tickSize: number
  readonly lotSize: number
  readonly volatility: number
  readonly typicalSize: number
}

/** A venue with every default filled in. @internal */
export interface ResolvedVenue {
  readonly id: string
  readonly offsetBps: number
  readonly noiseBps: number
  readonly dislocationChance: number
  readonly dislocationBps: number
  readonly dislocationSteps: number
}

/** Open/high/low/close of the venue mid plus traded volume over one interval. @internal */
export interface CandleState {
  start: number
  open: number
  high: number
  low: number
  close: number
  volume: number
}

/** The shared log-normal random walk of one instrument's mid, in fixed steps from the market's start. @internal */
export class MidWalk {
  private step = 0
  private value: number
  private readonly rng: Prng
  private readonly sigma: number

  constructor(seed: number | string, instrument: ResolvedInstrument, stepMs: number) {
    this.rng = createPrng(seedOf(seed, 'mid', instrument.symbol))
    this.value = instrument.mid
    this.sigma = instrument.volatility * Math.sqrt(stepMs / 1000)
  }

  /** The mid at step `k`; the walk only moves forward, so an earlier `k` gives the current value. */
  at(k: number): number {
    while (this.step < k) {
      this.value *= Math.exp(this.sigma * this.rng.normal())
      this.step += 1
    }
    return this.value
  }
}

const NOISE_PERSISTENCE = 0.98

/**
 * One venue's view of an instrument: the shared walk (its own copy, same seed, so venues never disturb each other)
 * plus a constant offset, mean-reverting noise and occasional dislocations. Tracks stats and candles. @internal
 */
export class VenuePath {
  value: number
  high: number
  low: number
  readonly open: number
  private step = 0
  private deviationBps = 0
  private dislocation = { remaining: 0, bps: 0 }
  private readonly walk: MidWalk
  private readonly rng: Prng
  private readonly candles = new Map<number, CandleState>()

  constructor(
    seed: number | string,
    instrument: ResolvedInstrument,
    private readonly venue: ResolvedVenue,
    private readonly stepMs: number,
    private readonly start: number,
  ) {
    this.walk = new MidWalk(seed, instrument, stepMs)
    this.rng = createPrng(seedOf(seed, 'venue', venue.id, instrument.symbol))
    this.value = this.priceAt(0)
    this.open = this.value
    this.high = this.value
    this.low = this.value
  }

  /** Moves to the step containing `now` and returns the venue mid there. */
  advanceTo(now: number): number {
    const k = Math.floor((now - this.start) / this.stepMs)
    while (this.step < k) {
      this.step += 1
      this.evolve()
      this.value = this.priceAt(this.step)
      this.high = Math.max(this.high, this.value)
      this.low = Math.min(this.low, this.value)
      const ts = this.start + this.step * this.stepMs
      for (const [intervalMs, candle] of this.candles) this.touchCandle(candle, intervalMs, ts)
    }
    return this.value
  }

  /** The current candle of `intervalMs`, tracked from the first call on. */
  candle(intervalMs: number, now: number): CandleState {
    let candle = this.candles.get(intervalMs)
    if (candle === undefined) {
      const v = this.value
      candle = { start: Math.floor(now / intervalMs) * intervalMs, open: v, high: v, low: v, close: v, volume: 0 }
      this.candles.set(intervalMs, candle)
    }
    this.touchCandle(candle, intervalMs, now)
    return candle
  }

  /** Adds traded volume to every tracked candle. */
  addVolume(size: number): void {
    for (const candle of this.candles.values()) candle.volume += size
  }

  private touchCandle(candle: CandleState, intervalMs: number, ts: number): void {
    const start = Math.floor(ts / intervalMs) * intervalMs
    if (start > candle.start) {
      Object.assign(candle, { start, open: candle.close, high: candle.close, low: candle.close, volume: 0 })
    }
    candle.close = this.value
    candle.high = Math.max(candle.high, this.value)
    candle.low = Math.min(candle.low, this.value)
  }

  private evolve(): void {
    const { noiseBps, dislocationChance, dislocationBps, dislocationSteps } = this.venue
    this.deviationBps = NOISE_PERSISTENCE * this.deviationBps + Math.sqrt(1 - NOISE_PERSISTENCE ** 2) * noiseBps * this.rng.normal()
    if (this.dislocation.remaining > 0) this.dislocation.remaining -= 1
    else if (this.rng.chance(dislocationChance)) {
      const sign = this.rng.chance(0.5) ? 1 : -1
      this.dislocation = { remaining: dislocationSteps, bps: sign * dislocationBps * (0.5 + this.rng.next()) }
    } else this.dislocation.bps = 0
  }

  private priceAt(k: number): number {
    const bps = this.venue.offsetBps + this.deviationBps + (this.dislocation.remaining > 0 ? this.dislocation.bps : 0)
    return this.walk.at(k) * (1 + bps / 10_000)
  }
}
