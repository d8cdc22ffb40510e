import type { BookLevel } from '../model/book'
import { L2Book } from './l2-book'
import { digitsFor, TEXT } from './packed-level'

const meta = { venue: 'test', symbol: 'X', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }

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
