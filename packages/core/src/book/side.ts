import type { BookLevel } from '../model/book'
import { chunksOf, emptyChunk, MAX_CHUNK, rawsOf, withSlot, writeLevel, type Chunk } from './chunk'
import { LevelCrcCache, type LevelCrcs } from './level-crc'
import { STRIDE } from './packed-level'
import { unknownBest, type SideSnapshot } from './side-snapshot'

/** A chunk this small merges with its successor when the two fit in one. */
const MIN_CHUNK = 8

/**
 * One side of an L2 book: price-sorted chunks of at most 32 packed levels, best level first, copied on write.
 * `snapshot()` hands out the current chunks in O(1); the next change copies only the chunk list and the chunk it
 * touches, so a kept snapshot never changes and an update costs O(log n + 32 + n/32) whatever the depth.
 * @internal
 */
export class BookSide {
  private chunks: Chunk[] = []
  /** Whether `chunks` itself is referenced by a snapshot. */
  private shared = false
  /** Chunks made since the last snapshot carry this epoch: only they may change in place. */
  private epoch = 0
  private size = 0
  /** Replaced (never changed) whenever the best level changes. */
  private best = unknownBest()
  /** Bumped by every change: a snapshot taken at the same count is the side as it is now. */
  private changes = 0
  /** The last snapshot, handed out again while nothing changed. */
  private last: SideSnapshot | undefined
  /** The CRC32 of the best levels' text, once a checksum asked for it. */
  private crcs: LevelCrcCache | undefined
  /** -1 for bids, 1 for asks: level `a` sorts before (is better than) `b` when `sign * a < sign * b`. */
  private readonly sign: number

  /** @param descending true for bids (best = highest price), false for asks. */
  constructor(descending: boolean) {
    this.sign = descending ? -1 : 1
  }

  get count(): number {
    return this.size
  }

  /** Price of the best level. */
  get bestPrice(): number | undefined {
    return this.chunks[0]?.data[0]
  }

  /** Replaces every level. Input in any order; size-0 levels are ignored, a repeated price keeps the last. */
  load(levels: readonly BookLevel[]): void {
    const sign = this.sign
    const live = levels.filter((l) => l[1] !== 0)
    let sorted = true
    for (let i = 1; i < live.length && sorted; i++) sorted = sign * (live[i - 1] as BookLevel)[0] < sign * (live[i] as BookLevel)[0]
    if (!sorted) {
      live.sort((a, b) => sign * (a[0] - b[0]))
      // a stable sort keeps a repeated price in input order: keep the last of each run
      let w = 0
      for (let r = 0; r < live.length; r++) {
        const level = live[r] as BookLevel
        if (w > 0 && (live[w - 1] as BookLevel)[0] === level[0]) live[w - 1] = level
        else live[w++] = level
      }
      live.length = w
    }
    this.chunks = chunksOf(live, this.epoch)
    this.shared = false
    this.size = live.length
    this.best = unknownBest()
    this.changes++
    this.crcs?.forget(0)
  }

