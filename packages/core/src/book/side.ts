import type { BookLevel } from '../model/book'
import { decode, digitsFor, STRIDE, TEXT } from './packed-level'

/** Levels per chunk before it splits in two: 32 measured best at 400 levels with a view per update (16-128 tried). */
const MAX_CHUNK = 32
/** A chunk this small merges with its successor when the two fit in one. */
const MIN_CHUNK = 8
const EMPTY_SLOT: readonly number[] = [0, 0, 0, 0]

/**
 * Up to 32 levels, best first, packed as unboxed doubles (see `packed-level.ts`); `extra` holds, two per level, the
 * raw strings that cannot be rebuilt from their number (allocated only when one is needed).
 * @internal
 */
export interface Chunk {
  readonly data: number[]
  extra: (string | undefined)[] | undefined
}

/**
 * The decoded best level, shared by every snapshot taken while it stays the best (decoded once, on first read).
 * @internal
 */
export interface BestLevel {
  known: boolean
  level: BookLevel | undefined
}

/**
 * A frozen side as handed to views: best-first chunks, never mutated again.
 * @internal
 */
export interface SideSnapshot {
  readonly chunks: readonly Chunk[]
  readonly count: number
  readonly best: BestLevel
}

const levelAt = (chunk: Chunk, i: number): BookLevel => decode(chunk.data, i * STRIDE, chunk.extra, i * 2)

/** Best-first levels of a snapshot, at most `n` of them (fresh array). */
export const topOf = (side: SideSnapshot, n: number): BookLevel[] => {
  const out: BookLevel[] = []
  for (const chunk of side.chunks) {
    const size = chunk.data.length / STRIDE
    for (let i = 0; i < size; i++) {
      if (out.length >= n) return out
      out.push(levelAt(chunk, i))
    }
  }
  return out
}

/** Every level of a snapshot, best-first (fresh array). */
export const levelsOf = (side: SideSnapshot): BookLevel[] => topOf(side, side.count)

/** The best level of a snapshot. */
export const bestOf = (side: SideSnapshot): BookLevel | undefined => {
  const { best } = side
  if (!best.known) {
    const first = side.chunks[0]
    best.level = first === undefined ? undefined : levelAt(first, 0)
    best.known = true
  }
  return best.level
}

const unknownBest = (): BestLevel => ({ known: false, level: undefined })

const chunkOf = (levels: readonly BookLevel[]): Chunk => {
  const chunk: Chunk = { data: [], extra: undefined }
  for (let i = 0; i < levels.length; i++) {
    chunk.data.push(0, 0, 0, 0)
    write(chunk, i, levels[i] as BookLevel)
  }
  return { data: chunk.data.slice(), extra: chunk.extra?.slice() } // exact capacity: no slack left by push
}

/** Packs `level` into slot i of `chunk`. */
const write = (chunk: Chunk, i: number, level: BookLevel): void => {
  const price = level[0]
  const size = level[1]
  const rawPrice = level[2]
  const rawSize = level[3]
  const rawSizeValue = Number(rawSize)
  const priceDigits = price === Number(rawPrice) ? digitsFor(rawPrice, price) : TEXT
  const sizeDigits = digitsFor(rawSize, rawSizeValue)
  const at = i * STRIDE
  const data = chunk.data
  data[at] = price
  data[at + 1] = size
  data[at + 2] = rawSizeValue
  data[at + 3] = priceDigits * 256 + sizeDigits
  if (priceDigits !== TEXT && sizeDigits !== TEXT && chunk.extra === undefined) return
  chunk.extra ??= new Array<string | undefined>((data.length / STRIDE) * 2).fill(undefined)
  chunk.extra[i * 2] = priceDigits === TEXT ? rawPrice : undefined
  chunk.extra[i * 2 + 1] = sizeDigits === TEXT ? rawSize : undefined
}

const copy = (chunk: Chunk): Chunk => ({ data: chunk.data.slice(), extra: chunk.extra?.slice() })

/**
 * One side of an L2 book: price-sorted chunks of at most 32 packed levels, best level first, copied on write.
 * `snapshot()` hands out the current chunks in O(1); the next change copies only the chunk list and the chunk it
 * touches, so a kept snapshot never changes and an update costs O(log n + 32 + n/32) whatever the depth.
 * @internal
 */
export class BookSide {
  private chunks: Chunk[] = []
  /** Whether chunk i was copied since the last snapshot (may be changed in place). */
  private owned: boolean[] = []
  /** Whether `chunks` itself is referenced by a snapshot. */
  private shared = false
  private size = 0
  /** Replaced (never changed) whenever the best level changes. */
  private best = unknownBest()

  /** @param descending true for bids (best = highest price), false for asks. */
  constructor(private readonly descending: boolean) {}

  get count(): number {
    return this.size
  }

  /** Price of the best level. */
  get bestPrice(): number | undefined {
    return this.chunks[0]?.data[0]
  }

  /** Whether price `a` sorts before (is better than) `b` on this side. */
  private before(a: number, b: number): boolean {
    return this.descending ? a > b : a < b
  }

  /** Replaces every level. Input in any order; size-0 levels are ignored, a repeated price keeps the last. */
  load(levels: readonly BookLevel[]): void {
    const live = levels.filter((l) => l[1] !== 0)
    let sorted = true
    for (let i = 1; i < live.length && sorted; i++) sorted = this.before((live[i - 1] as BookLevel)[0], (live[i] as BookLevel)[0])
    if (!sorted) {
      live.sort((a, b) => (this.descending ? b[0] - a[0] : a[0] - b[0]))
      // a stable sort keeps a repeated price in input order: keep the last of each run
      let w = 0
      for (let r = 0; r < live.length; r++) {
        const level = live[r] as BookLevel
        if (w > 0 && (live[w - 1] as BookLevel)[0] === level[0]) live[w - 1] = level
        else live[w++] = level
      }
      live.length = w
    }
    const half = MAX_CHUNK / 2
    const chunks: Chunk[] = []
    for (let i = 0; i < live.length; i += half) chunks.push(chunkOf(live.slice(i, i + half)))
    this.chunks = chunks
    this.owned = chunks.map(() => true)
    this.shared = false
    this.size = live.length
    this.best = unknownBest()
  }

