import fc from 'fast-check'
import type { BookLevel } from '../model/book'
import { level } from './__tests__/events'
import { L2Book } from './l2-book'

const meta = { venue: 'test', symbol: 'BTC/USDT', status: 'live' as const, seq: 1, ts: 1, receivedAt: 2 }
const prices = (levels: readonly BookLevel[]) => levels.map((l) => l[0])
const levels = (pairs: readonly (readonly [number, number])[]) => pairs.map(([p, s]) => level(p, s))

const bookOf = (bids: readonly (readonly [number, number])[], asks: readonly (readonly [number, number])[]) => {
  const book = new L2Book()
  book.replace({ bids: levels(bids), asks: levels(asks) })
  return book
}

describe('L2Book', () => {
  it.each([
    ['sorts an unsorted snapshot best-first', [[1, 1], [3, 1], [2, 1]], [[6, 1], [4, 1], [5, 1]], [3, 2, 1], [4, 5, 6]],
    ['ignores size-0 levels in a snapshot', [[1, 0], [2, 1]], [[4, 1], [5, 0]], [2], [4]],
    ['accepts an empty snapshot', [], [], [], []],
  ] as const)('%s', (_, bids, asks, wantBids, wantAsks) => {
    const view = bookOf(bids, asks).view(meta)
    expect([prices(view.bids), prices(view.asks)]).toEqual([wantBids, wantAsks])
  })

  it('keeps the last of a repeated price in a snapshot', () => {
    expect(bookOf([[2, 1], [1, 1], [2, 7]], []).view(meta).bids).toEqual(levels([[2, 7], [1, 1]]))
  })

  it.each([
    ['sorted', [[3, 1], [2, 1], [1, 1]]],
    ['unsorted', [[1, 1], [3, 1], [2, 1]]],
    ['with a size-0 level and a repeated price', [[1, 1], [3, 0], [2, 1], [1, 5]]],
  ] as const)('leaves a %s snapshot it replaces from as it was', (_, bids) => {
    const snapshot = { bids: levels(bids), asks: levels(bids.map(([p, s]) => [p + 10, s] as const)) }
    const before = JSON.stringify(snapshot)
    new L2Book().replace(snapshot)
    expect(JSON.stringify(snapshot)).toBe(before)
  })

  it.each([
    ['inserts a new best bid', { bids: [[11, 1]], asks: [] }, [11, 10, 9], [12, 13]],
    ['inserts a level between others', { bids: [[9.5, 1]], asks: [] }, [10, 9.5, 9], [12, 13]],
    ['deletes a level with size 0', { bids: [[10, 0]], asks: [[13, 0]] }, [9], [12]],
    ['ignores the delete of an absent level', { bids: [[8, 0]], asks: [] }, [10, 9], [12, 13]],
    ['appends a worse ask at the end', { bids: [], asks: [[20, 1]] }, [10, 9], [12, 13, 20]],
  ] as const)('%s', (_, changes, wantBids, wantAsks) => {
    const book = bookOf([[10, 1], [9, 1]], [[12, 1], [13, 1]])
    book.apply({ bids: levels(changes.bids), asks: levels(changes.asks) })
    const view = book.view(meta)
    expect([prices(view.bids), prices(view.asks)]).toEqual([wantBids, wantAsks])
  })

  it('replaces the size of an existing level, keeping the raw strings sent', () => {
    const book = bookOf([[10, 1]], [])
    book.apply({ bids: [[10, 2.5, '10.00', '2.50']], asks: [] })
    expect(book.view(meta).bids).toEqual([[10, 2.5, '10.00', '2.50']])
  })

  it.each([
    ['the first', true],
    ['the second', false],
  ])('keeps raw sizes in contracts when a drained chunk merges with the next and only %s had them', (_, contractsFirst) => {
    // 32 levels fill the first chunk, 20 the second; deleting 25 of the first merges the 7 left with the second
    const bid = (i: number): BookLevel => {
      const price = 1_000 - i
      return (i < 32) === contractsFirst ? [price, 0.5, String(price), '50'] : level(price, 2)
    }
    const book = new L2Book()
    book.replace({ bids: Array.from({ length: 52 }, (_, i) => bid(i)), asks: [] })
    const before = book.view(meta)
    book.apply({ bids: Array.from({ length: 25 }, (_, i) => level(1_000 - i, 0)), asks: [] })
    expect([book.view(meta).bids, before.bids]).toEqual([Array.from({ length: 27 }, (_, i) => bid(25 + i)), Array.from({ length: 52 }, (_, i) => bid(i))])
  })

  it.each([
    [[[10, 1]], [[10, 1]], true],
    [[[10, 1]], [[9, 1]], true],
    [[[10, 1]], [[11, 1]], false],
    [[], [[11, 1]], false],
  ] as const)('reports bids %j against asks %j as crossed: %s', (bids, asks, crossed) => {
    expect(bookOf(bids, asks).crossed).toBe(crossed)
  })

  it('truncates each side to the best `depth` levels', () => {
    const book = bookOf(
      Array.from({ length: 200 }, (_, i) => [1_000 - i, 1] as const),
      Array.from({ length: 200 }, (_, i) => [2_000 + i, 1] as const),
    )
    book.truncate(70)
    const view = book.view(meta)
    expect([view.bids.length, view.bids[69]?.[0], view.asks.length, view.asks[69]?.[0]]).toEqual([70, 931, 70, 2_069])
  })

  it.each([
    ['drains from the touch', (i: number) => [1_000 - i, 0] as const],
    ['drains from every third level', (i: number) => [1_000 - ((i * 3) % 300), 0] as const],
    ['grows at the touch', (i: number) => [1_001 + i, 1] as const],
  ])('keeps both sides sorted while a deep book %s', (_, change) => {
    const deep = Array.from({ length: 300 }, (__, i) => [1_000 - i, 1] as const)
    const book = bookOf(deep, [])
    const expected = new Map(deep.map(([p, s]) => [p, s]))
    for (let i = 0; i < 250; i++) {
      const [price, size] = change(i)
      book.apply({ bids: levels([[price, size]]), asks: [] })
      if (size === 0) expected.delete(price)
      else expected.set(price, size)
    }
    expect(prices(book.view(meta).bids)).toEqual([...expected.keys()].sort((a, b) => b - a))
  })

  it('keeps a view unchanged after later updates', () => {
    const book = bookOf([[10, 1], [9, 1]], [[12, 1]])
    const kept = book.view(meta)
    const before = JSON.stringify(kept)
    book.apply({ bids: levels([[10, 0], [11, 3], [9, 4]]), asks: levels([[12, 0]]) })
    book.truncate(1)
    expect(JSON.stringify(kept)).toBe(before)
  })

  it('returns the best n levels per side from top(n)', () => {
    const view = bookOf([[10, 1], [9, 1], [8, 1]], [[12, 1]]).view(meta)
    expect(view.top(2)).toEqual({ bids: levels([[10, 1], [9, 1]]), asks: levels([[12, 1]]) })
  })

  it('computes best levels, mid and spread', () => {
    const view = bookOf([[10, 1]], [[12, 2]]).view(meta)
    expect([view.bestBid?.[0], view.bestAsk?.[0], view.mid, view.spread]).toEqual([10, 12, 11, 2])
  })

  it('has no mid or spread when a side is empty', () => {
    const view = bookOf([[10, 1]], []).view(meta)
    expect([view.bestAsk, view.mid, view.spread]).toEqual([undefined, undefined, undefined])
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Property: the engine equals a naive Map-based book written independently here.

type Change = { readonly bid: boolean; readonly price: number; readonly size: number; readonly format?: number }

/** The venue's strings in one of several shapes: plain, fixed decimals, exponent (kept as text), contracts. */
const rawLevel = ({ price, size, format = 0 }: Change): BookLevel => {
  switch (format) {
    case 1:
      return [price, size, price.toFixed(2), size.toFixed(3)]
    case 2:
      return [price, size, price.toExponential(), size.toExponential()]
    case 3:
      return [price, size, String(price), String(size * 10)]
    default:
      return level(price, size)
  }
}

class ReferenceBook {
  readonly bids = new Map<number, BookLevel>()
  readonly asks = new Map<number, BookLevel>()
  replace(changes: readonly Change[]): void {
    this.bids.clear()
    this.asks.clear()
    for (const c of changes) if (c.size !== 0) (c.bid ? this.bids : this.asks).set(c.price, rawLevel(c))
  }
  apply(changes: readonly Change[]): void {
    for (const c of changes) {
      const side = c.bid ? this.bids : this.asks
      if (c.size === 0) side.delete(c.price)
      else side.set(c.price, rawLevel(c))
    }
  }
  truncate(depth: number): void {
    const keep = this.sorted()
    this.bids.clear()
    this.asks.clear()
    for (const l of keep.bids.slice(0, depth)) this.bids.set(l[0], l)
    for (const l of keep.asks.slice(0, depth)) this.asks.set(l[0], l)
  }
  sorted() {
    return {
      bids: [...this.bids.values()].sort((a, b) => b[0] - a[0]),
      asks: [...this.asks.values()].sort((a, b) => a[0] - b[0]),
    }
  }
}

const split = (changes: readonly Change[]) => ({
  bids: changes.filter((c) => c.bid).map(rawLevel),
  asks: changes.filter((c) => !c.bid).map(rawLevel),
})

// Prices on a tick grid, mostly near the touch (bids below 1 000, asks above) with some deep ones.
const change = fc.record({
  bid: fc.boolean(),
  offset: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 20 }) }, fc.integer({ min: 0, max: 600 })),
  size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })),
  format: fc.integer({ min: 0, max: 3 }),
}).map(({ bid, offset, size, format }): Change => ({ bid, price: bid ? 999 - offset : 1_001 + offset, size, format }))
const snapshotChanges = fc.array(change, { maxLength: 300, size: 'max' })
const updates = fc.array(fc.array(change, { minLength: 1, maxLength: 8 }), { maxLength: 60, size: 'max' })
// A draining book: uniform prices over a narrow range, three deletes in four (chunks shrink and merge).
const drain = fc.record({
  bid: fc.boolean(),
  offset: fc.integer({ min: 0, max: 150 }),
  size: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 9 })),
  format: fc.integer({ min: 0, max: 3 }),
}).map(({ bid, offset, size, format }): Change => ({ bid, price: bid ? 999 - offset : 1_001 + offset, size, format }))

