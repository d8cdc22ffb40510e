import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { NumberFromString, type FeedError, type HttpClient, type Instrument } from '@tributary/core'
import { requestKucoin, VENUE } from './rest'
import type { KucoinSymbols } from './symbols'
import { KUCOIN_PATHS, restUrl, type KucoinUrls } from './urls'

/** One entry of `GET /api/v2/symbols` (the v1 list has the same fields). */
export const KucoinSymbolInfo = t.type(
  {
    symbol: t.string,
    baseCurrency: t.string,
    quoteCurrency: t.string,
    baseIncrement: NumberFromString,
    priceIncrement: NumberFromString,
    baseMinSize: NumberFromString,
    enableTrading: t.boolean,
  },
  'KucoinSymbolInfo',
)
export const KucoinSymbolList = t.array(KucoinSymbolInfo, 'KucoinSymbolList')

/** Symbol list entries → spot instruments, currencies aliased (`BCHSV` → `BSV`). */
export const toInstruments = (list: t.TypeOf<typeof KucoinSymbolList>, symbols: KucoinSymbols): readonly Instrument[] =>
  list.map((s) => {
    const base = symbols.currency(s.baseCurrency)
    const quote = symbols.currency(s.quoteCurrency)
    return {
      venue: VENUE,
      symbol: `${base}/${quote}`,
      venueSymbol: s.symbol,
      kind: 'spot',
      base,
      quote,
      tickSize: s.priceIncrement,
      lotSize: s.baseIncrement,
      minSize: s.baseMinSize,
      active: s.enableTrading,
    }
  })

/** Loads spot instruments from `GET /api/v2/symbols` (public). */
export const loadInstruments = async (http: HttpClient, urls: KucoinUrls, symbols: KucoinSymbols): Promise<E.Either<FeedError, readonly Instrument[]>> =>
  E.map((list: t.TypeOf<typeof KucoinSymbolList>) => toInstruments(list, symbols))(
    await requestKucoin(http, { method: 'GET', url: restUrl(urls, KUCOIN_PATHS.symbols) }, KucoinSymbolList, `GET ${KUCOIN_PATHS.symbols}`),
  )
