/** Where a Weex contract V3 client connects. */
export interface WeexUrls {
  /** Public WebSocket (market data). */
  readonly public: string
  /** Private WebSocket (orders, fills, positions, account); signed upgrade headers. */
  readonly private: string
  /** REST base (`/capi/v3/…`). */
  readonly rest: string
}

/** The path every private upgrade signs, whatever host it goes to. */
export const WEEX_PRIVATE_SIGN_PATH = '/v3/ws/private'

/** Weex has no WebSocket demo host: only `live` exists. */
export const WEEX_URLS = {
  live: {
    public: 'wss://ws-contract.weex.com/v3/ws/public',
    private: 'wss://ws-contract.weex.com/v3/ws/private',
    rest: 'https://api-contract.weex.com',
  },
} as const satisfies Record<'live', WeexUrls>

/** URLs of a server at `wsBase` (`ws://127.0.0.1:port`) and `httpBase`, laid out like Weex's (simulators, proxies). */
export const weexUrlsAt = (wsBase: string, httpBase: string): WeexUrls => ({
  public: `${wsBase}/v3/ws/public`,
  private: `${wsBase}/v3/ws/private`,
  rest: httpBase,
})
