import type { BookLevel, OrderBook } from '../model/book'
import { rawBound, STRIDE, writeRaw, writeText } from './packed-level'
import type { Chunk } from './side'
import { BookView } from './view'

/** Bytes `writeRaw` may need for a level with no text kept: two numbers of at most 20 decimals and a colon. */
const MAX_FIXED_LEVEL = 2 * (24 + 20) + 1

/** A growable byte buffer of text (UTF-8; ASCII for decimals), reused across calls. */
export class ByteText {
  bytes = new Uint8Array(1024)
  length = 0

  clear(): void {
    this.length = 0
  }

  push(byte: number): void {
    this.reserve(1)
    this.bytes[this.length++] = byte
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  /** The text so far (a view on the buffer, valid until the next write). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length)
  }
}

/**
 * Reads one side of a book best level first, appending each level's raw text (`rawPrice:rawSize`, the strings the
 * venue sent) to a {@link ByteText}: what a checksum over the venue's text (OKX CRC32) needs, with no string built
 * per level. Books from the book engine are read straight from their packed levels; any other {@link OrderBook}
 * through `top(n)`.
 * @example
 * bids.open(book, 'bids', 25)
 * while (bids.appendNext(text)) text.push(58)
 */
export class RawLevelReader {
  private chunks: readonly Chunk[] = []
  private levels: readonly BookLevel[] = []
  private chunk = 0
  private at = 0
  private left = 0

  /** Starts reading the best `n` levels of `side`. */
  open(book: Pick<OrderBook, 'top'>, side: 'bids' | 'asks', n: number): void {
    this.chunk = 0
    this.at = 0
    this.left = n
    if (book instanceof BookView) {
      this.chunks = book.sideOf(side).chunks
      this.levels = []
    } else {
      this.chunks = []
      this.levels = book.top(n)[side]
    }
  }

  /** Appends the next level's raw text to `text`; false (nothing appended) once the side or `n` is exhausted. */
  appendNext(text: ByteText): boolean {
    if (this.left <= 0) return false
    const chunk = this.chunks[this.chunk]
    if (chunk !== undefined) {
      const { data, extra } = chunk
      const at = this.at
      const xi = (at / STRIDE) * 2
      text.reserve(extra === undefined ? MAX_FIXED_LEVEL : rawBound(data, at, extra, xi))
      text.length = writeRaw(data, at, extra, xi, text.bytes, text.length)
      this.left--
      if (at + STRIDE < data.length) this.at = at + STRIDE
      else {
        this.chunk++
        this.at = 0
      }
      return true
    }
    const level = this.levels[this.at]
    if (level === undefined) return false
    text.reserve(3 * (level[2].length + level[3].length) + 1)
    text.length = writeText(level[2], text.bytes, text.length)
    text.bytes[text.length++] = 58
    text.length = writeText(level[3], text.bytes, text.length)
    this.at++
    this.left--
    return true
  }
}
