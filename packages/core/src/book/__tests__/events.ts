import type { BookLevel, BookSnapshot, BookUpdate } from '../../model/book'
import type { BookRules, VenueChannel } from '../../venue'

/** Test data builders for book events (test-only, excluded from the build). */
export const level = (price: number, size: number): BookLevel => [price, size, String(price), String(size)]

type Side = readonly (readonly [number, number])[]
interface EventOptions {
  readonly bids?: Side
  readonly asks?: Side
  readonly seq?: number
  readonly prevSeq?: number
  readonly checksum?: number
  readonly depth?: number
  readonly symbol?: string
  readonly ts?: number
}

const base = (o: EventOptions) => ({
  venue: 'test',
  symbol: o.symbol ?? 'BTC/USDT',
  ts: o.ts ?? 1_000,
  receivedAt: (o.ts ?? 1_000) + 5,
  bids: (o.bids ?? []).map(([p, s]) => level(p, s)),
  asks: (o.asks ?? []).map(([p, s]) => level(p, s)),
  ...(o.seq === undefined ? {} : { seq: o.seq }),
  ...(o.checksum === undefined ? {} : { checksum: o.checksum }),
  ...(o.depth === undefined ? {} : { depth: o.depth }),
})

export const snapshot = (o: EventOptions = {}): BookSnapshot => ({ kind: 'book-snapshot', ...base(o) })

export const update = (o: EventOptions = {}): BookUpdate => ({
  kind: 'book-update',
  ...base(o),
  ...(o.prevSeq === undefined ? {} : { prevSeq: o.prevSeq }),
})

export const channel: VenueChannel = {
  key: 'book:BTC/USDT',
  group: 'public',
  topic: 'books:BTC-USDT',
  request: { kind: 'book', symbol: 'BTC/USDT' },
}

/** A toy checksum: best bid and best ask prices, weighted. */
export const toyChecksum: NonNullable<BookRules['checksum']> = (book) =>
  (book.bestBid?.[0] ?? 0) * 1_000 + (book.bestAsk?.[0] ?? 0)

/** A promise-like that settles synchronously, so virtual time alone drives operator tests. */
export const settled = <T>(value: T): Promise<T> => {
  const thenable = {
    then: (onFulfilled?: (v: T) => unknown) => settled(onFulfilled === undefined ? value : onFulfilled(value)),
  }
  return thenable as unknown as Promise<T>
}
