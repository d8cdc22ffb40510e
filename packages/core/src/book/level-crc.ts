import type { BookLevel, OrderBook } from '../model/book'
import { CRC32_TABLE, crc32Bytes } from './crc32'
import { rawBound, STRIDE, writeRaw } from './packed-level'
import { topOf } from './side-snapshot'
import { BookView } from './view'

/**
 * The CRC32 of each best level's venue text, `rawPrice:rawSize` (the strings as sent) preceded by a separator byte,
 * best first: with {@link crc32Append} a checksum over those texts (OKX books) costs O(levels), not O(bytes).
 */
export interface LevelCrcs {
  /** Levels covered: the `n` asked for, or fewer when the side is shorter. */
  readonly count: number
  /**
   * Two per level: the CRC32 register (from 0) after the separator and the level's text, then their length in
   * UTF-8 bytes (the separator's byte included).
   */
  readonly entries: Int32Array
}

// Bound once: CommonJS output reads an imported binding through a getter on every use.
const TABLE = CRC32_TABLE
const feedBytes = crc32Bytes
const encoder = new TextEncoder()
const COLON = 58
let scratch = new Uint8Array(256)

/** Packed levels of one chunk (see `side.ts`). */
interface PackedChunk {
  readonly data: readonly number[]
  readonly raws: readonly number[] | undefined
  readonly extra: readonly (string | undefined)[] | undefined
}

/**
 * The {@link LevelCrcs} of a side's best `depth` levels. The engine's sides keep one up to date as they change: a
 * write within the entries known recomputes that entry from the event's strings, an insert or delete shifts the
 * entries after it, and entries not known (after a snapshot, a delete, a truncation) are computed from the packed
 * levels on the next read.
 * @internal
 */
export class LevelCrcCache implements LevelCrcs {
  count = 0
  readonly entries: Int32Array
  /** Entries of levels 0..known-1 are right; the others are computed on the next read. */
  private known = 0
  /** The register after the separator alone, from 0. */
  private readonly start: number

  /** @param separator The byte that precedes each level's text. */
  constructor(
    readonly depth: number,
    readonly separator: number,
  ) {
    this.entries = new Int32Array(depth * 2)
    this.start = TABLE[separator & 0xff] as number
  }

  /** How many levels the entries cover: a change at a global index up to this one must be reported. */
  get watched(): number {
    return this.known
  }

  /** The level at global index g now holds `level`. */
  set(g: number, level: BookLevel): void {
    if (g < this.known) this.compute(g, level)
  }

  /** `level` was inserted at global index g. */
  insert(g: number, level: BookLevel): void {
    if (g > this.known || g >= this.depth) return
    const end = Math.min(this.known, this.depth - 1)
    this.entries.copyWithin(g * 2 + 2, g * 2, end * 2)
    this.known = end + 1
    this.compute(g, level)
  }

  /** The level at global index g was removed. */
  remove(g: number): void {
    if (g >= this.known) return
    this.entries.copyWithin(g * 2, g * 2 + 2, this.known * 2)
    this.known--
  }

  /** Only the best `n` levels are left as they were. */
  forget(n: number): void {
    if (n < this.known) this.known = Math.max(0, n)
  }

  /** Makes the first `min(n, depth, size)` entries right, reading unknown ones from `chunks`; returns this. */
  read(chunks: readonly PackedChunk[], size: number, n: number): LevelCrcs {
    const count = Math.min(n, this.depth, size)
    let g = 0
    for (let c = 0; c < chunks.length && this.known < count; c++) {
      const { data, raws, extra } = chunks[c] as PackedChunk
      const levels = data.length / STRIDE
      for (let i = Math.max(0, this.known - g); i < levels && this.known < count; i++) {
        const bound = rawBound(data, i, extra)
        if (bound > scratch.length) scratch = new Uint8Array(bound * 2)
        const end = writeRaw(data, i, raws, extra, scratch, 0)
        this.entries[this.known * 2] = feedBytes(this.start, scratch, 0, end)
        this.entries[this.known * 2 + 1] = end + 1
        this.known++
      }
      g += levels
    }
    this.count = count
    return this
  }

  /** Fills the entries from tuples: books that are not the engine's, or views no longer current. */
  fill(levels: readonly BookLevel[]): LevelCrcs {
    for (let i = 0; i < levels.length && i < this.depth; i++) this.compute(i, levels[i] as BookLevel)
    this.known = this.count = Math.min(levels.length, this.depth)
    return this
  }

  /** Sets entry i to the register and length of `rawPrice:rawSize`. */
  private compute(i: number, level: BookLevel): void {
    const rawPrice = level[2]
    const rawSize = level[3]
    let r = this.start
    let wide = 0
    for (let k = 0; k < rawPrice.length; k++) {
      const c = rawPrice.charCodeAt(k)
      wide |= c
      r = (TABLE[(r ^ c) & 0xff] as number) ^ (r >>> 8)
    }
    r = (TABLE[(r ^ COLON) & 0xff] as number) ^ (r >>> 8)
    for (let k = 0; k < rawSize.length; k++) {
      const c = rawSize.charCodeAt(k)
      wide |= c
      r = (TABLE[(r ^ c) & 0xff] as number) ^ (r >>> 8)
    }
    let length = rawPrice.length + rawSize.length + 2
    if (wide >= 0x80) {
      const bytes = encoder.encode(`${rawPrice}:${rawSize}`)
      r = feedBytes(this.start, bytes, 0, bytes.length)
      length = bytes.length + 1
    }
    this.entries[i * 2] = r
    this.entries[i * 2 + 1] = length
  }
}

/**
 * The {@link LevelCrcs} of the best `n` levels of one side of `book`, each level's text preceded by `separator`.
 * For the book engine's latest view of a book they are kept up to date as the book changes (O(n) to read; a
 * level's text is recomputed only when an update touches it); any other book is read through `top(n)`. Read the
 * result before the book changes again.
 * @example
 * // CRC32 of the bids' text `p:s:p:s…`: start where feeding ':' leads to the CRC32 start, then chain the levels
 * const { count, entries } = levelCrcs(book, 'bids', 25, 58)
 * let register = crc32Unfeed(CRC32_START, 58)
 * for (let i = 0; i < count; i++) register = crc32Append(register, entries[2 * i] ?? 0, entries[2 * i + 1] ?? 0)
 * const crc = count === 0 ? 0 : ~register
 */
export const levelCrcs = (book: Pick<OrderBook, 'top'>, side: 'bids' | 'asks', n: number, separator: number): LevelCrcs => {
  const depth = Math.max(0, n)
  if (!(book instanceof BookView)) return new LevelCrcCache(depth, separator).fill(book.top(depth)[side])
  const snapshot = book.sideOf(side)
  return snapshot.source.crcsOf(snapshot, depth, separator) ?? new LevelCrcCache(depth, separator).fill(topOf(snapshot, depth))
}
