import * as E from 'fp-ts/Either'
import { ConfigurationError, type ConnectionLimits, type FeedError, type StreamRequest, type SymbolMapper, type VenueChannel } from '@tributary/core'
import { requestFrame } from './codecs'

const VENUE = 'weex'

export const PUBLIC = 'public'
export const PRIVATE = 'private'

/** Per connection: 100 channels, 240 subscribe/unsubscribe requests per hour; many streams per request. */
export const WEEX_LIMITS: ConnectionLimits = {
  maxChannels: 100,
  maxChannelsPerRequest: 100,
  opsPerWindow: { ops: 240, windowMs: 3_600_000 },
}

/** Kline intervals of the V3 socket. */
export const WEEX_INTERVALS = ['1m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '1w', '1M'] as const

/** Depth streams and their level counts. */
export const DEPTH_CHANNELS = { depth15: 15, depth200: 200 } as const
type DepthChannel = keyof typeof DEPTH_CHANNELS

const isDepthChannel = (c: string): c is DepthChannel => c in DEPTH_CHANNELS
const isInterval = (i: string): i is (typeof WEEX_INTERVALS)[number] => (WEEX_INTERVALS as readonly string[]).includes(i)

/** The depth stream serving a request: an explicit `channel`, else 15 levels when `depth` ≤ 15 or absent, else 200. */
const depthChannelFor = (request: StreamRequest): E.Either<FeedError, DepthChannel> => {
  if (request.channel !== undefined) {
    return isDepthChannel(request.channel)
      ? E.right(request.channel)
      : E.left(new ConfigurationError(VENUE, `unknown book channel ${request.channel} (depth15 or depth200)`))
  }
  if (request.depth === undefined || request.depth <= 15) return E.right('depth15')
  if (request.depth <= 200) return E.right('depth200')
  return E.left(new ConfigurationError(VENUE, `book depth ${request.depth} exceeds the deepest stream (200)`))
}

/** `LAST_PRICE` unless the request's `channel` asks for mark-price candles (`mark`, `MARK_PRICE`). */
const priceTypeFor = (request: StreamRequest): E.Either<FeedError, 'LAST_PRICE' | 'MARK_PRICE'> => {
  switch (request.channel) {
    case undefined:
    case 'last':
    case 'LAST_PRICE':
      return E.right('LAST_PRICE')
    case 'mark':
    case 'MARK_PRICE':
      return E.right('MARK_PRICE')
    default:
      return E.left(new ConfigurationError(VENUE, `unknown candle price type ${request.channel} (last or mark)`))
  }
}

/** Levels kept for a book channel, read from its topic (`BTCUSDT@depth200` → 200). */
export const depthOf = (channel: VenueChannel): number | undefined => {
  const suffix = channel.topic.split('@')[1]
  return suffix !== undefined && isDepthChannel(suffix) ? DEPTH_CHANNELS[suffix] : undefined
}

/**
 * Weex answers a request with one reply, so one bad stream fails every stream of its request. Public channels are
 * therefore batched per symbol (a bad symbol fails only its own channels); private channels share one batch.
 */
const channel = (group: string, topic: string, request: StreamRequest, venueSymbol?: string): VenueChannel => ({
  key: `${group}:${topic}`,
  group,
  topic,
  request,
  ...(venueSymbol === undefined ? {} : { venueSymbol, batch: `${group}:${venueSymbol}` }),
})

/**
 * Maps a request to Weex streams: `BTCUSDT@ticker` (ticker and mark price), `@depth15`/`@depth200`, `@trade`,
 * `@kline_1m_LAST_PRICE`; private `orders`, `fill`, `positions`, `account` (account-wide, filtered by symbol downstream).
 */
export const createChannelsFor =
  ({ symbols, hasCredentials }: { readonly symbols: SymbolMapper; readonly hasCredentials: boolean }) =>
  (request: StreamRequest): E.Either<FeedError, readonly VenueChannel[]> => {
    const priv = (topic: string): E.Either<FeedError, readonly VenueChannel[]> =>
      hasCredentials
        ? E.right([channel(PRIVATE, topic, request)])
        : E.left(new ConfigurationError(VENUE, `${request.kind} needs credentials (apiKey, secret, passphrase)`))
    switch (request.kind) {
      case 'orders':
        return priv('orders')
      case 'fills':
        return priv('fill')
      case 'positions':
        return priv('positions')
      case 'balances':
        return priv('account')
      case 'quote':
      case 'funding-rate':
        return E.left(new ConfigurationError(VENUE, `the contract V3 socket has no ${request.kind} stream (use book or ticker)`))
      case 'ticker':
      case 'mark-price':
      case 'trades':
      case 'candles':
      case 'book':
        break
    }
    if (request.symbol === undefined) return E.left(new ConfigurationError(VENUE, `${request.kind} needs a symbol`))
    const id = symbols.toVenue(request.symbol)
    if (E.isLeft(id)) return E.left(new ConfigurationError(VENUE, id.left))
    const sym = id.right
    const pub = (stream: string): readonly VenueChannel[] => [channel(PUBLIC, `${sym}@${stream}`, request, sym)]
    switch (request.kind) {
      case 'ticker':
      case 'mark-price':
        return E.right(pub('ticker'))
      case 'trades':
        return E.right(pub('trade'))
      case 'book':
        return E.map((depth: DepthChannel) => pub(depth))(depthChannelFor(request))
      case 'candles': {
        const interval = request.interval ?? '1m'
        if (!isInterval(interval)) return E.left(new ConfigurationError(VENUE, `unknown candle interval ${interval} (${WEEX_INTERVALS.join(', ')})`))
        return E.map((price: string) => pub(`kline_${interval}_${price}`))(priceTypeFor(request))
      }
      default:
        return E.left(new ConfigurationError(VENUE, `unsupported stream ${request.kind}`))
    }
  }

/** One request frame carrying every channel's stream name. */
export const subscribeFrame = (channels: readonly VenueChannel[], requestId: number): string =>
  requestFrame('SUBSCRIBE', channels.map((c) => c.topic), requestId)

export const unsubscribeFrame = (channels: readonly VenueChannel[], requestId: number): string =>
  requestFrame('UNSUBSCRIBE', channels.map((c) => c.topic), requestId)
