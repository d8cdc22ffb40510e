/** REST hosts of one KuCoin environment. The socket URL is never fixed: it comes with each bullet token. */
export interface KucoinUrls {
  /** REST base for tokens, snapshots and instruments, without a trailing slash. */
  readonly rest: string
}

/** KuCoin has no sandbox any more (shut down in 2023): `live` is the only environment. */
export const KUCOIN_URLS = {
  live: { rest: 'https://api.kucoin.com' },
} as const satisfies Record<'live', KucoinUrls>

/** REST paths used by the adapter. */
export const KUCOIN_PATHS = {
  bulletPublic: '/api/v1/bullet-public',
  bulletPrivate: '/api/v1/bullet-private',
  /** Full-depth book, signed (General permission). The only snapshot that can seed the `/market/level2` diff stream. */
  fullBook: '/api/v3/market/orderbook/level2',
  symbols: '/api/v2/symbols',
} as const

/** Joins a REST base and a path (with its query), tolerating a trailing slash on the base. */
export const restUrl = (urls: KucoinUrls, pathWithQuery: string): string => `${urls.rest.replace(/\/+$/, '')}${pathWithQuery}`