describe('L2Book against a reference book', () => {
  it.each([
    ['touch-heavy updates', snapshotChanges, updates],
    ['draining updates', fc.array(drain.map((c) => ({ ...c, size: c.size + 1 })), { maxLength: 300, size: 'max' }), fc.array(fc.array(drain, { minLength: 1, maxLength: 20, size: 'max' }), { maxLength: 40, size: 'max' })],
    // many changes for the book's depth, repeated prices included
    ['bulk updates', fc.array(change, { maxLength: 80 }), fc.array(fc.array(change, { minLength: 8, maxLength: 60 }), { maxLength: 30 })],
  ])('equals the reference after a random snapshot and %s, and kept views never change', (_, snapshots, deltaLists) => {
    fc.assert(
      fc.property(snapshots, deltaLists, fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }), (snap, deltas, depth) => {
        const book = new L2Book()
        const reference = new ReferenceBook()
        book.replace(split(snap))
        reference.replace(snap)
        const kept: { view: ReturnType<L2Book['view']>; expected: string }[] = []
        for (const delta of deltas) {
          book.apply(split(delta))
          reference.apply(delta)
          if (depth !== undefined) {
            book.truncate(depth)
            reference.truncate(depth)
          }
          const view = book.view(meta)
          if (kept.length % 2 === 0) void view.bestBid // decode some best levels early, while the book still changes
          const then = reference.sorted()
          kept.push({ view, expected: JSON.stringify([then.bids, then.asks, then.bids[0], then.asks[0]]) })
        }
        const final = book.view(meta)
        const expected = reference.sorted()
        expect({ bids: final.bids, asks: final.asks }).toEqual(expected)
        expect([final.bestBid, final.bestAsk]).toEqual([expected.bids[0], expected.asks[0]])
        const changed = kept.filter(({ view, expected: then }) => JSON.stringify([view.bids, view.asks, view.bestBid, view.bestAsk]) !== then)
        expect(changed).toHaveLength(0)
      }),
      { numRuns: 40, endOnFailure: true },
    )
  })
})
