import { crc32 as zlibCrc32 } from 'node:zlib'
import { ByteText, RawLevelReader, type OrderBook } from '@tributary/core'

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

// Reused by every call: the checksum runs synchronously, start to end, on one thread.
const text = new ByteText()
const bids = new RawLevelReader()
const asks = new RawLevelReader()

/**
 * The OKX checksum of a book (levels best-first): CRC32 of {@link checksumText} over each level's raw price and
 * size, written as bytes straight from the book's levels (no string is built).
 */
export const okxChecksum = (book: Pick<OrderBook, 'top'>): number => {
  text.clear()
  bids.open(book, 'bids', CHECKSUM_DEPTH)
  asks.open(book, 'asks', CHECKSUM_DEPTH)
  for (let i = 0; i < CHECKSUM_DEPTH; i++) {
    if (bids.appendNext(text)) text.push(COLON)
    if (asks.appendNext(text)) text.push(COLON)
  }
  if (text.length > 0) text.length-- // the last separator
  return crc32(text.view())
}
