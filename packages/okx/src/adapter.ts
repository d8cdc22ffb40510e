import {
  chainedSequence, defineVenue, silentLogger,
  type ConnectionGroup, type Credentials, type Heartbeat, type Logger, type Venue,
} from '@tributary/core'
import { loginFrame } from './auth'
import { okxChecksum } from './checksum'
import { decodeOkx } from './decode'
import { loadInstruments } from './instruments'
import { createInterpreter, interpret } from './mappers'
import { BOOK_DEPTH } from './market-mappers'
import { OKX_GROUPS, OKX_LIMITS, channelsFor, needsInstruments, subscribeFrame, unsubscribeFrame } from './planner'
import { okxSymbols } from './symbols'
import { argOf } from './topics'
import { okxUrls, type OkxUrlOptions } from './urls'

export interface OkxOptions extends OkxUrlOptions {
  /** API key, secret and passphrase, for private channels, order entry and the l2-tbt books. Never logged. */
  readonly credentials?: Credentials
  /** Option families whose instruments are loaded. @defaultValue ['BTC-USD', 'ETH-USD'] */
  readonly optionFamilies?: readonly string[]
  /** Ping period and staleness limit. @defaultValue { intervalMs: 20_000, timeoutMs: 30_000 } */
  readonly heartbeat?: { readonly intervalMs?: number; readonly timeoutMs?: number }
  readonly logger?: Logger
}

/**
 * The OKX V5 venue. Public market data needs no options; `credentials` enable private streams and order entry.
 * @example const feed = createFeed(createOkx({ env: 'demo', credentials }))
 */
export const createOkx = (options: OkxOptions = {}): Venue => {
  const { credentials, optionFamilies, logger = silentLogger } = options
  const urls = okxUrls(options)
  const heartbeat: Heartbeat = {
    intervalMs: options.heartbeat?.intervalMs ?? 20_000,
    ping: () => 'ping',
    isPong: (raw) => raw === 'pong',
    timeoutMs: options.heartbeat?.timeoutMs ?? 30_000,
  }
  const group = (url: string, login: boolean): ConnectionGroup => ({
    resolve: async (ctx) => {
      if (credentials !== undefined) ctx.secrets.add(credentials.apiKey, credentials.secret, credentials.passphrase)
      return { url }
    },
    heartbeat,
    limits: OKX_LIMITS,
    ...(login && credentials !== undefined ? { login: (now: number) => loginFrame(credentials, now), awaitReady: true } : {}),
  })
  return defineVenue({
    id: 'okx',
    groups: {
      [OKX_GROUPS.public]: group(urls.public, false),
      [OKX_GROUPS.publicAuth]: group(urls.public, true),
      [OKX_GROUPS.business]: group(urls.business, false),
      [OKX_GROUPS.private]: group(urls.private, true),
    },
    symbols: okxSymbols,
    channelsFor: channelsFor({ authenticated: credentials !== undefined }),
    subscribe: subscribeFrame,
    unsubscribe: unsubscribeFrame,
    decode: decodeOkx,
    interpret,
    createInterpreter,
    books: {
      sequence: chainedSequence,
      checksum: okxChecksum,
      snapshot: { source: 'stream' },
      maxDepth: (channel) => BOOK_DEPTH[argOf(channel.topic).channel],
    },
    instruments: {
      load: loadInstruments({ urls, logger, ...(optionFamilies === undefined ? {} : { optionFamilies }) }),
      needed: needsInstruments,
    },
  })
}

/** OKX live, public data only. */
export const okx = createOkx()
