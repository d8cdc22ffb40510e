import type { BookLevel } from '../model/book'
import { keepsText, pack, STRIDE, TEXT } from './packed-level'

/**
 * Up to 32 levels, best first, packed as unboxed doubles (see `packed-level.ts`); `extra` holds, two per level, the
 * raw strings that cannot be rebuilt from their number (allocated only when one is needed).
 * @internal
 */
export interface Chunk {
  readonly data: number[]
  extra: (string | undefined)[] | undefined
  /** The side's epoch when the chunk was made: it may change in place only within that epoch (no snapshot has it). */
  readonly epoch: number
}

/** Levels per chunk before it splits in two: 32 measured best at 400 levels with a view per update (16-128 tried). */
export const MAX_CHUNK = 32
/** Levels per chunk when a side is built whole from a snapshot. */
const HALF_CHUNK = MAX_CHUNK / 2
/** Zeros as unboxed doubles: slicing it gives a chunk's data at its exact size, ready to pack into. */
const ZEROS: readonly number[] = Array.from({ length: MAX_CHUNK * STRIDE }, () => 0.5).fill(0)

/** A chunk of `levels` empty slots. */
export const emptyChunk = (levels: number, epoch: number): Chunk => ({ data: ZEROS.slice(0, levels * STRIDE), extra: undefined, epoch })

/** Packs `level` into slot i of `chunk`, keeping a raw string as text when its number cannot rebuild it. */
export const writeLevel = (chunk: Chunk, i: number, level: BookLevel): void => {
  const code = pack(chunk.data, i * STRIDE, level)
  if (chunk.extra === undefined && !keepsText(code)) return
  chunk.extra ??= new Array<string | undefined>((chunk.data.length / STRIDE) * 2).fill(undefined)
  chunk.extra[i * 2] = code >>> 8 === TEXT ? level[2] : undefined
  chunk.extra[i * 2 + 1] = (code & 0xff) === TEXT ? level[3] : undefined
}

/** Best-first levels (sorted, distinct prices, none of size 0) packed into chunks of 16. */
export const chunksOf = (levels: readonly BookLevel[], epoch: number): Chunk[] => {
  const chunks: Chunk[] = []
  for (let from = 0; from < levels.length; from += HALF_CHUNK) {
    const chunk = emptyChunk(Math.min(HALF_CHUNK, levels.length - from), epoch)
    for (let i = 0; i < chunk.data.length / STRIDE; i++) writeLevel(chunk, i, levels[from + i] as BookLevel)
    chunks.push(chunk)
  }
  return chunks
}
