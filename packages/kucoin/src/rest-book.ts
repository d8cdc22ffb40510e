import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { fastPath, FiniteNumber, IntFromString, JsonScanner, SCAN_END, SCAN_FAIL, type BookLevel } from '@tributary/core'
import { DecimalString } from './codecs'
import { scanRows } from './fast-scan'
import { CheckedText, LEVELS } from './fast-text'
import { FIRST_KEY, ScanKeys } from './scan-keys'

// Copied once: in CommonJS output every use of a re-exported binding is a getter call.
const END = SCAN_END
const FAIL = SCAN_FAIL

const Level = t.tuple([DecimalString, DecimalString], 'KucoinLevel')
/** `data` of the REST order-book endpoints: `sequence` is a string here (an integer in the stream). */
export const KucoinRestBook = t.type(
  { time: FiniteNumber, sequence: IntFromString, bids: t.array(Level), asks: t.array(Level) },
  'KucoinRestBook',
)
export type KucoinRestBook = t.TypeOf<typeof KucoinRestBook>

/** A REST book with its levels as the model has them (`[price, size, rawPrice, rawSize]`). */
export interface KucoinRestLevels {
  readonly time: number
  readonly sequence: number
  readonly bids: readonly BookLevel[]
  readonly asks: readonly BookLevel[]
}

const toLevel = ([p, s]: readonly [string, string]): BookLevel => [Number(p), Number(s), p, s]

/** {@link KucoinRestBook} with its levels mapped. */
export const toRestLevels = (book: KucoinRestBook): KucoinRestLevels => ({
  time: book.time,
  sequence: book.sequence,
  bids: book.bids.map(toLevel),
  asks: book.asks.map(toLevel),
})

const restBook = fastPath(KucoinRestBook)
/**
 * Decodes as {@link KucoinRestBook} (same name, same errors and paths: a refinement, as core's path formatting
 * expects), answering the mapped levels.
 */
export const KucoinRestLevels = new t.RefinementType<typeof KucoinRestBook, KucoinRestLevels, unknown, unknown>(
  KucoinRestBook.name,
  (_u): _u is KucoinRestLevels => false,
  (u, c) => pipe(restBook.validate(u, c), E.map(toRestLevels)),
  t.identity,
  KucoinRestBook,
  () => true,
)

const QUOTE = 34
const ENVELOPE = ['code', 'msg', 'data']
const BOOK = ['time', 'sequence', 'bids', 'asks']
const SUCCESS = '"200000"'
/** A side of the book written compactly, matched where the scanner stands. */
const COMPACT_LEVELS = new RegExp(LEVELS, 'y')

/**
 * The fast path of the REST book (`{"code":"200000","data":{time, sequence, bids, asks}}`): reads the body with a
 * JsonScanner, no JSON.parse, no io-ts. It answers only a successful envelope whose `data` decodes as
 * {@link KucoinRestBook}, exactly as the full path (JSON.parse + envelope + codec + {@link toRestLevels}) would;
 * anything else (another code, a member twice, an escape, an odd row) is `undefined` and goes the full path, which
 * reports it. Not reentrant (one scanner, reused).
 */
export const createRestBookScan = (): ((body: string) => KucoinRestLevels | undefined) => {
  const s = new JsonScanner()
  const envelopeKeys = new ScanKeys(ENVELOPE)
  const bookKeys = new ScanKeys(BOOK)
  const checked = new CheckedText()

  /** `[[price, size], …]`, every row exactly two decimals. */
  const levels = (): readonly BookLevel[] | undefined => {
    // written compactly (as KuCoin sends it): checked by the expression, then read trusting that form
    COMPACT_LEVELS.lastIndex = s.pos
    if (COMPACT_LEVELS.test(s.text)) {
      const out = checked.levels(s.text, s.pos, false)
      s.pos = checked.pos
      return out
    }
    return scanRows(s, false)
  }

  const book = (): KucoinRestLevels | undefined => {
    if (!s.beginObject()) return undefined
    let seen = 0
    let time = 0
    let sequence = 0
    let bids: readonly BookLevel[] = []
    let asks: readonly BookLevel[] = []
    for (let k = bookKeys.listed(s, FIRST_KEY, seen); k !== END; k = bookKeys.listed(s, k, seen)) {
      if (k === FAIL) return undefined
      seen |= 1 << k
      if (k === 0) {
        const n = s.number()
        if (n === undefined || !Number.isFinite(n)) return undefined
        time = n
      } else if (k === 1) {
        const text = s.string()
        const n = text === undefined || !/^-?\d+$/.test(text) ? NaN : Number(text)
        if (!Number.isSafeInteger(n)) return undefined
        sequence = n
      } else {
        const side = levels()
        if (side === undefined) return undefined
        if (k === 2) bids = side
        else asks = side
      }
    }
    return seen === 15 ? { time, sequence, bids, asks } : undefined
  }

  const read = (body: string): KucoinRestLevels | undefined => {
    s.reset(body)
    if (!s.beginObject()) return undefined
    let seen = 0
    let data: KucoinRestLevels | undefined
    for (let k = envelopeKeys.listed(s, FIRST_KEY, seen); k !== END; k = envelopeKeys.listed(s, k, seen)) {
      if (k === FAIL) return undefined
      seen |= 1 << k
      if (k === 0) {
        if (s.peek() !== QUOTE || !s.text.startsWith(SUCCESS, s.pos)) return undefined
        s.pos += SUCCESS.length
      } else if (k === 1) {
        // `msg`, when sent, is any string
        if (s.peek() !== QUOTE || !s.skipValue()) return undefined
      } else {
        data = book()
        if (data === undefined) return undefined
      }
    }
    return (seen & 1) === 1 && s.end() ? data : undefined
  }

  return (body) => {
    const book = read(body)
    s.reset('') // a body is tens of kB: not kept until the next one
    return book
  }
}
