import fc from 'fast-check'
import { crc32 as zlibCrc32 } from 'node:zlib'
import type { BookLevel, OrderBook } from '../model/book'
import { CRC32_START, crc32Append, crc32Text, crc32Unfeed } from './crc32'
import { L2Book } from './l2-book'
import { levelCrcs, type LevelCrcs } from './level-crc'

const meta = { venue: 'test', symbol: 'X', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }
const encoder = new TextEncoder()

/** The side's best levels chained `p:s:p:s…` through the CRCs under test (each with the ':' before it). */
const chained = ({ count, entries }: LevelCrcs): number => {
  let register = crc32Unfeed(CRC32_START, 58)
  for (let i = 0; i < count; i++) register = crc32Append(register, entries[2 * i] ?? NaN, entries[2 * i + 1] ?? NaN)
  return count === 0 ? 0 : ~register
}

/** The same from the levels' strings, through zlib. */
const expected = (levels: readonly BookLevel[]) => ({
  crc: zlibCrc32(levels.map((l) => `${l[2]}:${l[3]}`).join(':')) | 0,
  lengths: levels.map((l) => encoder.encode(`:${l[2]}:${l[3]}`).length),
})
const actual = (crcs: LevelCrcs) => ({ crc: chained(crcs), lengths: Array.from({ length: crcs.count }, (_, i) => crcs.entries[2 * i + 1]) })

/** Venue strings in several shapes: plain, trailing zeros, exponent and non-ASCII (both kept as text). */
const rawOf = (price: number, size: number, format: number): BookLevel => {
  switch (format) {
    case 1:
      return [price, size, price.toFixed(3), size.toFixed(2)]
    case 2:
      return [price, size, price.toExponential(), String(size)]
    case 3:
      return [price, size, String(price), `${size}µ`]
    default:
      return [price, size, String(price), String(size)]
  }
}

const change = fc
  .record({
    bid: fc.boolean(),
    offset: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }) }, fc.integer({ min: 0, max: 300 })),
    size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 999 }).map((n) => n / 10)),
    format: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ bid, offset, size, format }) => ({ bid, level: rawOf(bid ? 999 - offset : 1_001 + offset, size, format) }))
const sides = (changes: readonly { bid: boolean; level: BookLevel }[]) => ({
  bids: changes.filter((c) => c.bid).map((c) => c.level),
  asks: changes.filter((c) => !c.bid).map((c) => c.level),
})
const step = fc.oneof(
  { weight: 8, arbitrary: fc.array(change, { minLength: 1, maxLength: 6 }).map((changes) => ({ kind: 'apply' as const, changes })) },
  { weight: 1, arbitrary: fc.array(change, { minLength: 8, maxLength: 40 }).map((changes) => ({ kind: 'apply' as const, changes })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((depth) => ({ kind: 'truncate' as const, depth })) },
  { weight: 1, arbitrary: fc.array(change, { maxLength: 120 }).map((changes) => ({ kind: 'replace' as const, changes })) },
)

describe('levelCrcs', () => {
  it('gives the CRC and length of each best level of the latest view, however the book changed', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), fc.array(fc.tuple(step, fc.nat()), { maxLength: 60 }), (snapshot, depth, steps) => {
        const book = new L2Book()
        book.replace(sides(snapshot))
        for (const [s, seed] of steps) {
          if (s.kind === 'apply') book.apply(sides(s.changes))
          else if (s.kind === 'truncate') book.truncate(s.depth)
          else book.replace(sides(s.changes))
          const view = book.view(meta)
          // the depth the checksum reads, and now and then fewer levels (the cache keeps its depth)
          const n = seed % 4 === 0 ? seed % (depth + 1) : depth
          const top = view.top(n)
          expect([actual(levelCrcs(view, 'bids', n, 58)), actual(levelCrcs(view, 'asks', n, 58))]).toEqual([expected(top.bids), expected(top.asks)])
        }
      }),
      { numRuns: 300 },
    )
  })

  it('gives the CRCs of a view kept while its book changed on', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.array(step, { minLength: 1, maxLength: 20 }), (snapshot, steps) => {
        const book = new L2Book()
        book.replace(sides(snapshot))
        const kept = book.view(meta)
        void levelCrcs(kept, 'bids', 25, 58) // its CRCs were read once while it was the latest
        for (const s of steps) {
          if (s.kind === 'apply') book.apply(sides(s.changes))
          else if (s.kind === 'truncate') book.truncate(s.depth)
          else book.replace(sides(s.changes))
          void levelCrcs(book.view(meta), 'bids', 25, 58)
        }
        const top = kept.top(25)
        expect([actual(levelCrcs(kept, 'bids', 25, 58)), actual(levelCrcs(kept, 'asks', 25, 58))]).toEqual([expected(top.bids), expected(top.asks)])
      }),
      { numRuns: 200 },
    )
  })

  it('reads any other book through top(n)', () => {
    const levels: BookLevel[] = [[1, 2, '1.0', '2'], [0.5, 1, '5e-1', 'ü1']]
    const book: Pick<OrderBook, 'top'> = { top: (n) => ({ bids: levels.slice(0, n), asks: [] }) }
    expect([actual(levelCrcs(book, 'bids', 5, 58)), actual(levelCrcs(book, 'asks', 5, 58))]).toEqual([expected(levels), expected([])])
  })

  it('computes its entries again for another separator', () => {
    const book = new L2Book()
    book.replace({ bids: [[1, 1, '1', '1']], asks: [] })
    const view = book.view(meta)
    const colon = levelCrcs(view, 'bids', 25, 58).entries[0]
    expect([levelCrcs(view, 'bids', 25, 44).entries[0], colon]).toEqual([crc32Text(0, ',1:1'), crc32Text(0, ':1:1')])
  })

  it('covers fewer levels than asked when the side is shorter', () => {
    const book = new L2Book()
    book.replace({ bids: [[1, 1, '1', '1']], asks: [] })
    expect(levelCrcs(book.view(meta), 'bids', 25, 58).count).toBe(1)
  })
})
