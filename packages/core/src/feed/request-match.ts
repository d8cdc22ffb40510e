import type { FeedEvent, FeedEventKind } from '../model/events'
import type { StreamKind, StreamRequest } from '../venue'
import type { DeliveryPolicy } from './deliver'

/** The event kinds each stream kind yields (a channel may carry several: OKX `orders` also carries fills). */
export const EVENT_KINDS = {
  ticker: 'ticker',
  quote: 'quote',
  trades: 'trade',
  candles: 'candle',
  book: 'book-snapshot',
  'funding-rate': 'funding-rate',
  'mark-price': 'mark-price',
  orders: 'order',
  fills: 'fill',
  positions: 'position',
  balances: 'balance',
} as const satisfies Record<StreamKind, FeedEventKind>

export type EventOf<K extends StreamKind> = K extends 'book'
  ? Extract<FeedEvent, { kind: 'book-snapshot' | 'book-update' }>
  : Extract<FeedEvent, { kind: (typeof EVENT_KINDS)[K] }>

/**
 * Whether an event answers a request: its kind, its symbol when the request names one (account-wide channels carry
 * every instrument), and its interval for candles.
 */
export const matcher = <K extends StreamKind>(request: StreamRequest & { readonly kind: K }): ((e: FeedEvent) => e is EventOf<K>) => {
  const kind: FeedEventKind = EVENT_KINDS[request.kind]
  const { symbol, interval } = request
  const isBook = request.kind === 'book'
  return (e: FeedEvent): e is EventOf<K> =>
    (e.kind === kind || (isBook && e.kind === 'book-update')) &&
    (symbol === undefined || e.symbol === symbol) &&
    (interval === undefined || e.kind !== 'candle' || e.interval === interval)
}

/** Latest-wins kinds may be conflated for a slow consumer; the rest are never dropped. */
export const policyFor = (kind: StreamKind): DeliveryPolicy => {
  switch (kind) {
    case 'ticker':
    case 'quote':
    case 'mark-price':
    case 'funding-rate':
      return 'conflate'
    case 'book': // raw snapshots and updates: every one matters
    case 'trades':
    case 'candles':
    case 'orders':
    case 'fills':
    case 'positions':
    case 'balances':
      return 'buffer'
  }
}
