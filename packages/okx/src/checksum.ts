import type { OrderBook } from '@tributary/core'

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC32 (IEEE 802.3 / zlib) of a string's UTF-8 bytes, as a signed 32-bit integer like OKX sends it. */
export const crc32 = (text: string): number => {
  let crc = 0xffffffff
  for (const byte of Buffer.from(text, 'utf8')) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) | 0
}

/** Levels per side the OKX checksum covers. */
export const CHECKSUM_DEPTH = 25

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

/** The OKX checksum of a book (levels best-first), computed over each level's raw price and size. */
export const okxChecksum = (book: Pick<OrderBook, 'top'>): number => {
  const { bids, asks } = book.top(CHECKSUM_DEPTH)
  return crc32(checksumText(bids.map((l) => [l[2], l[3]] as const), asks.map((l) => [l[2], l[3]] as const)))
}
