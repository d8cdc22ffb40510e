/** Where one OKX environment lives: the three socket groups and the REST host. */
export interface OkxUrls {
  readonly public: string
  readonly private: string
  readonly business: string
  /** REST base, without a trailing slash (`https://www.okx.com`). */
  readonly rest: string
  /** Headers every REST request carries (demo: `x-simulated-trading: 1`). */
  readonly restHeaders: Readonly<Record<string, string>>
}

export type OkxEnv = 'live' | 'demo'

/**
 * Endpoint table per environment. Port 443: OKX stops accepting `:8443` on 2026-10-31, path unchanged.
 * Demo sockets live on `wspap.okx.com`; demo REST is the live host with the simulated-trading header.
 */
export const OKX_URLS = {
  live: {
    public: 'wss://ws.okx.com:443/ws/v5/public',
    private: 'wss://ws.okx.com:443/ws/v5/private',
    business: 'wss://ws.okx.com:443/ws/v5/business',
    rest: 'https://www.okx.com',
    restHeaders: {},
  },
  demo: {
    public: 'wss://wspap.okx.com:443/ws/v5/public',
    private: 'wss://wspap.okx.com:443/ws/v5/private',
    business: 'wss://wspap.okx.com:443/ws/v5/business',
    rest: 'https://www.okx.com',
    restHeaders: { 'x-simulated-trading': '1' },
  },
} as const satisfies Record<OkxEnv, OkxUrls>

export interface OkxUrlOptions {
  /** @defaultValue 'live' */
  readonly env?: OkxEnv
  /**
   * A socket base that `/public`, `/private` and `/business` are appended to (`ws://127.0.0.1:8080/ws/v5`),
   * as ccxt's `urls.api.ws`. Applied before `urls`.
   */
  readonly wsBase?: string
  /** Overrides single entries of the environment's table. */
  readonly urls?: Partial<OkxUrls>
}

const trimSlash = (s: string): string => s.replace(/\/+$/, '')

/** Resolves the endpoint table for an environment, a custom socket base and per-entry overrides. */
export const okxUrls = (options: OkxUrlOptions = {}): OkxUrls => {
  const { env = 'live', wsBase, urls = {} } = options
  const base: OkxUrls = OKX_URLS[env]
  const fromBase: Partial<OkxUrls> =
    wsBase === undefined
      ? {}
      : { public: `${trimSlash(wsBase)}/public`, private: `${trimSlash(wsBase)}/private`, business: `${trimSlash(wsBase)}/business` }
  const merged = { ...base, ...fromBase, ...urls }
  return { ...merged, rest: trimSlash(merged.rest) }
}
