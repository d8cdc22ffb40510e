import * as E from 'fp-ts/Either'
import { formatSymbol, parseSymbol, type SymbolMapper, type SymbolParts } from '@tributary/core'

/** KuCoin currency code → unified code. ccxt maps `BCHSV` to `BSV`; pass your own table to change it. */
export type CurrencyAliases = Readonly<Record<string, string>>

/** @defaultValue the aliases ccxt applies to KuCoin spot. */
export const DEFAULT_ALIASES: CurrencyAliases = { BCHSV: 'BSV' }

/** Spot symbols: `BTC-USDT` ↔ `BTC/USDT`, with currency aliases applied both ways. */
export interface KucoinSymbols extends SymbolMapper {
  /** KuCoin currency code → unified code. */
  currency(venueCode: string): string
}

/**
 * Builds the spot symbol mapper. Only spot symbols (`BASE/QUOTE`) are expressible; derivatives live on KuCoin Futures.
 * @example createKucoinSymbols().fromVenue('BCHSV-USDT') // 'BSV/USDT'
 */
export const createKucoinSymbols = (aliases: CurrencyAliases = DEFAULT_ALIASES): KucoinSymbols => {
  const reverse = new Map(Object.entries(aliases).map(([venue, unified]) => [unified, venue]))
  const currency = (code: string): string => aliases[code] ?? code
  return {
    currency,
    toVenue: (symbol) =>
      E.chain((p: SymbolParts) =>
        p.settle === undefined
          ? E.right(`${reverse.get(p.base) ?? p.base}-${reverse.get(p.quote) ?? p.quote}`)
          : E.left(`kucoin spot has no derivative ${symbol}`),
      )(parseSymbol(symbol)),
    fromVenue: (id) => {
      const parts = id.split('-')
      const [base, quote] = parts
      if (parts.length !== 2 || base === undefined || quote === undefined || base === '' || quote === '') return undefined
      return formatSymbol({ base: currency(base), quote: currency(quote) })
    },
  }
}
