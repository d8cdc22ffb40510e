import * as E from 'fp-ts/Either'
import { ConfigurationError, type ConnectionLimits, type FeedError, type StreamRequest, type VenueChannel } from '@tributary/core'
import { isCandleChannel } from './codecs'
import { okxKindOf, toOkxSymbol } from './symbols'
import { argOf, okxBar, topicOf } from './topics'

/** Connection groups. `public-auth` is the public URL with a login, for `books-l2-tbt` / `books50-l2-tbt`. */
export const OKX_GROUPS = { public: 'public', publicAuth: 'public-auth', business: 'business', private: 'private' } as const

/**
 * Per-connection limits: 480 subscribe/unsubscribe/login requests per hour (OKX); args per request and channels per
 * connection are our own caps, far below OKX's 64 KB request size (an arg is ~60 bytes).
 */
export const OKX_LIMITS: ConnectionLimits = {
  maxChannels: 480,
  maxChannelsPerRequest: 100,
  opsPerWindow: { ops: 480, windowMs: 3_600_000 },
}

/** Book channels a request may name, and whether they need a login on the public connection. */
const BOOK_CHANNELS: Readonly<Record<string, { readonly login: boolean }>> = {
  books: { login: false },
  books5: { login: false },
  'books-l2-tbt': { login: true },
  'books50-l2-tbt': { login: true },
}

/** Channels whose sizes are in contracts for derivatives (so their instrument metadata must be loaded first). */
const SIZED = new Set(['tickers', 'trades', 'trades-all', 'books', 'books5', 'books-l2-tbt', 'books50-l2-tbt', 'bbo-tbt'])

export interface PlannerOptions {
  /** Whether credentials were given: private channels and the l2-tbt books need a login. */
  readonly authenticated: boolean
}

const fail = (message: string): E.Either<FeedError, never> => E.left(new ConfigurationError('okx', message))

const channel = (request: StreamRequest, group: string, name: string, instId?: string): VenueChannel => {
  const topic = topicOf({ channel: name, ...(instId === undefined ? {} : { instId }) })
  return { key: topic, group, topic, request, batch: group, ...(instId === undefined ? {} : { venueSymbol: instId }) }
}

const marketChannel = (request: StreamRequest, opts: PlannerOptions, instId: string): E.Either<FeedError, VenueChannel> => {
  const one = (group: string, name: string) => E.right(channel(request, group, name, instId))
  switch (request.kind) {
    case 'ticker':
      return one(OKX_GROUPS.public, 'tickers')
    case 'quote':
      return one(OKX_GROUPS.public, 'bbo-tbt')
    case 'trades':
      if (request.channel === 'trades-all') return one(OKX_GROUPS.business, 'trades-all')
      return request.channel === undefined || request.channel === 'trades' ? one(OKX_GROUPS.public, 'trades') : fail(`unknown trades channel ${request.channel}`)
    case 'candles': {
      if (request.channel !== undefined) {
        return isCandleChannel(request.channel) ? one(OKX_GROUPS.business, request.channel) : fail(`unknown candle channel ${request.channel}`)
      }
      const bar = request.interval === undefined ? undefined : okxBar(request.interval)
      return bar === undefined ? fail(`candles need an interval such as 1m, 1h, 1d (got ${String(request.interval)})`) : one(OKX_GROUPS.business, `candle${bar}`)
    }
    case 'book': {
      const name = request.channel ?? (request.depth !== undefined && request.depth <= 5 ? 'books5' : 'books')
      const rule = BOOK_CHANNELS[name]
      if (rule === undefined) return fail(`unknown book channel ${name} (books, books5, books50-l2-tbt, books-l2-tbt)`)
      if (rule.login && !opts.authenticated) return fail(`${name} needs a login (VIP tier): give credentials, or use books`)
      return one(rule.login ? OKX_GROUPS.publicAuth : OKX_GROUPS.public, name)
    }
    case 'funding-rate':
      return okxKindOf(instId) === 'swap' ? one(OKX_GROUPS.public, 'funding-rate') : fail(`funding-rate exists for perpetual swaps only (${instId})`)
    case 'mark-price':
      return one(OKX_GROUPS.public, 'mark-price')
    default:
      return fail(`${request.kind} is not a market-data stream`)
  }
}

/** Request → the OKX channel serving it, on the right connection group; `Left` for what OKX cannot serve. */
export const channelsFor =
  (opts: PlannerOptions) =>
  (request: StreamRequest): E.Either<FeedError, readonly VenueChannel[]> => {
    switch (request.kind) {
      case 'orders':
      case 'fills':
      case 'positions':
      case 'balances': {
        if (!opts.authenticated) return fail(`${request.kind} needs credentials`)
        const name = request.kind === 'balances' ? 'account' : request.kind === 'positions' ? 'positions' : 'orders'
        return E.right([channel(request, OKX_GROUPS.private, name)])
      }
      default: {
        if (request.symbol === undefined) return fail(`${request.kind} needs a symbol`)
        const instId = toOkxSymbol(request.symbol)
        if (E.isLeft(instId)) return fail(instId.left)
        return E.map((c: VenueChannel) => [c])(marketChannel(request, opts, instId.right))
      }
    }
  }

const frame = (op: 'subscribe' | 'unsubscribe') => (channels: readonly VenueChannel[], requestId: number): string =>
  JSON.stringify({ id: String(requestId), op, args: channels.map((c) => argOf(c.topic)) })

/** One subscribe request for many channels; OKX answers with one ack per arg. */
export const subscribeFrame = frame('subscribe')
export const unsubscribeFrame = frame('unsubscribe')

/** Whether a channel's sizes need contract metadata: market channels of derivatives, and the account channels that may carry any instrument. */
export const needsInstruments = (c: VenueChannel): boolean => {
  const { channel: name } = argOf(c.topic)
  if (name === 'orders' || name === 'positions' || name === 'balance_and_position') return true
  return c.venueSymbol !== undefined && okxKindOf(c.venueSymbol) !== 'spot' && SIZED.has(name)
}
