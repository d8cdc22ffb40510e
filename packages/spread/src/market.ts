import type { BookState, BookStatus, ConnectionState, ConnectionStatus, OrderBook, Quote, SizeUnit, Ticker } from '@tributary/core'

/** One side of a market's touch: price and size in base units. */
export interface Touch {
  readonly price: number
  /** Base units; 0 when unknown (not sent, or sent in contracts of unknown value: see `MarketTop.sizeUnit`). */
  readonly size: number
}

/** A market's stream ended with an error (a rejected symbol, a failed login): it is flagged from then on. */
export interface MarketFailure {
  readonly kind: 'market-failure'
  readonly venue: string
  readonly symbol: string
  readonly message: string
}

/** What the monitor feeds on: live books, quotes or tickers, the feed's status events, and stream failures. */
export type MarketInput = OrderBook | Quote | Ticker | BookState | ConnectionState | MarketFailure

/** One (venue, symbol) market as last seen. */
export interface MarketTop {
  readonly venue: string
  readonly symbol: string
  readonly bid: Touch | undefined
  readonly ask: Touch | undefined
  /** Venue time of the last quote, epoch ms. */
  readonly ts: number | undefined
  /** Local receive time of the last quote, epoch ms: the quote's age is measured from it. */
  readonly receivedAt: number | undefined
  /** Which stream the touch came from. */
  readonly source: 'book' | 'quote' | 'ticker' | undefined
  /**
   * `contracts` when the touch came from a book, quote or ticker whose sizes are venue contracts (contract value
   * unknown): its prices are right, its sizes are 0 rather than contract counts passed off as base units.
   */
  readonly sizeUnit: SizeUnit | undefined
  /** Integrity state of the market's book; `undefined` while it has none (quote and ticker sources). */
  readonly book: BookStatus | undefined
  readonly bookReason: string | undefined
  /** The connection that carries the book, when the feed said so. */
  readonly connectionId: string | undefined
  /** Why the market's stream failed, until data flows again. */
  readonly failure: string | undefined
}

/** Reconnects and book resyncs (rebuilt after an integrity failure or a reconnect) seen per venue. */
export interface VenueCounters {
  readonly reconnects: number
  readonly resyncs: number
}

/** Every watched market, each venue's connections and counters. Immutable: `applyInput` returns a new board. */
export interface MarketBoard {
  readonly markets: ReadonlyMap<string, MarketTop>
  /** venue → connection id → status. */
  readonly connections: ReadonlyMap<string, ReadonlyMap<string, ConnectionStatus>>
  readonly counters: ReadonlyMap<string, VenueCounters>
}

/** A market to watch. */
export interface MarketRef {
  readonly venue: string
  readonly symbol: string
}

/** @internal */
export const marketKey = (venue: string, symbol: string): string => `${venue} ${symbol}`

/** An empty board that watches `markets`; inputs about other markets are ignored. */
export const createBoard = (markets: readonly MarketRef[]): MarketBoard => ({
  markets: new Map(
    markets.map(({ venue, symbol }) => [
      marketKey(venue, symbol),
      { venue, symbol, bid: undefined, ask: undefined, ts: undefined, receivedAt: undefined, source: undefined, sizeUnit: undefined, book: undefined, bookReason: undefined, connectionId: undefined, failure: undefined },
    ]),
  ),
  connections: new Map(),
  counters: new Map(),
})

/** A touch in base units: a size in contracts (`unit`) is never taken for one. */
const touch = (price: number | undefined, size: number | undefined, unit: SizeUnit | undefined): Touch | undefined =>
  price === undefined || !Number.isFinite(price) ? undefined : { price, size: unit === 'contracts' ? 0 : (size ?? 0) }

const withMarket = (board: MarketBoard, venue: string, symbol: string, change: (m: MarketTop) => MarketTop): MarketBoard => {
  const key = marketKey(venue, symbol)
  const market = board.markets.get(key)
  if (market === undefined) return board
  const markets = new Map(board.markets)
  markets.set(key, change(market))
  return { ...board, markets }
}

const count = (board: MarketBoard, venue: string, field: keyof VenueCounters): MarketBoard => {
  const counters = new Map(board.counters)
  const now = counters.get(venue) ?? { reconnects: 0, resyncs: 0 }
  counters.set(venue, { ...now, [field]: now[field] + 1 })
  return { ...board, counters }
}

/** A book outranks a quote stream, which outranks a ticker, when a market is fed by several. */
const PRIORITY = { book: 3, quote: 2, ticker: 1 } as const

/** Folds one input into the board. Pure. */
export const applyInput = (board: MarketBoard, input: MarketInput): MarketBoard => {
  switch (input.kind) {
    case 'book':
      return withMarket(board, input.venue, input.symbol, (m) => ({
        ...m,
        bid: touch(input.bestBid?.[0], input.bestBid?.[1], input.sizeUnit),
        ask: touch(input.bestAsk?.[0], input.bestAsk?.[1], input.sizeUnit),
        ts: input.ts,
        receivedAt: input.receivedAt,
        source: 'book',
        sizeUnit: input.sizeUnit,
        book: input.status,
        bookReason: input.status === m.book ? m.bookReason : undefined,
        failure: undefined,
      }))
    case 'quote':
    case 'ticker': {
      const source = input.kind
      return withMarket(board, input.venue, input.symbol, (m) =>
        m.source !== undefined && PRIORITY[m.source] > PRIORITY[source]
          ? m
          : {
              ...m,
              bid: touch(input.bid, input.bidSize, input.sizeUnit),
              ask: touch(input.ask, input.askSize, input.sizeUnit),
              ts: input.ts,
              receivedAt: input.receivedAt,
              source,
              sizeUnit: input.sizeUnit,
              failure: undefined,
            },
      )
    }
    case 'book-state': {
      const next = withMarket(board, input.venue, input.symbol, (m) => ({
        ...m,
        book: input.state,
        bookReason: input.reason,
        connectionId: input.connection ?? m.connectionId,
      }))
      const watched = board.markets.has(marketKey(input.venue, input.symbol))
      // A resync is a book rebuilt: after an integrity failure (→ resyncing) or after its connection came back (stale → syncing).
      const rebuilt = (input.state === 'resyncing' && input.previous !== 'resyncing') || (input.state === 'syncing' && input.previous === 'stale')
      return watched && rebuilt ? count(next, input.venue, 'resyncs') : next
    }
    case 'market-failure':
      return withMarket(board, input.venue, input.symbol, (m) => ({ ...m, failure: input.message }))
    case 'connection': {
      const connections = new Map(board.connections)
      const venue = new Map(connections.get(input.venue) ?? [])
      const previous = venue.get(input.connection)
      venue.set(input.connection, input.state)
      connections.set(input.venue, venue)
      const next = { ...board, connections }
      return input.state === 'reconnecting' && previous !== 'reconnecting' ? count(next, input.venue, 'reconnects') : next
    }
  }
}

/**
 * The state of the connection that serves a market: its own when known, otherwise the worst of its venue's
 * connections (`undefined` when the venue reported none).
 */
export const connectionOf = (board: MarketBoard, market: MarketTop): ConnectionStatus | undefined => {
  const venue = board.connections.get(market.venue)
  if (venue === undefined) return undefined
  if (market.connectionId !== undefined && venue.has(market.connectionId)) return venue.get(market.connectionId)
  const states = [...venue.values()]
  return states.find((s) => s !== 'open') ?? states[0]
}
