import type { BookLevel } from '../model/book'
import { keepsText, pack, packed, STRIDE, TEXT } from './packed-level'

/**
 * Up to 32 levels, best first, packed as unboxed doubles (see `packed-level.ts`). Beside them, allocated only when a
 * level needs it: `raws`, one per level, the raw size's number when it is not the size (sizes converted from
 * contracts); `extra`, two per level, the raw strings that cannot be rebuilt from their number.
 * @internal
 */
export interface Chunk {
  readonly data: number[]
  raws: number[] | undefined
  extra: (string | undefined)[] | undefined
  /** The side's epoch when the chunk was made: it may change in place only within that epoch (no snapshot has it). */
  readonly epoch: number
}

/** Levels per chunk before it splits in two: 32 measured best at 400 levels with a view per update (16-128 tried). */
export const MAX_CHUNK = 32
/** Zeros as unboxed doubles for a chunk one level past full (it splits then): a slice is a chunk's data at its exact size. */
const ZEROS: readonly number[] = Array.from({ length: (MAX_CHUNK + 1) * STRIDE }, () => 0.5).fill(0)
// Bound once: CommonJS output reads an imported binding through a getter on every use.
const last = packed

/** A chunk of `levels` empty slots. */
export const emptyChunk = (levels: number, epoch: number): Chunk => ({ data: ZEROS.slice(0, levels * STRIDE), raws: undefined, extra: undefined, epoch })

/**
 * A copy of `data` with an empty slot at level i, at its exact size (one allocation and one pass: slicing around
 * the slot and concatenating costs twice as much, splicing into a copy grows it with slack).
 */
export const withSlot = (data: readonly number[], i: number): number[] => {
  const out = ZEROS.slice(0, data.length + STRIDE)
  const at = i * STRIDE
  for (let k = 0; k < at; k++) out[k] = data[k] as number
  for (let k = at; k < data.length; k++) out[k + STRIDE] = data[k] as number
  return out
}

/** The raw sizes' numbers of a chunk's levels, one per level (a fresh array, exact size). */
export const rawsOf = (chunk: Pick<Chunk, 'data' | 'raws'>): number[] => {
  if (chunk.raws !== undefined) return chunk.raws.slice()
  const { data } = chunk
  const raws = ZEROS.slice(0, data.length / STRIDE)
  for (let i = 0; i < raws.length; i++) raws[i] = data[i * STRIDE + 1] as number
  return raws
}

/**
 * Packs `level` into slot i of `chunk`, keeping its raw size's number when it is not the size, and a raw string as
 * text when its number cannot rebuild it.
 */
export const writeLevel = (chunk: Chunk, i: number, level: BookLevel): void => {
  const code = pack(chunk.data, i * STRIDE, level)
  const rawSize = last.rawSize
  if (chunk.raws !== undefined) chunk.raws[i] = rawSize
  else if (rawSize !== level[1]) (chunk.raws = rawsOf(chunk))[i] = rawSize
  if (chunk.extra === undefined && !keepsText(code)) return
  chunk.extra ??= new Array<string | undefined>((chunk.data.length / STRIDE) * 2).fill(undefined)
  chunk.extra[i * 2] = code >>> 8 === TEXT ? level[2] : undefined
  chunk.extra[i * 2 + 1] = (code & 0xff) === TEXT ? level[3] : undefined
}

/**
 * Best-first levels (sorted, distinct prices, none of size 0) packed into full chunks: a held book costs the fewest
 * chunks (~100 bytes each besides its levels), and an insert splits only the chunk it lands in.
 */
export const chunksOf = (levels: readonly BookLevel[], epoch: number): Chunk[] => {
  const chunks: Chunk[] = []
  for (let from = 0; from < levels.length; from += MAX_CHUNK) {
    const chunk = emptyChunk(Math.min(MAX_CHUNK, levels.length - from), epoch)
    for (let i = 0; i < chunk.data.length / STRIDE; i++) writeLevel(chunk, i, levels[from + i] as BookLevel)
    chunks.push(chunk)
  }
  // pushing grew the list's store to 17 slots: an exact-size copy is what a held side keeps
  return chunks.slice()
}
