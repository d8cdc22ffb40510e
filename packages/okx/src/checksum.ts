import { crc32 as zlibCrc32 } from 'node:zlib'
import { CRC32_START, crc32Append, crc32Unfeed, levelCrcs, type OrderBook } from '@tributary/core'

/** CRC32 (IEEE 802.3 / zlib) of a string's UTF-8 bytes, as a signed 32-bit integer like OKX sends it. */
export const crc32 = (text: string | Uint8Array): number => zlibCrc32(text) | 0

/** Levels per side the OKX checksum covers. */
export const CHECKSUM_DEPTH = 25

const COLON = 58

/**
 * The text OKX checksums: best 25 bids and asks interleaved per level index (`bidPx:bidSz:askPx:askSz:…`,
 * the longer side's remaining levels following), over the raw strings as sent.
 */
export const checksumText = (
  bids: readonly (readonly [string, string])[],
  asks: readonly (readonly [string, string])[],
): string => {
  const parts: string[] = []
  for (let i = 0; i < CHECKSUM_DEPTH; i++) {
    const bid = bids[i]
    const ask = asks[i]
    if (bid !== undefined) parts.push(`${bid[0]}:${bid[1]}`)
    if (ask !== undefined) parts.push(`${ask[0]}:${ask[1]}`)
  }
  return parts.join(':')
}

// Bound once: CommonJS output reads an imported binding through a getter on every use, too slow for this loop.
const append = crc32Append
const crcsOf = levelCrcs
/** Feeding ':' from here gives the CRC32 start: so every level can be fed with the ':' before it, the first too. */
const START = crc32Unfeed(CRC32_START, COLON)

/**
 * The OKX checksum of a book (levels best-first): CRC32 of {@link checksumText} over each level's raw price and
 * size. Each level's text, with the ':' before it, has its own CRC (kept by the book engine for its latest view and
 * recomputed only where an update touched it); they are chained in O(1) each.
 */
export const okxChecksum = (book: Pick<OrderBook, 'top'>): number => {
  const bids = crcsOf(book, 'bids', CHECKSUM_DEPTH, COLON)
  const asks = crcsOf(book, 'asks', CHECKSUM_DEPTH, COLON)
  if (bids.count + asks.count === 0) return 0
  const b = bids.entries
  const a = asks.entries
  let register = START
  for (let i = 0; i < CHECKSUM_DEPTH; i++) {
    if (i < bids.count) register = append(register, b[2 * i] as number, b[2 * i + 1] as number)
    if (i < asks.count) register = append(register, a[2 * i] as number, a[2 * i + 1] as number)
  }
  return ~register
}
