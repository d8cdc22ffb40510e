/**
 * Benchmark (not a test): candidate L2 side structures for the book engine, and the engine's full path.
 *
 *   pnpm exec tsc -b packages/spread && node --expose-gc packages/spread/dist/bench/book-structures.js [--rounds 7] [--heap-only]
 *
 * Workload per depth (5, 50, 400, 5 000 levels a side): a book on a 1-tick grid where half the slots hold a level,
 * then updates of 1-3 changes, 85 % within the best 10 slots and 15 % anywhere; an existing level is resized (75 %)
 * or deleted (25 %), an empty slot gets a new level. Every candidate replays the same events. Two modes: `apply`
 * (mutate only) and `apply+view` (take an immutable view after every update and read its best levels, as the
 * feed does when it publishes each book). Figures are the median of the rounds, in updates per second.
 */
import {
  chainedSequence,
  createBookMachine,
  L2Book,
  type BookLevel,
  type BookSnapshot,
  type BookUpdate,
  type VenueChannel,
} from '@tributary/core'

// ---------------------------------------------------------------------------------------------------------------
// Candidates: load a snapshot, apply changes, take an immutable view.

interface Candidate {
  readonly name: string
  load(bids: readonly BookLevel[], asks: readonly BookLevel[]): void
  apply(bids: readonly BookLevel[], asks: readonly BookLevel[]): void
  /** An immutable view's best bid and ask. */
  view(): readonly [BookLevel | undefined, BookLevel | undefined]
  /** Levels held, both sides. */
  count(): number
}

/** One side as a best-first sorted array with binary search and splice, copied whole on the first write after a view. */
class FlatSide {
  levels: BookLevel[] = []
  shared = false
  constructor(private readonly descending: boolean) {}
  load(levels: readonly BookLevel[]): void {
    this.levels = levels.filter((l) => l[1] !== 0).sort((a, b) => (this.descending ? b[0] - a[0] : a[0] - b[0]))
    this.shared = false
  }
  set(level: BookLevel): void {
    if (this.shared) {
      this.levels = this.levels.slice()
      this.shared = false
    }
    const levels = this.levels
    const price = level[0]
    let lo = 0
    let hi = levels.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const p = (levels[mid] as BookLevel)[0]
      if (this.descending ? p > price : p < price) lo = mid + 1
      else hi = mid
    }
    const found = lo < levels.length && (levels[lo] as BookLevel)[0] === price
    if (level[1] === 0) {
      if (found) levels.splice(lo, 1)
    } else if (found) levels[lo] = level
    else levels.splice(lo, 0, level)
  }
  snapshot(): readonly BookLevel[] {
    this.shared = true
    return this.levels
  }
}

const flat = (): Candidate => {
  const bids = new FlatSide(true)
  const asks = new FlatSide(false)
  return {
    name: 'sorted array (COW)',
    load: (b, a) => (bids.load(b), asks.load(a)),
    apply: (b, a) => {
      for (const l of b) bids.set(l)
      for (const l of a) asks.set(l)
    },
    view: () => [bids.snapshot()[0], asks.snapshot()[0]],
    count: () => bids.levels.length + asks.levels.length,
  }
}

