import { createRequire } from 'node:module'

/** The part of a ccxt Pro order book the benchmarks read. */
export interface CcxtBook {
  readonly bids: readonly (readonly number[])[]
  readonly asks: readonly (readonly number[])[]
  nonce?: number
  /** Deltas buffered before the REST snapshot (KuCoin). */
  readonly cache: readonly unknown[]
}

/** A ccxt Pro connection object, created without connecting. */
export interface CcxtClient {
  send: (message: unknown) => Promise<unknown>
  readonly subscriptions: Record<string, unknown>
}

export interface CcxtTicker {
  readonly symbol: string
  readonly timestamp?: number
  readonly last?: number
  readonly info: Readonly<Record<string, unknown>>
}

/** The slice of a ccxt Pro exchange instance used here (ccxt ships no narrower type that fits CommonJS output). */
export interface CcxtExchange {
  readonly id: string
  readonly orderbooks: Readonly<Record<string, CcxtBook>>
  readonly options: Record<string, unknown>
  readonly urls: { api: Record<string, unknown> }
  client(url: string): CcxtClient
  handleMessage(client: CcxtClient, message: unknown): void
  setMarkets(markets: readonly unknown[]): void
  parseMarkets(raw: unknown): unknown[]
  market(symbol: string): { readonly id: string }
  safeSymbol(marketId: string, market?: unknown, delimiter?: string): string
  parseOrderBook(raw: unknown, symbol: string, timestamp?: number, bidsKey?: string, asksKey?: string, priceKey?: number, amountKey?: number): CcxtBook
  loadHttpProxyAgent(): Promise<unknown>
  watchTicker(symbol: string): Promise<CcxtTicker>
  watchOrderBook(symbol: string, limit?: number): Promise<CcxtBook>
  close(): Promise<unknown>
  fetchRestOrderBookSafe: (symbol: string, limit?: number, params?: unknown) => Promise<CcxtBook>
  spawn: (method: (...args: unknown[]) => Promise<unknown>, ...args: unknown[]) => Promise<unknown>
}

export type CcxtVenue = 'okx' | 'kucoin' | 'weex'

export interface CcxtModule {
  readonly version: string
  readonly pro: Readonly<Record<CcxtVenue, new (config?: Record<string, unknown>) => CcxtExchange>>
}

const load = createRequire(__filename)

/** Loads ccxt (its CommonJS build) on demand, so a benchmark that does not need it never pays for it. */
export const loadCcxt = (): CcxtModule => load('ccxt') as CcxtModule

/** A ccxt Pro exchange with no REST access: markets are given, never fetched. */
export const ccxtExchange = (ccxt: CcxtModule, venue: CcxtVenue, markets: readonly unknown[]): CcxtExchange => {
  const ex = new ccxt.pro[venue]({ enableRateLimit: false })
  ex.setMarkets(markets)
  return ex
}

/** Weex's one recorded instrument, as ccxt wants it. */
export const WEEX_MARKETS: readonly unknown[] = [
  {
    id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', baseId: 'BTC', quoteId: 'USDT', settleId: 'USDT',
    type: 'swap', spot: false, margin: false, swap: true, future: false, option: false, contract: true, linear: true, inverse: false,
    active: true, contractSize: 1, precision: { amount: 0.0001, price: 0.1 }, limits: {}, info: {},
  },
]

/** KuCoin spot markets from a `/api/v1/symbols` body, shaped as ccxt's own `fetchMarkets` shapes them. */
export const kucoinMarkets = (body: string): unknown[] => {
  const parsed = JSON.parse(body) as { data?: readonly Record<string, unknown>[] }
  return (parsed.data ?? []).flatMap((m) => {
    const id = typeof m['symbol'] === 'string' ? m['symbol'] : undefined
    if (id === undefined) return []
    const [baseId = '', quoteId = ''] = id.split('-')
    return [{
      id, symbol: `${baseId}/${quoteId}`, base: baseId, quote: quoteId, baseId, quoteId, type: 'spot', spot: true, margin: false,
      swap: false, future: false, option: false, contract: false, active: true,
      precision: { amount: Number(m['baseIncrement']), price: Number(m['priceIncrement']) }, limits: {}, info: m,
    }]
  })
}
