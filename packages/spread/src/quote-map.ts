import * as E from 'fp-ts/Either'
import { parseSymbol, symbolKind } from '@tributary/core'

/** Decides which quote currencies count as one when venues' markets are compared. */
export interface QuoteMap {
  /** The currency that stands for `currency` (itself when it belongs to no group). */
  readonly canonical: (currency: string) => string
}

/**
 * A quote map from groups of interchangeable currencies; the first of each group names it.
 * Prices in grouped currencies are compared one to one: `USDT` and `USDC` are treated as equal dollars.
 * @example createQuoteMap([['USDT', 'USDC']]).canonical('USDC') // 'USDT'
 */
export const createQuoteMap = (groups: readonly (readonly string[])[]): QuoteMap => {
  const to = new Map<string, string>()
  for (const group of groups) {
    const [head] = group
    if (head === undefined) continue
    for (const currency of group) to.set(currency.toUpperCase(), head.toUpperCase())
  }
  return { canonical: (currency) => to.get(currency.toUpperCase()) ?? currency.toUpperCase() }
}

/** Every quote currency stands for itself. */
export const strictQuotes: QuoteMap = createQuoteMap([])

/**
 * The instrument a market prices, across venues and instrument kinds: `BASE/QUOTE` with the quote mapped.
 * Spot, perpetuals and dated futures of one pair share a key (their spread is the basis); options have none, since
 * their price is a premium, not the underlying's price.
 */
export const instrumentKey = (symbol: string, quotes: QuoteMap = strictQuotes): E.Either<string, string> => {
  const parsed = parseSymbol(symbol)
  if (E.isLeft(parsed)) return parsed
  if (symbolKind(parsed.right) === 'option') return E.left(`${symbol}: options cannot be compared with their underlying`)
  return E.right(`${parsed.right.base.toUpperCase()}/${quotes.canonical(parsed.right.quote)}`)
}
