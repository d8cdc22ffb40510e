/**
 * CRC32 (IEEE 802.3, as zlib computes it) as a register you can extend piece by piece, and extend by a piece
 * whose own CRC is already known in O(1): what a checksum over many short texts (each book level's venue text)
 * needs when most pieces are unchanged since the last time.
 *
 * The register starts at {@link CRC32_START}; the CRC of everything fed is `~register` (signed 32-bit).
 * @example
 * const piece = crc32Text(0, 'b')                                   // the piece's register from 0
 * const crc = ~crc32Append(crc32Text(CRC32_START, 'a'), piece, 1)   // === ~crc32Text(CRC32_START, 'ab')
 */
export const CRC32_START = -1

const TABLE = new Int32Array(256)
for (let n = 0; n < 256; n++) {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  TABLE[n] = c
}
/** The byte table: feeding byte b to register r gives `CRC32_TABLE[(r ^ b) & 0xff] ^ (r >>> 8)`. Never write to it. */
export const CRC32_TABLE: Readonly<Int32Array> = TABLE

/** The register after one more byte. */
export const crc32Byte = (register: number, byte: number): number => (TABLE[(register ^ byte) & 0xff] as number) ^ (register >>> 8)

/** Which table entry has each top byte (CRC32's table has all 256 distinct): what undoes a byte. */
const BY_TOP_BYTE = new Uint8Array(256)
for (let n = 0; n < 256; n++) BY_TOP_BYTE[(TABLE[n] as number) >>> 24] = n

/** The register that one more `byte` turns into `register`: `crc32Byte(crc32Unfeed(r, b), b) === r`. */
export const crc32Unfeed = (register: number, byte: number): number => {
  const index = BY_TOP_BYTE[register >>> 24] as number
  return ((register ^ (TABLE[index] as number)) << 8) | ((index ^ byte) & 0xff)
}

/** The register after `bytes[from..to)`. */
export const crc32Bytes = (register: number, bytes: Uint8Array, from: number, to: number): number => {
  let r = register
  for (let i = from; i < to; i++) r = (TABLE[(r ^ (bytes[i] as number)) & 0xff] as number) ^ (r >>> 8)
  return r
}

const encoder = new TextEncoder()

/** The register after the UTF-8 bytes of `text`. */
export const crc32Text = (register: number, text: string): number => {
  let r = register
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80) {
      const bytes = encoder.encode(text.slice(i))
      return crc32Bytes(r, bytes, 0, bytes.length)
    }
    r = (TABLE[(r ^ c) & 0xff] as number) ^ (r >>> 8)
  }
  return r
}

/** Longest run of zero bytes with its own table; longer runs chain tables. */
const MAX_RUN = 64
/**
 * Per run length n (1..64): the register after n zero bytes from each value of each register byte, as four
 * 256-entry tables (the map is linear, so the four lookups XOR together). Built on first use of each length.
 */
const zeroRuns: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(MAX_RUN + 1).fill(undefined)

const zeroRunTable = (n: number): Int32Array => {
  const table = new Int32Array(1024)
  for (let lane = 0; lane < 4; lane++) {
    const base = lane * 256
    for (let bit = 0; bit < 8; bit++) {
      let r = 1 << (lane * 8 + bit)
      for (let k = 0; k < n; k++) r = (TABLE[r & 0xff] as number) ^ (r >>> 8)
      table[base + (1 << bit)] = r
    }
    for (let v = 3; v < 256; v++) {
      const low = v & -v
      if (low !== v) table[base + v] = (table[base + (v ^ low)] as number) ^ (table[base + low] as number)
    }
  }
  return table
}

/** The register after `n` zero bytes: four lookups per 64 bytes. */
const skipZeros = (register: number, n: number): number => {
  let r = register
  let left = n
  while (left > 0) {
    const run = left < MAX_RUN ? left : MAX_RUN
    const t = (zeroRuns[run] ??= zeroRunTable(run))
    r = (t[r & 0xff] as number) ^ (t[256 + ((r >>> 8) & 0xff)] as number) ^ (t[512 + ((r >>> 16) & 0xff)] as number) ^ (t[768 + (r >>> 24)] as number)
    left -= run
  }
  return r
}

/**
 * The register after a piece of `length` bytes whose register, fed from 0, is `piece` (the CRC register is affine
 * in its start: feeding bytes from `r` gives `zeros(r, length) ^ piece`). A piece of up to 64 bytes (a book level's
 * text) costs four lookups in one table.
 */
export const crc32Append = (register: number, piece: number, length: number): number => {
  if (length <= 0 || length > MAX_RUN) return skipZeros(register, length) ^ piece
  const t = (zeroRuns[length] ??= zeroRunTable(length))
  return (
    (t[register & 0xff] as number) ^
    (t[256 + ((register >>> 8) & 0xff)] as number) ^
    (t[512 + ((register >>> 16) & 0xff)] as number) ^
    (t[768 + (register >>> 24)] as number) ^
    piece
  )
}
