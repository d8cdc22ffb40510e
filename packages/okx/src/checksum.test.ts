import fc from 'fast-check'
import { L2Book, type BookLevel, type OrderBook } from '@tributary/core'
import { CHECKSUM_DEPTH, checksumText, crc32, okxChecksum } from './checksum'

const level = (px: string, sz: string): BookLevel => [Number(px), Number(sz), px, sz]

describe('crc32', () => {
  it.each([
    ['A (real frame)', '0.0025:20:0.003:1506', 1483419732],
    [
      'B (real frame)',
      '0.0065:5:0.008:300:0.006:305:0.0085:402:0.0055:601:0.009:301:0.001:2:0.0105:305:0.0005:10:0.019:13:0.026:6:0.14:6:0.2:2',
      -90978610,
    ],
    ['C', '3366.1:7:3366.8:9:3366:6:3368:8:3372:8', 1362239393],
    ['D', '3366.1:7', -201739918],
  ])('matches vector %s', (_name, text, expected) => {
    expect(crc32(text)).toBe(expected)
  })

  it('matches the zlib check value for "123456789"', () => {
    expect(crc32('123456789') >>> 0).toBe(0xcbf43926)
  })
})

describe('checksumText', () => {
  it('interleaves bids and asks, the longer side following', () => {
    expect(checksumText([['3366.1', '7'], ['3366', '6']], [['3366.8', '9'], ['3368', '8'], ['3372', '8']])).toBe(
      '3366.1:7:3366.8:9:3366:6:3368:8:3372:8',
    )
  })

  it('covers only the best 25 levels per side', () => {
    const bids = Array.from({ length: 30 }, (_, i) => [String(100 - i), '1'] as const)
    expect(checksumText(bids, []).split(':').length).toBe(50)
  })
})

describe('okxChecksum', () => {
  it('uses the raw strings of the book levels', () => {
    const book = { top: () => ({ bids: [level('3366.1', '7')], asks: [] }) }
    expect(okxChecksum(book)).toBe(-201739918)
  })

  it('does not reformat numbers: trailing zeros change the checksum', () => {
    const raw = { top: () => ({ bids: [level('3366.10', '7')], asks: [] }) }
    expect(okxChecksum(raw)).not.toBe(-201739918)
  })
})

describe('okxChecksum on a book-engine view', () => {
  const meta = { venue: 'okx', symbol: 'X', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }
  const decimal = fc.oneof(
    fc.tuple(fc.nat({ max: 10 ** 9 }), fc.nat({ max: 12 })).map(([n, d]) => (n / 10 ** d).toFixed(d)),
    fc.constantFrom('3366.10', '0.00000167', '458105.370372', '1e-7', '.5', '007', '123456789.123456789'),
  )
  const level = fc.tuple(decimal, decimal).map(([px, sz]): BookLevel => [Number(px), Number(sz), px, sz])
  /** The checksum as OKX documents it: the text built from `top(25)`'s raw strings, then CRC32. */
  const byText = (book: OrderBook): number => {
    const { bids, asks } = book.top(CHECKSUM_DEPTH)
    return crc32(checksumText(bids.map((l) => [l[2], l[3]] as const), asks.map((l) => [l[2], l[3]] as const)))
  }

  it('equals the CRC32 of the text built from top(25)', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 60 }), fc.array(level, { maxLength: 60 }), (bids, asks) => {
        const book = new L2Book()
        book.replace({ bids, asks })
        const view = book.view(meta)
        expect(okxChecksum(view)).toBe(byText(view))
      }),
      { numRuns: 300 },
    )
  })

  it('matches real-frame vector B from the levels of a book', () => {
    const raw = (px: string, sz: string): BookLevel => [Number(px), Number(sz), px, sz]
    const book = new L2Book()
    book.replace({
      bids: [raw('0.0065', '5'), raw('0.006', '305'), raw('0.0055', '601'), raw('0.001', '2'), raw('0.0005', '10')],
      asks: [raw('0.008', '300'), raw('0.0085', '402'), raw('0.009', '301'), raw('0.0105', '305'), raw('0.019', '13'), raw('0.026', '6'), raw('0.14', '6'), raw('0.2', '2')],
    })
    expect(okxChecksum(book.view(meta))).toBe(-90978610)
  })
})
