import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import {
  ConfigurationError,
  DecodeError,
  NumberFromString,
  decodeWith,
  formatSymbol,
  parseJson,
  parseSymbol,
  type FeedError,
  type HttpClient,
  type Instrument,
  type SymbolMapper,
  type SymbolParts,
} from '@tributary/core'

const VENUE = 'weex'
/** Settlement currencies of Weex linear perpetuals, longest first so `…USDC` is not read as `…USD` + `C`. */
const SETTLE_CURRENCIES = ['USDT', 'USDC'] as const

/**
 * Weex contract V3 ids ↔ unified symbols by rule: `BTCUSDT` ↔ `BTC/USDT:USDT`. Only linear perpetuals settled in
 * their quote currency exist on this API; anything else is `Left` (unified → venue) or `undefined` (venue → unified).
 */
export const weexSymbols: SymbolMapper = {
  toVenue: (symbol) =>
    E.chain((p: SymbolParts) =>
      p.settle === p.quote && p.expiry === undefined
        ? E.right(`${p.base}${p.quote}`.toUpperCase())
        : E.left(`weex contract V3 serves linear perpetuals only (BASE/QUOTE:QUOTE), not ${symbol}`),
    )(parseSymbol(symbol)),
  fromVenue: (id) => {
    const upper = id.toUpperCase()
    const settle = SETTLE_CURRENCIES.find((s) => upper.endsWith(s) && upper.length > s.length)
    if (settle === undefined || !/^[A-Z0-9]+$/.test(upper)) return undefined
    return formatSymbol({ base: upper.slice(0, -settle.length), quote: settle, settle })
  },
}

/** One contract of `GET /capi/v3/market/exchangeInfo` (fields this adapter reads). */
export const WeexContractInfo = t.intersection(
  [
    t.type({ symbol: t.string, baseAsset: t.string, quoteAsset: t.string, marginAsset: t.string }),
    t.partial({
      pricePrecision: t.union([t.string, t.number]),
      quantityPrecision: t.union([t.string, t.number]),
      /** Quantity step in base units (ETHUSDT `0.001`): not a multiplier, V3 sizes are already base quantities. */
      contractVal: NumberFromString,
      minOrderSize: NumberFromString,
    }),
  ],
  'WeexContractInfo',
)
export type WeexContractInfo = t.TypeOf<typeof WeexContractInfo>
export const WeexExchangeInfo = t.type({ symbols: t.array(WeexContractInfo) }, 'WeexExchangeInfo')

const step = (precision: string | number | undefined): number | undefined => {
  const digits = typeof precision === 'string' ? Number(precision) : precision
  return digits === undefined || !Number.isInteger(digits) || digits < 0 ? undefined : 10 ** -digits
}

/**
 * Maps one contract to an instrument. `contractValue` is 1: the V3 socket sends base quantities (ticker `q / v` equals
 * the VWAP, trade `v = p × q`, depth sizes carry the quantity precision), so no size is ever multiplied.
 */
export const toInstrument = (c: WeexContractInfo): Instrument => {
  const lot = c.contractVal ?? step(c.quantityPrecision) ?? 1
  return {
    venue: VENUE,
    symbol: formatSymbol({ base: c.baseAsset, quote: c.quoteAsset, settle: c.marginAsset }),
    venueSymbol: c.symbol,
    kind: 'swap',
    base: c.baseAsset,
    quote: c.quoteAsset,
    settle: c.marginAsset,
    tickSize: step(c.pricePrecision) ?? 0,
    lotSize: lot,
    contractValue: 1,
    contractType: c.marginAsset === c.baseAsset ? 'inverse' : 'linear',
    ...(c.minOrderSize === undefined ? {} : { minSize: c.minOrderSize }),
  }
}

/** Loads every contract from `GET {rest}/capi/v3/market/exchangeInfo` through the HTTP port. */
export const loadInstruments =
  (restBase: string) =>
  async (http: HttpClient): Promise<E.Either<FeedError, readonly Instrument[]>> => {
    const url = `${restBase}/capi/v3/market/exchangeInfo`
    const response = await http({ method: 'GET', url })
    if (response.status !== 200) return E.left(new ConfigurationError(VENUE, `GET ${url} answered HTTP ${response.status}`))
    const json = parseJson(response.body)
    if (E.isLeft(json)) {
      return E.left(new DecodeError({ venue: VENUE, codec: 'JSON', issues: [{ path: '(root)', expected: 'valid JSON', actual: String(json.left) }], raw: response.body }))
    }
    return E.map((info: t.TypeOf<typeof WeexExchangeInfo>) => info.symbols.map(toInstrument))(decodeWith(VENUE, WeexExchangeInfo, json.right, response.body))
  }