/** The same chunking as the engine, but holding the event's tuples (≈ 130 bytes a level with their strings). */
class ChunkedTupleSide {
  chunks: BookLevel[][] = []
  owned: boolean[] = []
  shared = false
  constructor(private readonly descending: boolean) {}
  private before(a: number, b: number): boolean {
    return this.descending ? a > b : a < b
  }
  load(levels: readonly BookLevel[]): void {
    const live = levels.filter((l) => l[1] !== 0).sort((a, b) => (this.descending ? b[0] - a[0] : a[0] - b[0]))
    this.chunks = []
    for (let i = 0; i < live.length; i += 16) this.chunks.push(live.slice(i, i + 16))
    this.owned = this.chunks.map(() => true)
    this.shared = false
  }
  private own(ci: number): BookLevel[] {
    if (this.shared) {
      this.chunks = this.chunks.slice()
      this.owned.fill(false)
      this.shared = false
    }
    if (this.owned[ci] !== true) {
      this.chunks[ci] = (this.chunks[ci] as BookLevel[]).slice()
      this.owned[ci] = true
    }
    return this.chunks[ci] as BookLevel[]
  }
  set(level: BookLevel): void {
    const price = level[0]
    let lo = 0
    let hi = this.chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = this.chunks[mid] as BookLevel[]
      if (this.before((chunk[chunk.length - 1] as BookLevel)[0], price)) lo = mid + 1
      else hi = mid
    }
    if (hi < 0) {
      if (level[1] !== 0) this.load([level])
      return
    }
    const chunk = this.chunks[lo] as BookLevel[]
    let a = 0
    let b = chunk.length
    while (a < b) {
      const mid = (a + b) >>> 1
      if (this.before((chunk[mid] as BookLevel)[0], price)) a = mid + 1
      else b = mid
    }
    const found = a < chunk.length && (chunk[a] as BookLevel)[0] === price
    if (level[1] === 0) {
      if (!found) return
      const mine = this.own(lo)
      mine.splice(a, 1)
      if (mine.length === 0) {
        this.chunks.splice(lo, 1)
        this.owned.splice(lo, 1)
      }
    } else if (found) this.own(lo)[a] = level
    else {
      const mine = this.own(lo)
      mine.splice(a, 0, level)
      if (mine.length > 32) {
        this.chunks.splice(lo + 1, 0, mine.splice(16))
        this.owned.splice(lo + 1, 0, true)
      }
    }
  }
  snapshot(): readonly (readonly BookLevel[])[] {
    this.shared = true
    return this.chunks
  }
}

const chunkedTuples = (): Candidate => {
  const bids = new ChunkedTupleSide(true)
  const asks = new ChunkedTupleSide(false)
  return {
    name: 'chunked COW tuples',
    load: (b, a) => (bids.load(b), asks.load(a)),
    apply: (b, a) => {
      for (const l of b) bids.set(l)
      for (const l of a) asks.set(l)
    },
    view: () => [bids.snapshot()[0]?.[0], asks.snapshot()[0]?.[0]],
    count: () => [...bids.chunks, ...asks.chunks].reduce((n, c) => n + c.length, 0),
  }
}

/** A Map per side keyed by price; a view sorts a copy of each side. */
const mapBook = (): Candidate => {
  const bids = new Map<number, BookLevel>()
  const asks = new Map<number, BookLevel>()
  const set = (side: Map<number, BookLevel>, l: BookLevel) => (l[1] === 0 ? side.delete(l[0]) : side.set(l[0], l))
  return {
    name: 'Map + sort per view',
    load: (b, a) => {
      bids.clear()
      asks.clear()
      for (const l of b) set(bids, l)
      for (const l of a) set(asks, l)
    },
    apply: (b, a) => {
      for (const l of b) set(bids, l)
      for (const l of a) set(asks, l)
    },
    view: () => [[...bids.values()].sort((x, y) => y[0] - x[0])[0], [...asks.values()].sort((x, y) => x[0] - y[0])[0]],
    count: () => bids.size + asks.size,
  }
}

