import type { BookLevel, BookState, BookStatus, ConnectionState, ConnectionStatus, Instrument, OrderBook, Quote } from '@tributary/core'

const level = ([price, size]: readonly [number, number]): BookLevel => [price, size, String(price), String(size)]

/** A book with the given levels (best first), for tests. */
export const book = (
  venue: string,
  symbol: string,
  bids: readonly (readonly [number, number])[],
  asks: readonly (readonly [number, number])[],
  { receivedAt = 1_000, status = 'live' as BookStatus } = {},
): OrderBook => {
  const b = bids.map(level)
  const a = asks.map(level)
  const [bestBid] = b
  const [bestAsk] = a
  return {
    kind: 'book',
    venue,
    symbol,
    status,
    seq: undefined,
    ts: receivedAt - 5,
    receivedAt,
    bids: b,
    asks: a,
    bestBid,
    bestAsk,
    mid: bestBid && bestAsk ? (bestBid[0] + bestAsk[0]) / 2 : undefined,
    spread: bestBid && bestAsk ? bestAsk[0] - bestBid[0] : undefined,
    top: (n) => ({ bids: b.slice(0, n), asks: a.slice(0, n) }),
  }
}

export const quote = (venue: string, symbol: string, bid: number, bidSize: number, ask: number, askSize: number, receivedAt = 1_000): Quote => ({
  kind: 'quote',
  venue,
  symbol,
  ts: receivedAt - 5,
  receivedAt,
  bid,
  bidSize,
  ask,
  askSize,
})

export const bookState = (venue: string, symbol: string, state: BookStatus, previous: BookStatus, connection?: string): BookState => ({
  kind: 'book-state',
  venue,
  symbol,
  ts: 1_000,
  receivedAt: 1_000,
  state,
  reason: `test ${state}`,
  previous,
  ...(connection === undefined ? {} : { connection }),
})

export const connection = (venue: string, id: string, state: ConnectionStatus): ConnectionState => ({
  kind: 'connection',
  venue,
  connection: id,
  state,
  ts: 1_000,
  receivedAt: 1_000,
})

export const instrument = (venue: string, symbol: string, fields: Partial<Instrument>): Instrument => ({
  venue,
  symbol,
  venueSymbol: symbol,
  kind: 'spot',
  base: 'BTC',
  quote: 'USDT',
  tickSize: 0.1,
  lotSize: 0.00001,
  ...fields,
})
