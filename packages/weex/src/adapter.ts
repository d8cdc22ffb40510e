import { defineVenue, overlappingRange, type BookRules, type ConnectionGroup, type Credentials, type Heartbeat, type Venue } from '@tributary/core'
import { privateHeaders } from './auth'
import { weexCloseError } from './close'
import { decodeFrame } from './codecs'
import { createInterpreter } from './interpreter'
import { PRIVATE, PUBLIC, WEEX_LIMITS, createChannelsFor, depthOf, subscribeFrame, unsubscribeFrame } from './planner'
import { loadInstruments, weexSymbols } from './symbols'
import { WEEX_URLS, type WeexUrls } from './urls'

export interface WeexOptions {
  /** @defaultValue {@link WEEX_URLS}.live */
  readonly urls?: WeexUrls
  /** Needed for orders, fills, positions and balances only. */
  readonly credentials?: Credentials
  /** Sent on every upgrade, public included: Weex refuses connections without one. @defaultValue 'tributary' */
  readonly userAgent?: string
  /**
   * The server pings (every 60 s on an idle socket in recorded sessions); no frame for this long means stale.
   * @defaultValue 120_000
   */
  readonly staleAfterMs?: number
  /** Trade ids remembered per symbol for de-duplication. @defaultValue 2_000 */
  readonly tradeMemory?: number
}

/**
 * Depth books: snapshots come on the stream after (re)subscribe; deltas chain by `overlappingRange` (recorded deltas
 * carry `U` equal to the previous `u`: apply when `U <= last + 1` and `u > last`).
 */
export const weexBookRules: BookRules = {
  sequence: overlappingRange,
  snapshot: { source: 'stream' },
  maxDepth: depthOf,
}

/** No client ping: the server pings and the interpreter answers with a PONG `reply`; its ack is recognised after decoding. */
const heartbeat = (timeoutMs: number): Heartbeat => ({ isPong: () => false, timeoutMs })

/**
 * The Weex contract V3 (USDT-M perpetuals) venue. Interpretation keeps small memories (trade ids, forming candles);
 * each feed gets its own through `createInterpreter`.
 * @example const feed = createFeed(createWeex({ credentials: { apiKey, secret, passphrase } }))
 */
export const createWeex = (options: WeexOptions = {}): Venue => {
  const { urls = WEEX_URLS.live, credentials, userAgent = 'tributary', staleAfterMs = 120_000, tradeMemory = 2_000 } = options
  const interpret = createInterpreter({ tradeMemory })
  const closeError = (group: string): NonNullable<ConnectionGroup['closeError']> => ({ code, reason }) =>
    code === undefined ? undefined : weexCloseError(group, code, reason)
  const publicGroup: ConnectionGroup = {
    resolve: () => Promise.resolve({ url: urls.public, headers: { 'User-Agent': userAgent } }),
    heartbeat: heartbeat(staleAfterMs),
    limits: WEEX_LIMITS,
    closeError: closeError(PUBLIC),
  }
  const groups: Record<string, ConnectionGroup> = { [PUBLIC]: publicGroup }
  if (credentials !== undefined) {
    groups[PRIVATE] = {
      resolve: (ctx) => {
        const headers = privateHeaders(credentials, ctx.now(), userAgent)
        ctx.secrets.add(credentials.apiKey, credentials.secret, credentials.passphrase)
        ctx.secrets.addRotating(headers['ACCESS-SIGN'])
        return Promise.resolve({ url: urls.private, headers })
      },
      heartbeat: heartbeat(staleAfterMs),
      limits: WEEX_LIMITS,
      closeError: closeError(PRIVATE),
    }
  }
  return defineVenue({
    id: 'weex',
    groups,
    symbols: weexSymbols,
    channelsFor: createChannelsFor({ symbols: weexSymbols, hasCredentials: credentials !== undefined }),
    subscribe: subscribeFrame,
    unsubscribe: unsubscribeFrame,
    decode: decodeFrame,
    interpret,
    createInterpreter: () => createInterpreter({ tradeMemory }),
    books: weexBookRules,
    instruments: { load: loadInstruments(urls.rest), needed: () => false },
  })
}

/** The default instance (live URLs, no credentials). */
export const weex = createWeex()