/** The engine's side structure: chunked best-first arrays, copied on write per chunk. */
const chunked = (): Candidate => {
  const book = new L2Book()
  const meta = { venue: 'bench', symbol: 'BTC/USDT', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }
  return {
    name: 'chunked COW packed (engine)',
    load: (bids, asks) => book.replace({ bids, asks }),
    apply: (bids, asks) => book.apply({ bids, asks }),
    view: () => {
      const v = book.view(meta)
      return [v.bestBid, v.bestAsk]
    },
    count: () => book.depth.bids + book.depth.asks,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Workload

/** Small deterministic PRNG (mulberry32), so every run replays the same events. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}

const level = (price: number, size: number): BookLevel => {
  const p = price.toFixed(1)
  const s = size.toFixed(4)
  return [Number(p), Number(s), p, s]
}

interface Workload {
  readonly bids: BookLevel[]
  readonly asks: BookLevel[]
  readonly updates: { readonly bids: BookLevel[]; readonly asks: BookLevel[] }[]
}

const workload = (depth: number, count: number, seed = 42): Workload => {
  const random = prng(seed)
  const slots = depth * 2
  const present = [new Uint8Array(slots), new Uint8Array(slots)]
  const priceOf = (bid: boolean, slot: number) => (bid ? 10_000 - slot : 10_001 + slot)
  const initial: [BookLevel[], BookLevel[]] = [[], []]
  for (const side of [0, 1]) {
    for (let slot = 0; slot < slots; slot += 2) {
      ;(present[side] as Uint8Array)[slot] = 1
      initial[side]?.push(level(priceOf(side === 0, slot), 1 + random() * 5))
    }
  }
  const updates: Workload['updates'] = []
  for (let i = 0; i < count; i++) {
    const u = { bids: [] as BookLevel[], asks: [] as BookLevel[] }
    const changes = 1 + Math.floor(random() * 3)
    for (let c = 0; c < changes; c++) {
      const side = random() < 0.5 ? 0 : 1
      const slot = random() < 0.85 ? Math.floor(random() * Math.min(10, slots)) : Math.floor(random() * slots)
      const has = present[side] as Uint8Array
      const bid = side === 0
      let size: number
      if (has[slot] === 1) size = random() < 0.25 ? 0 : 1 + random() * 5
      else size = 1 + random() * 5
      has[slot] = size === 0 ? 0 : 1
      ;(bid ? u.bids : u.asks).push(level(priceOf(bid, slot), size))
    }
    updates.push(u)
  }
  return { bids: initial[0], asks: initial[1], updates }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurement

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

const rate = (updates: number, ms: number): number => (updates / ms) * 1_000

const measure = (make: () => Candidate, w: Workload, withView: boolean): number => {
  const candidate = make()
  candidate.load(w.bids, w.asks)
  let sink = 0
  const start = performance.now()
  for (const u of w.updates) {
    candidate.apply(u.bids, u.asks)
    if (withView) sink += candidate.view()[0]?.[0] ?? 0
  }
  const elapsed = performance.now() - start
  if (sink < 0) throw new Error('unreachable')
  return rate(w.updates.length, elapsed)
}

const fmt = (perSecond: number): string => `${(perSecond / 1_000).toFixed(0).padStart(7)} k/s`

const argRounds = (): number => {
  const i = process.argv.indexOf('--rounds')
  const n = i < 0 ? NaN : Number(process.argv[i + 1])
  return Number.isInteger(n) && n > 0 ? n : 7
}

const rounds = argRounds()
const depths = [5, 50, 400, 5_000]
const candidates = [flat, chunkedTuples, chunked, mapBook]

const heapOnly = process.argv.includes('--heap-only')
/** With `--json-line`, the figures are also printed as one last line `BOOKS_JSON {…}` for `pnpm bench`. */
const jsonLine = process.argv.includes('--json-line')
interface Recorded { readonly name: string; readonly depth: number; readonly unit: string; readonly samples: readonly number[] }
const recorded: Recorded[] = []

console.log(`node ${process.version}, ${rounds} rounds, median updates/s (1-3 changes per update)\n`)
// Rounds are interleaved (each round runs every candidate once) so that load from other processes spreads evenly.
for (const withView of heapOnly ? [] : [false, true]) {
  console.log(`mode: ${withView ? 'apply+view' : 'apply'}`)
  console.log(`${'candidate'.padEnd(30)}${depths.map((d) => `depth ${d}`.padStart(12)).join('')}`)
  const cells = candidates.map(() => [] as string[])
  for (const depth of depths) {
    const full = workload(depth, 200_000)
    // the naive Map sorts the whole book per view: give it fewer updates at depth
    const short = { ...full, updates: full.updates.slice(0, Math.max(2_000, 200_000 / depth)) }
    const load = (make: () => Candidate) => (make === mapBook && withView ? short : full)
    for (const make of candidates) measure(make, load(make), withView) // warm-up
    const samples = candidates.map(() => [] as number[])
    for (let round = 0; round < rounds; round++) {
      candidates.forEach((make, c) => samples[c]?.push(measure(make, load(make), withView)))
    }
    samples.forEach((xs, c) => {
      cells[c]?.push(fmt(median(xs)))
      recorded.push({ name: `${withView ? 'apply+view' : 'apply'}: ${candidates[c]?.().name ?? '?'}`, depth, unit: 'updates/s', samples: xs })
    })
  }
  candidates.forEach((make, c) => console.log(`${make().name.padEnd(30)}${(cells[c] ?? []).map((x) => x.padStart(12)).join('')}`))
  console.log('')
}

// ---------------------------------------------------------------------------------------------------------------
// The engine's full path: createBookMachine on BookUpdate events (sequence rule, truncation, checksum-free), one
// published immutable book per update.

const channel: VenueChannel = { key: 'bench', group: 'public', topic: 'bench', request: { kind: 'book', symbol: 'BTC/USDT' } }
const events = (w: Workload): { snapshot: BookSnapshot; updates: BookUpdate[] } => ({
  snapshot: { kind: 'book-snapshot', venue: 'bench', symbol: 'BTC/USDT', ts: 0, receivedAt: 0, bids: w.bids, asks: w.asks, seq: 0 },
  updates: w.updates.map((u, i) => ({ kind: 'book-update', venue: 'bench', symbol: 'BTC/USDT', ts: i, receivedAt: i, bids: u.bids, asks: u.asks, prevSeq: i, seq: i + 1 })),
})

console.log('engine full path: createBookMachine.handle per update (chainedSequence, maxDepth = depth)')
for (const depth of heapOnly ? [] : [400, 5_000]) {
  const e = events(workload(depth, 200_000, 7))
  const once = (): number => {
    const machine = createBookMachine({
      venue: 'bench', symbol: 'BTC/USDT', channel, now: () => 0,
      rules: { sequence: chainedSequence, snapshot: { source: 'stream' }, maxDepth: () => depth * 2 },
    })
    machine.handle({ type: 'event', event: e.snapshot })
    const start = performance.now()
    for (const u of e.updates) machine.handle({ type: 'event', event: u })
    const elapsed = performance.now() - start
    if (machine.status !== 'live') throw new Error(`book went ${machine.status}`)
    return rate(e.updates.length, elapsed)
  }
  once()
  const samples = Array.from({ length: rounds }, once)
  const perSecond = median(samples)
  recorded.push({ name: 'engine full path (createBookMachine)', depth, unit: 'updates/s', samples })
  console.log(`  depth ${String(depth).padStart(5)}: ${fmt(perSecond)}  (${(1e6 / perSecond).toFixed(2)} µs per update)`)
}

// ---------------------------------------------------------------------------------------------------------------
// Heap: 300 books x 400 levels a side, levels built as a mapper builds them from JSON text, then 2 000 updates per
// book (also parsed from JSON, one copy per book; splits and copies may leave slack behind).

const gc = (globalThis as { gc?: () => void }).gc
const heapOf = (label: string, build: () => readonly Candidate[]): void => {
  if (gc === undefined) return
  gc()
  const before = process.memoryUsage().heapUsed
  const books = build()
  gc()
  const used = process.memoryUsage().heapUsed - before
  const levels = books.reduce((n, b) => n + b.count(), 0)
  const mb = (used / 1e6).toFixed(1).padStart(5)
  recorded.push({ name: `heap 300 books: ${label}`, depth: 400, unit: 'MB', samples: [used / 1e6] })
  console.log(`  ${label.padEnd(48)} ${mb} MB  ${String(levels).padStart(7)} levels  ${(used / levels).toFixed(0)} bytes a level`)
}

if (gc === undefined) console.log('\nheap: run with --expose-gc to measure')
else {
  const w = workload(400, 2_000, 3)
  const raw = (levels: readonly BookLevel[]) => levels.map((l) => [l[2], l[3]])
  const snapshotText = JSON.stringify({ bids: raw(w.bids), asks: raw(w.asks) })
  const updatesText = JSON.stringify(w.updates.map((u) => ({ bids: raw(u.bids), asks: raw(u.asks) })))
  type Sides = { bids: [string, string][]; asks: [string, string][] }
  const toLevel = ([p, s]: [string, string]): BookLevel => [Number(p), Number(s), p, s]
  const parsed = () => Array.from({ length: 300 }, () => JSON.parse(snapshotText) as Sides)
  console.log('\nheap: 300 books x 400 levels a side (strings from JSON.parse, as a mapper builds them)')
  for (const make of [flat, chunkedTuples, chunked]) {
    heapOf(`${make().name}, after snapshot`, () =>
      parsed().map((raw) => {
        const c = make()
        c.load(raw.bids.map(toLevel), raw.asks.map(toLevel))
        return c
      }),
    )
    heapOf(`${make().name}, after 2 000 updates`, () =>
      parsed().map((raw) => {
        const c = make()
        c.load(raw.bids.map(toLevel), raw.asks.map(toLevel))
        for (const u of JSON.parse(updatesText) as Sides[]) {
          c.apply(u.bids.map(toLevel), u.asks.map(toLevel))
          c.view()
        }
        return c
      }),
    )
  }
}

if (jsonLine) console.log(`BOOKS_JSON ${JSON.stringify({ recorded })}`)