  /** Sets a level to its absolute size; size 0 deletes it. */
  set(level: BookLevel): void {
    const price = level[0]
    const chunks = this.chunks
    // first chunk whose worst level is not better than `price`
    let lo = 0
    let hi = chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const data = (chunks[mid] as Chunk).data
      if (this.before(data[data.length - STRIDE] as number, price)) lo = mid + 1
      else hi = mid
    }
    if (hi < 0) {
      if (level[1] === 0) return
      this.insertChunk(0, chunkOf([level]))
      this.best = unknownBest()
      return
    }
    const ci = lo
    const data = (chunks[ci] as Chunk).data
    let a = 0
    let b = data.length / STRIDE
    while (a < b) {
      const mid = (a + b) >>> 1
      if (this.before(data[mid * STRIDE] as number, price)) a = mid + 1
      else b = mid
    }
    const found = a * STRIDE < data.length && data[a * STRIDE] === price
    if (ci === 0 && a === 0 && (found || level[1] !== 0)) this.best = unknownBest()
    if (level[1] === 0) {
      if (found) this.removeAt(ci, a)
    } else if (found) {
      write(this.own(ci), a, level)
    } else {
      this.insertAt(ci, a, level)
    }
  }

  /** Drops the worst levels beyond `depth`. */
  truncate(depth: number): void {
    if (depth <= 0 && this.size > 0) this.best = unknownBest()
    while (this.size > depth) {
      const last = this.chunks.length - 1
      const levels = (this.chunks[last] as Chunk).data.length / STRIDE
      const excess = this.size - depth
      if (excess >= levels) {
        this.ownList()
        this.chunks.pop()
        this.owned.pop()
        this.size -= levels
      } else {
        const chunk = this.own(last)
        chunk.data.length = (levels - excess) * STRIDE
        if (chunk.extra !== undefined) chunk.extra.length = (levels - excess) * 2
        this.size = depth
      }
    }
  }

  /** Freezes the current levels: the returned snapshot never changes. O(1). */
  snapshot(): SideSnapshot {
    this.shared = true
    return { chunks: this.chunks, count: this.size, best: this.best }
  }

  private ownList(): void {
    if (!this.shared) return
    this.chunks = this.chunks.slice()
    this.owned.fill(false)
    this.shared = false
  }

  private own(ci: number): Chunk {
    this.ownList()
    if (this.owned[ci] === true) return this.chunks[ci] as Chunk
    const mine = copy(this.chunks[ci] as Chunk)
    this.chunks[ci] = mine
    this.owned[ci] = true
    return mine
  }

  private insertChunk(ci: number, chunk: Chunk): void {
    this.ownList()
    this.chunks.splice(ci, 0, chunk)
    this.owned.splice(ci, 0, true)
    this.size += chunk.data.length / STRIDE
  }

  private insertAt(ci: number, i: number, level: BookLevel): void {
    this.ownList()
    let chunk = this.chunks[ci] as Chunk
    if (this.owned[ci] === true) {
      chunk.data.splice(i * STRIDE, 0, 0, 0, 0, 0)
      chunk.extra?.splice(i * 2, 0, undefined, undefined)
    } else {
      // copy and insert in one exact-size allocation (splicing into a fresh copy would grow it with slack)
      const { data, extra } = chunk
      chunk = {
        data: data.slice(0, i * STRIDE).concat(EMPTY_SLOT, data.slice(i * STRIDE)),
        extra: extra === undefined ? undefined : extra.slice(0, i * 2).concat([undefined, undefined], extra.slice(i * 2)),
      }
    }
    write(chunk, i, level)
    this.size++
    if (chunk.data.length <= MAX_CHUNK * STRIDE) {
      this.chunks[ci] = chunk
      this.owned[ci] = true
      return
    }
    const half = MAX_CHUNK / 2
    const head: Chunk = { data: chunk.data.slice(0, half * STRIDE), extra: chunk.extra?.slice(0, half * 2) }
    const tail: Chunk = { data: chunk.data.slice(half * STRIDE), extra: chunk.extra?.slice(half * 2) }
    this.chunks.splice(ci, 1, head, tail)
    this.owned.splice(ci, 1, true, true)
  }

  private removeAt(ci: number, i: number): void {
    const chunk = this.own(ci)
    chunk.data.splice(i * STRIDE, STRIDE)
    chunk.extra?.splice(i * 2, 2)
    this.size--
    const levels = chunk.data.length / STRIDE
    if (levels === 0) {
      this.chunks.splice(ci, 1)
      this.owned.splice(ci, 1)
    } else if (levels < MIN_CHUNK) {
      const next = this.chunks[ci + 1]
      if (next !== undefined && levels + next.data.length / STRIDE <= MAX_CHUNK) {
        const extra =
          chunk.extra === undefined && next.extra === undefined
            ? undefined
            : [...(chunk.extra ?? new Array<undefined>(levels * 2)), ...(next.extra ?? new Array<undefined>(next.data.length / 2))]
        this.chunks.splice(ci, 2, { data: chunk.data.concat(next.data), extra })
        this.owned.splice(ci, 2, true)
      }
    }
  }
}
