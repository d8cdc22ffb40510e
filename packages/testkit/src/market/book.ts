import type { ResolvedInstrument } from './path'
import type { Prng } from './prng'

export type BookSide = 'bid' | 'ask'

/** A level change in integer ticks and lots; `lots` 0 deletes the level. @internal */
export interface TickChange {
  readonly side: BookSide
  readonly tick: number
  readonly lots: number
}

/** Chance that the next level away from the touch is picked for an edit; edits mostly land near the touch. */
const DEEPER = 0.45

/** One venue's L2 book of one instrument, in integer ticks and lots so prices never drift. @internal */
export class BookState {
  readonly bids = new Map<number, number>()
  readonly asks = new Map<number, number>()
  seq: number
  private spreadTicks: number
  private readonly typicalLots: number
  private touched = new Map<string, { readonly side: BookSide; readonly tick: number; readonly before: number }>()

  constructor(
    private readonly rng: Prng,
    instrument: ResolvedInstrument,
    private readonly depth: number,
    midTicks: number,
  ) {
    this.typicalLots = Math.max(1, Math.round(instrument.typicalSize / instrument.lotSize))
    this.seq = rng.int(1_000_000, 9_000_000)
    this.spreadTicks = rng.int(1, 2)
    const bestBid = Math.floor(midTicks - this.spreadTicks / 2)
    this.fill('bid', bestBid)
    this.fill('ask', bestBid + this.spreadTicks)
    this.touched.clear()
  }

  /** Levels from the touch outwards: bids descending, asks ascending. */
  sorted(side: BookSide): readonly (readonly [tick: number, lots: number])[] {
    const levels = [...this.map(side)]
    return levels.sort(([a], [b]) => (side === 'bid' ? b - a : a - b))
  }

  /** Moves the touch to `midTicks`, edits a few levels (mostly near the touch) and returns the net changes. */
  update(midTicks: number): { readonly prevSeq: number; readonly changes: readonly TickChange[] } {
    if (this.rng.chance(0.05)) this.spreadTicks = this.rng.int(1, 2)
    const targetBid = Math.floor(midTicks - this.spreadTicks / 2)
    const targetAsk = targetBid + this.spreadTicks
    for (const tick of [...this.bids.keys()]) if (tick > targetBid) this.set('bid', tick, 0)
    for (const tick of [...this.asks.keys()]) if (tick < targetAsk) this.set('ask', tick, 0)
    this.followTouch('bid', targetBid)
    this.followTouch('ask', targetAsk)
    const edits = this.rng.int(1, 4)
    for (let i = 0; i < edits; i++) this.edit(this.rng.chance(0.5) ? 'bid' : 'ask')
    this.fill('bid', undefined)
    this.fill('ask', undefined)
    let changes = this.drainChanges()
    if (changes.length === 0) {
      const [tick, lots] = this.sorted('bid')[0] ?? [targetBid, 0]
      this.set('bid', tick, lots + 1 + this.rng.int(0, this.typicalLots))
      changes = this.drainChanges()
    }
    const prevSeq = this.seq
    this.seq += changes.length
    return { prevSeq, changes }
  }

  private map(side: BookSide): Map<number, number> {
    return side === 'bid' ? this.bids : this.asks
  }

  private randomLots(): number {
    return Math.max(1, Math.round(this.typicalLots * Math.exp(0.7 * this.rng.normal())))
  }

  private set(side: BookSide, tick: number, lots: number): void {
    const key = `${side}:${tick}`
    const levels = this.map(side)
    if (!this.touched.has(key)) this.touched.set(key, { side, tick, before: levels.get(tick) ?? 0 })
    if (lots > 0) levels.set(tick, lots)
    else levels.delete(tick)
  }

  private followTouch(side: BookSide, target: number): void {
    const best = this.sorted(side)[0]?.[0]
    const gap = best === undefined ? Infinity : side === 'bid' ? target - best : best - target
    if (gap > 1 || (gap === 1 && this.rng.chance(0.5))) this.set(side, target, this.randomLots())
  }

  private edit(side: BookSide): void {
    const levels = this.sorted(side)
    let index = 0
    while (index < levels.length - 1 && this.rng.chance(DEEPER)) index += 1
    const level = levels[index]
    if (level === undefined) return
    const action = this.rng.next()
    if (action < 0.65) this.set(side, level[0], this.randomLots())
    else if (action < 0.82) {
      if (levels.length > 1) this.set(side, level[0], 0)
    } else {
      this.set(side, side === 'bid' ? level[0] - 1 : level[0] + 1, this.randomLots()) // insert (or resize) just outside
    }
  }

  /** Trims a side grown past `depth` plus some slack back to `depth` levels, and refills one that fell below
   *  `depth` outwards (from `from`, or past the worst level); the slack keeps most changes near the touch. */
  private fill(side: BookSide, from: number | undefined): void {
    const step = side === 'bid' ? -1 : 1
    const levels = this.sorted(side)
    if (levels.length > this.depth + Math.max(2, Math.floor(this.depth / 4))) {
      for (const [tick] of levels.slice(this.depth)) this.set(side, tick, 0)
    }
    const worst = levels[levels.length - 1]
    if (levels.length >= this.depth || (from === undefined && worst === undefined)) return
    let count = levels.length
    let tick = from ?? (worst?.[0] ?? 0) + step
    while (count < this.depth) {
      if (!this.map(side).has(tick)) {
        this.set(side, tick, this.randomLots())
        count += 1
      }
      tick += step * (1 + (this.rng.chance(0.2) ? this.rng.int(1, 2) : 0))
    }
  }

  private drainChanges(): readonly TickChange[] {
    const changes: TickChange[] = []
    for (const { side, tick, before } of this.touched.values()) {
      const lots = this.map(side).get(tick) ?? 0
      if (lots !== before) changes.push({ side, tick, lots })
    }
    this.touched = new Map()
    return changes.sort((a, b) => (a.side === b.side ? (a.side === 'bid' ? b.tick - a.tick : a.tick - b.tick) : a.side === 'bid' ? -1 : 1))
  }
}
