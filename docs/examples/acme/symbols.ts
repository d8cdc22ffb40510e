import * as E from 'fp-ts/Either'
import { formatSymbol, parseSymbol, type SymbolMapper } from '@tributary/core'

/** Acme lists spot pairs only, as `BTCUSDT`: unified `BTC/USDT` ↔ `BTCUSDT` for the quotes it trades in. */
const QUOTES = ['USDT', 'USDC', 'BTC']

export const acmeSymbols: SymbolMapper = {
  toVenue: (symbol) =>
    E.chain((p: { readonly base: string; readonly quote: string; readonly settle?: string }) =>
      p.settle === undefined ? E.right(`${p.base}${p.quote}`) : E.left(`acme lists spot pairs only, not ${symbol}`),
    )(parseSymbol(symbol)),
  fromVenue: (id) => {
    const quote = QUOTES.find((q) => id.endsWith(q) && id.length > q.length)
    return quote === undefined ? undefined : formatSymbol({ base: id.slice(0, -quote.length), quote })
  },
}
