import fc from 'fast-check'
import type { BookLevel } from '../model/book'
import { L2Book } from './l2-book'
import { decode, digitsFor, pack, packed, rawBound, TEXT, writeFixed, writeRaw } from './packed-level'

const meta = { venue: 'test', symbol: 'X', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }
const decoder = new TextDecoder()

/** A decimal string as venues send them: trailing zeros, many decimals, big integers, now and then an exponent. */
const decimal = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.nat({ max: 24 })).map(([n, d]) => {
    const digits = n.toString().padStart(d + 1, '0')
    return d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`
  }),
  fc.constantFrom('1e-7', '.5', '5.', '007', '0.0', '123456789.123456789', '0.00000167', '458105.370372', '-1.5', '1e21', 'ü1', ''),
  fc.double({ min: 0, max: 1e12, noNaN: true }).map(String),
)

describe('digitsFor', () => {
  it.each([
    ['2043.20', 2043.2, 2],
    ['415', 415, 0],
    ['0.00000001', 1e-8, 8],
    ['0', 0, 0],
    ['1e-7', 1e-7, TEXT],
    ['.5', 0.5, TEXT],
    ['+1', 1, TEXT],
    ['123456789.123456789', 123456789.123456789, TEXT],
    ['0.1234567890123456789012', 0.1234567890123456789012, TEXT],
    ['1e21', 1e21, TEXT],
    ['0123', 123, TEXT],
    ['5.', 5, TEXT],
    ['0.0', 0, 1],
    ['1234567890.12345', 1234567890.12345, 5],
    ['-1.5', -1.5, 1],
    ['1.2.3', NaN, TEXT],
    ['00.1', 0.1, TEXT],
    ['999999999999999', 999999999999999, 0],
    ['1000000000000000', 1e15, 0],
    ['0.000000000000001', 1e-15, 15],
  ])('rebuilds %j from %d with %d digits', (raw, value, digits) => {
    expect(digitsFor(raw, value)).toBe(digits)
  })
})

describe('packed levels', () => {
  it.each<[string, BookLevel]>([
    ['fixed decimals with trailing zeros', [2043.2, 40.7, '2043.20', '40.700']],
    ['a raw size in contracts, not base units', [196.4, 7.74, '196.4', '774']],
    ['an exponent the venue sent', [1e-7, 5, '1e-7', '5']],
    ['a size with a leading point', [10, 0.5, '10', '.5']],
    ['more digits than a double holds', [123456789.12345679, 1, '123456789.123456789', '1']],
    ['a price string that is not the price number', [10, 1, '10.5', '1']],
    ['leading zeros', [7, 1, '007', '01.50']],
  ])('keeps the raw strings of %s exactly', (_, level) => {
    const book = new L2Book()
    book.replace({ bids: [level, [1e-9, 1, '0.000000001', '1']], asks: [] })
    book.apply({ bids: [[0.5e-9, 2, '5e-10', '2.0']], asks: [] })
    expect(book.view(meta).bids).toEqual([level, [1e-9, 1, '0.000000001', '1'], [0.5e-9, 2, '5e-10', '2.0']])
  })
})

describe('pack', () => {
  /** Packs a level alone; its raw size's number (when not the size) and strings kept as text go where a chunk would keep them. */
  const packOne = (level: BookLevel) => {
    const data = [0, 0, 0]
    const code = pack(data, 0, level)
    const raws = packed.rawSize === level[1] ? undefined : [packed.rawSize]
    const extra = [code >>> 8 === TEXT ? level[2] : undefined, (code & 0xff) === TEXT ? level[3] : undefined]
    return { data, raws, extra }
  }

  it('stores the raw size as Number would parse it, and decodes to the level it was given', () => {
    fc.assert(
      fc.property(decimal, decimal, fc.boolean(), fc.boolean(), (rawPrice, rawSize, samePrice, sameSize) => {
        const level: BookLevel = [samePrice ? Number(rawPrice) : 42.5, Number(rawSize) * (sameSize ? 1 : 3), rawPrice, rawSize]
        fc.pre(Number.isFinite(level[0]) && Number.isFinite(level[1]))
        const { data, raws, extra } = packOne(level)
        expect(Object.is(packed.rawSize, Number(rawSize))).toBe(true)
        expect(decode(data, 0, raws, extra)).toEqual(level)
      }),
      { numRuns: 3000 },
    )
  })

  it('writes the raw text of a packed level byte for byte', () => {
    fc.assert(
      fc.property(decimal, decimal, fc.boolean(), (rawPrice, rawSize, sameSize) => {
        const level: BookLevel = [Number(rawPrice), sameSize ? Number(rawSize) : 1, rawPrice, rawSize]
        fc.pre(Number.isFinite(level[0]))
        const { data, raws, extra } = packOne(level)
        const out = new Uint8Array(rawBound(data, 0, extra))
        expect(decoder.decode(out.subarray(0, writeRaw(data, 0, raws, extra, out, 0)))).toBe(`${rawPrice}:${rawSize}`)
      }),
      { numRuns: 3000 },
    )
  })
})

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
