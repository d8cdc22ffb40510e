import { contiguousRange, defineVenue, type Credentials, type Venue } from '@tributary/core'
import type { KucoinKeyVersion } from './auth'
import { createGroup } from './connection'
import { createDecode } from './decode'
import { loadInstruments } from './instruments'
import { createInterpreter } from './interpret'
import { bookDepth, createChannelsFor, subscribeFrame, unsubscribeFrame } from './planner'
import { VENUE } from './rest'
import { snapshotSource } from './snapshot'
import { createKucoinSymbols, DEFAULT_ALIASES, type CurrencyAliases } from './symbols'
import { KUCOIN_URLS, type KucoinUrls } from './urls'

export interface KucoinOptions {
  /** REST base (tokens, snapshots, instruments). @defaultValue {@link KUCOIN_URLS}.live */
  readonly urls?: KucoinUrls
  /** Needed for private streams and for full-depth books (their REST snapshot is signed). */
  readonly credentials?: Credentials
  /** @defaultValue '2' */
  readonly keyVersion?: KucoinKeyVersion
  /** KuCoin currency code → unified code. @defaultValue {@link DEFAULT_ALIASES} */
  readonly aliases?: CurrencyAliases
  /** How long to wait for `welcome` after connecting. @defaultValue 10_000 */
  readonly readyTimeoutMs?: number
}

/**
 * KuCoin classic spot: a bullet token before every dial, `welcome` before subscribes, JSON ping/pong, topics batched up
 * to 100 symbols per request, full-depth books aligned on a signed REST snapshot with contiguous sequence ranges.
 * @example const feed = createFeed(createKucoin({ credentials })); feed.book('BTC/USDT').subscribe(console.log)
 */
export const createKucoin = (options: KucoinOptions = {}): Venue => {
  const { urls = KUCOIN_URLS.live, credentials, keyVersion, aliases = DEFAULT_ALIASES, readyTimeoutMs } = options
  const symbols = createKucoinSymbols(aliases)
  const groupOptions = { urls, credentials, keyVersion, readyTimeoutMs }
  return defineVenue({
    id: VENUE,
    groups: { public: createGroup(false, groupOptions), private: createGroup(true, groupOptions) },
    symbols,
    channelsFor: createChannelsFor({ symbols, canFetchFullBook: credentials !== undefined }),
    subscribe: subscribeFrame,
    unsubscribe: unsubscribeFrame,
    decode: createDecode(),
    interpret: createInterpreter(symbols),
    createInterpreter: () => createInterpreter(symbols),
    books: {
      sequence: contiguousRange,
      snapshot: snapshotSource({ urls, symbols, credentials, keyVersion }),
      maxDepth: bookDepth,
    },
    instruments: { load: (http) => loadInstruments(http, urls, symbols), needed: () => false },
  })
}

/** KuCoin spot with public streams only (books up to depth 50; full depth needs credentials). */
export const kucoin = createKucoin()