  /** Sets a level to its absolute size; size 0 deletes it. */
  set(level: BookLevel): void {
    this.changes++
    const sign = this.sign
    const key = sign * level[0]
    const chunks = this.chunks
    // first chunk whose worst level is not better than the price (updates mostly land in the first)
    let lo = 0
    let hi = chunks.length - 1
    const first = chunks[0]
    if (first !== undefined && !(sign * (first.data[first.data.length - STRIDE] as number) < key)) hi = 0
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const data = (chunks[mid] as Chunk).data
      if (sign * (data[data.length - STRIDE] as number) < key) lo = mid + 1
      else hi = mid
    }
    if (hi < 0) {
      if (level[1] === 0) return
      this.ownList()
      this.chunks.push(emptyChunk(1, this.epoch))
      writeLevel(this.chunks[0] as Chunk, 0, level)
      this.size = 1
      this.best = unknownBest()
      this.crcs?.insert(0, level)
      return
    }
    const ci = lo
    const data = (chunks[ci] as Chunk).data
    let a = 0
    let b = data.length / STRIDE
    while (a < b) {
      const mid = (a + b) >>> 1
      if (sign * (data[mid * STRIDE] as number) < key) a = mid + 1
      else b = mid
    }
    const found = a * STRIDE < data.length && data[a * STRIDE] === level[0]
    if (level[1] === 0 && !found) return
    if (ci === 0 && a === 0) this.best = unknownBest()
    const g = this.watchedIndex(ci, a)
    if (level[1] === 0) {
      this.removeAt(ci, a)
      if (g >= 0) this.crcs?.remove(g)
    } else if (found) {
      writeLevel(this.own(ci), a, level)
      if (g >= 0) this.crcs?.set(g, level)
    } else {
      this.insertAt(ci, a, level)
      if (g >= 0) this.crcs?.insert(g, level)
    }
  }

  /**
   * The global index of level `a` of chunk `ci` when the CRC cache must hear of a change there (it lies within
   * the entries it knows, or just after them); -1 otherwise.
   */
  private watchedIndex(ci: number, a: number): number {
    const crcs = this.crcs
    if (crcs === undefined) return -1
    const limit = crcs.watched
    let g = a
    for (let c = 0; c < ci && g <= limit; c++) g += (this.chunks[c] as Chunk).data.length / STRIDE
    return g <= limit ? g : -1
  }

  /**
   * The CRC32 of the best `n` levels' text (after `separator`), valid until the side changes, when `snapshot` is
   * still this side as it is now; undefined otherwise.
   */
  crcsOf(snapshot: SideSnapshot, n: number, separator: number): LevelCrcs | undefined {
    if (snapshot.changes !== this.changes) return undefined
    if (this.crcs === undefined || this.crcs.depth < n || this.crcs.separator !== separator) this.crcs = new LevelCrcCache(n, separator)
    return this.crcs.read(this.chunks, this.size, n)
  }

  /** Drops the worst levels beyond `depth`. */
  truncate(depth: number): void {
    if (this.size <= depth) return
    this.changes++
    this.crcs?.forget(depth)
    if (depth <= 0) this.best = unknownBest()
    this.ownList()
    while (this.size > depth) {
      const last = this.chunks.length - 1
      const levels = (this.chunks[last] as Chunk).data.length / STRIDE
      const excess = this.size - depth
      if (excess >= levels) {
        this.chunks.pop()
        this.size -= levels
      } else {
        const chunk = this.own(last)
        chunk.data.length = (levels - excess) * STRIDE
        if (chunk.raws !== undefined) chunk.raws.length = levels - excess
        if (chunk.extra !== undefined) chunk.extra.length = (levels - excess) * 2
        this.size = depth
      }
    }
  }

  /** Freezes the current levels: the returned snapshot never changes. O(1). */
  snapshot(): SideSnapshot {
    if (this.last?.changes === this.changes) return this.last
    this.shared = true
    this.epoch++
    this.last = { chunks: this.chunks, count: this.size, best: this.best, source: this, changes: this.changes }
    return this.last
  }

  private ownList(): void {
    if (!this.shared) return
    this.chunks = this.chunks.slice()
    this.shared = false
  }

  private own(ci: number): Chunk {
    this.ownList()
    const chunk = this.chunks[ci] as Chunk
    if (chunk.epoch === this.epoch) return chunk
    const mine: Chunk = { data: chunk.data.slice(), raws: chunk.raws?.slice(), extra: chunk.extra?.slice(), epoch: this.epoch }
    this.chunks[ci] = mine
    return mine
  }

  private insertAt(ci: number, i: number, level: BookLevel): void {
    this.ownList()
    let chunk = this.chunks[ci] as Chunk
    if (chunk.epoch === this.epoch) {
      chunk.data.splice(i * STRIDE, 0, 0, 0, 0)
      chunk.raws?.splice(i, 0, 0)
      chunk.extra?.splice(i * 2, 0, undefined, undefined)
    } else {
      const { data, raws, extra } = chunk
      chunk = {
        data: withSlot(data, i),
        raws: raws === undefined ? undefined : raws.slice(0, i).concat(0, raws.slice(i)),
        extra: extra === undefined ? undefined : extra.slice(0, i * 2).concat([undefined, undefined], extra.slice(i * 2)),
        epoch: this.epoch,
      }
    }
    writeLevel(chunk, i, level)
    this.size++
    if (chunk.data.length <= MAX_CHUNK * STRIDE) {
      this.chunks[ci] = chunk
      return
    }
    const half = MAX_CHUNK / 2
    const { data, raws, extra } = chunk
    const head: Chunk = { data: data.slice(0, half * STRIDE), raws: raws?.slice(0, half), extra: extra?.slice(0, half * 2), epoch: this.epoch }
    const tail: Chunk = { data: data.slice(half * STRIDE), raws: raws?.slice(half), extra: extra?.slice(half * 2), epoch: this.epoch }
    this.chunks.splice(ci, 1, head, tail)
  }

  private removeAt(ci: number, i: number): void {
    const chunk = this.own(ci)
    chunk.data.splice(i * STRIDE, STRIDE)
    chunk.raws?.splice(i, 1)
    chunk.extra?.splice(i * 2, 2)
    this.size--
    const levels = chunk.data.length / STRIDE
    if (levels === 0) {
      this.chunks.splice(ci, 1)
    } else if (levels < MIN_CHUNK) {
      const next = this.chunks[ci + 1]
      if (next !== undefined && levels + next.data.length / STRIDE <= MAX_CHUNK) {
        const extra =
          chunk.extra === undefined && next.extra === undefined
            ? undefined
            : [...(chunk.extra ?? new Array<undefined>(levels * 2)), ...(next.extra ?? new Array<undefined>((next.data.length / STRIDE) * 2))]
        const raws = chunk.raws === undefined && next.raws === undefined ? undefined : rawsOf(chunk).concat(rawsOf(next))
        this.chunks.splice(ci, 2, { data: chunk.data.concat(next.data), raws, extra, epoch: this.epoch })
      }
    }
  }
}
