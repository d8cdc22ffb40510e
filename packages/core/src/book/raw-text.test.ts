import fc from 'fast-check'
import type { BookLevel } from '../model/book'
import { L2Book } from './l2-book'
import { digitsFor, TEXT, writeFixed } from './packed-level'
import { ByteText, RawLevelReader } from './raw-text'

const meta = { venue: 'test', symbol: 'X', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }
const decoder = new TextDecoder()

/** A decimal string as venues send them: trailing zeros, many decimals, big integers, now and then an exponent. */
const decimal = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.nat({ max: 18 })).map(([n, d]) => {
    const digits = n.toString().padStart(d + 1, '0')
    return d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`
  }),
  fc.constantFrom('1e-7', '.5', '5.', '007', '0.0', '123456789.123456789', '0.00000167', '458105.370372', '-1.5', '1e21'),
  fc.double({ min: 0, max: 1e12, noNaN: true }).map(String),
)

const textOf = (levels: readonly BookLevel[]): string => levels.map((l) => `${l[2]}:${l[3]}`).join(':')

const readAll = (book: Parameters<RawLevelReader['open']>[0], side: 'bids' | 'asks', n: number): string => {
  const text = new ByteText()
  const reader = new RawLevelReader()
  reader.open(book, side, n)
  while (reader.appendNext(text)) text.push(58)
  if (text.length > 0) text.length--
  return decoder.decode(text.view())
}

describe('writeFixed', () => {
  it('writes what toFixed gives for every decimal the book packs by digit count', () => {
    const out = new Uint8Array(64)
    fc.assert(
      fc.property(decimal, (raw) => {
        const value = Number(raw)
        const digits = digitsFor(raw, value)
        fc.pre(digits !== TEXT)
        expect(decoder.decode(out.subarray(0, writeFixed(value, digits, out, 0)))).toBe(value.toFixed(digits))
      }),
      { numRuns: 5000 },
    )
  })

  it('writes at an offset, leaving the bytes before it alone', () => {
    const out = new Uint8Array(16).fill(120)
    const end = writeFixed(2043.2, 2, out, 3)
    expect(decoder.decode(out.subarray(0, end))).toBe('xxx2043.20')
  })

  it('writes values beyond 15 significant digits through toFixed', () => {
    const out = new Uint8Array(64)
    expect(decoder.decode(out.subarray(0, writeFixed(1234567890123456.7, 1, out, 0)))).toBe((1234567890123456.7).toFixed(1))
  })
})

describe('RawLevelReader', () => {
  const level = fc.tuple(decimal, decimal).map(([px, sz]): BookLevel => [Number(px), Number(sz), px, sz])

  it('appends the raw strings of the best levels of a book-engine view, as top(n) gives them', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 80 }), fc.array(level, { maxLength: 20 }), fc.nat({ max: 60 }), (levels, updates, n) => {
        const book = new L2Book()
        book.replace({ bids: levels, asks: levels })
        book.apply({ bids: updates, asks: updates })
        const view = book.view(meta)
        const top = view.top(n)
        expect(readAll(view, 'bids', n)).toBe(textOf(top.bids))
        expect(readAll(view, 'asks', n)).toBe(textOf(top.asks))
      }),
      { numRuns: 300 },
    )
  })

  it('reads any other book through top(n)', () => {
    const levels: BookLevel[] = [[1, 2, '1.0', '2'], [0.5, 1, '5e-1', 'ü1']]
    const book = { top: (n: number) => ({ bids: levels.slice(0, n), asks: [] }) }
    expect(readAll(book, 'bids', 5)).toBe('1.0:2:5e-1:ü1')
    expect(readAll(book, 'bids', 1)).toBe('1.0:2')
    expect(readAll(book, 'asks', 5)).toBe('')
  })

  it('grows its buffer for long raw strings', () => {
    const long = `1.${'0'.repeat(3000)}`
    const book = new L2Book()
    book.replace({ bids: [[1, 1, long, '1']], asks: [] })
    expect(readAll(book.view(meta), 'bids', 1)).toBe(`${long}:1`)
  })
})
