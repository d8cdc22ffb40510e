import * as E from 'fp-ts/Either'
import { ConfigurationError, type FeedError, type StreamRequest, type VenueChannel } from '@tributary/core'
import { topicPrefix } from './codecs'
import { VENUE } from './rest'
import type { KucoinSymbols } from './symbols'
import { KUCOIN_INTERVALS } from './time'

/** Topic prefixes whose subscribe requests accept comma-separated symbol lists (at most 100 per request). */
const BATCHABLE = new Set(['/market/ticker', '/market/level2', '/market/match', '/spotMarket/level2Depth5', '/spotMarket/level2Depth50'])

export const TOPICS = {
  ticker: '/market/ticker',
  snapshot: '/market/snapshot',
  level2: '/market/level2',
  depth5: '/spotMarket/level2Depth5',
  depth50: '/spotMarket/level2Depth50',
  match: '/market/match',
  candles: '/market/candles',
  orders: '/spotMarket/tradeOrdersV2',
  ordersV1: '/spotMarket/tradeOrders',
  balance: '/account/balance',
} as const

export interface PlannerOptions {
  readonly symbols: KucoinSymbols
  /** Whether a full-depth REST snapshot can be fetched (it is signed): without it `/market/level2` cannot be seeded. */
  readonly canFetchFullBook: boolean
}

const publicChannel = (prefix: string, venueSymbol: string, request: StreamRequest, suffix = ''): VenueChannel => {
  const topic = `${prefix}:${venueSymbol}${suffix}`
  return { key: topic, group: 'public', topic, request, venueSymbol, batch: BATCHABLE.has(prefix) ? prefix : topic }
}

const privateChannel = (topic: string, request: StreamRequest): VenueChannel => ({ key: topic, group: 'private', topic, request, batch: topic })

/** Book channel for a request: `depth` ≤ 5 → level2Depth5, ≤ 50 → level2Depth50, otherwise the full `/market/level2`. */
export const bookTopic = (request: StreamRequest): string => {
  switch (request.channel) {
    case 'level2':
    case TOPICS.level2:
      return TOPICS.level2
    case 'level2Depth5':
    case TOPICS.depth5:
      return TOPICS.depth5
    case 'level2Depth50':
    case TOPICS.depth50:
      return TOPICS.depth50
  }
  const { depth } = request
  if (depth !== undefined && depth <= 5) return TOPICS.depth5
  if (depth !== undefined && depth <= 50) return TOPICS.depth50
  return TOPICS.level2
}

/** Levels per side a book channel carries (`undefined`: full depth). */
export const bookDepth = (channel: VenueChannel): number | undefined =>
  channel.topic.startsWith(`${TOPICS.depth5}:`) ? 5 : channel.topic.startsWith(`${TOPICS.depth50}:`) ? 50 : undefined

/**
 * Channels serving a request. `ticker` takes `/market/ticker` (last trade + BBO, 100 ms) and `/market/snapshot`
 * (24 h statistics, 2 s) unless `channel` names one; `quote` takes `/market/ticker`; `orders`/`fills` share
 * `/spotMarket/tradeOrdersV2` (`channel: 'tradeOrders'` for V1). Spot has no funding, mark price or positions.
 */
export const createChannelsFor =
  ({ symbols, canFetchFullBook }: PlannerOptions) =>
  (request: StreamRequest): E.Either<FeedError, readonly VenueChannel[]> => {
    const unsupported = (why: string) => E.left(new ConfigurationError(VENUE, `${request.kind}: ${why}`))
    if (request.kind === 'orders' || request.kind === 'fills')
      return E.right([privateChannel(request.channel === 'tradeOrders' ? TOPICS.ordersV1 : TOPICS.orders, request)])
    if (request.kind === 'balances') return E.right([privateChannel(TOPICS.balance, request)])
    if (request.kind === 'funding-rate' || request.kind === 'mark-price' || request.kind === 'positions')
      return unsupported('not served by KuCoin spot')
    if (request.symbol === undefined) return unsupported('a symbol is required')
    const id = symbols.toVenue(request.symbol)
    if (E.isLeft(id)) return unsupported(id.left)
    const sym = id.right
    switch (request.kind) {
      case 'ticker':
        if (request.channel === 'ticker') return E.right([publicChannel(TOPICS.ticker, sym, request)])
        if (request.channel === 'snapshot') return E.right([publicChannel(TOPICS.snapshot, sym, request)])
        return E.right([publicChannel(TOPICS.ticker, sym, request), publicChannel(TOPICS.snapshot, sym, request)])
      case 'quote':
        return E.right([publicChannel(TOPICS.ticker, sym, request)])
      case 'trades':
        return E.right([publicChannel(TOPICS.match, sym, request)])
      case 'candles': {
        const interval = request.interval ?? '1m'
        const type = KUCOIN_INTERVALS[interval]
        if (type === undefined) return unsupported(`interval ${interval} not offered (${Object.keys(KUCOIN_INTERVALS).join(', ')})`)
        return E.right([publicChannel(TOPICS.candles, sym, request, `_${type}`)])
      }
      case 'book': {
        const topic = bookTopic(request)
        if (topic === TOPICS.level2 && !canFetchFullBook)
          return unsupported(
            'a full-depth book is seeded from GET /api/v3/market/orderbook/level2, which is signed: pass credentials, or ask for depth ≤ 50 (level2Depth50)',
          )
        return E.right([publicChannel(topic, sym, request)])
      }
    }
  }

const frame = (type: 'subscribe' | 'unsubscribe', channels: readonly VenueChannel[], requestId: number): string => {
  const [first] = channels
  const prefix = first === undefined ? '' : topicPrefix(first.topic)
  const topic =
    first !== undefined && first.batch === prefix && channels.every((c) => c.venueSymbol !== undefined)
      ? `${prefix}:${channels.map((c) => c.venueSymbol).join(',')}`
      : (first?.topic ?? '')
  return JSON.stringify({ id: String(requestId), type, topic, privateChannel: first?.group === 'private', response: true })
}

/** `{"id","type":"subscribe","topic":"/market/level2:A,B","privateChannel","response":true}` for one batch. */
export const subscribeFrame = (channels: readonly VenueChannel[], requestId: number): string => frame('subscribe', channels, requestId)
export const unsubscribeFrame = (channels: readonly VenueChannel[], requestId: number): string => frame('unsubscribe', channels, requestId)
