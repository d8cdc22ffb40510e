import type { BookLevel } from '../model/book'
import type { Chunk } from './chunk'
import { decode, STRIDE } from './packed-level'
import type { BookSide } from './side'

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
  /** The side it was taken from, and that side's change count then: while they match, the side still holds it. */
  readonly source: BookSide
  readonly changes: number
}

const levelAt = (chunk: Chunk, i: number): BookLevel => decode(chunk.data, i, chunk.raws, chunk.extra)

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

export const unknownBest = (): BestLevel => ({ known: false, level: undefined })

