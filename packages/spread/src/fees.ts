import * as E from 'fp-ts/Either'
import { parseSymbol, symbolKind } from '@tributary/core'

/** Taker fee, in basis points, for taking liquidity on one market. */
export type TakerFees = (venue: string, symbol: string) => number

/**
 * Taker fees from a table keyed from most to least specific: `okx:BTC/USDT:USDT`, `okx:swap` (instrument kind),
 * `okx`, then `*`; 0 when nothing matches.
 * @example feeTable({ okx: 5, 'okx:spot': 10, kucoin: 10 })('okx', 'BTC/USDT') // 10
 */
export const feeTable =
  (table: Readonly<Record<string, number>>): TakerFees =>
  (venue, symbol) => {
    const parsed = parseSymbol(symbol)
    const kind = E.isRight(parsed) ? symbolKind(parsed.right) : undefined
    const keys = [`${venue}:${symbol}`, ...(kind === undefined ? [] : [`${venue}:${kind}`]), venue, '*']
    for (const key of keys) {
      const fee = table[key]
      if (fee !== undefined) return fee
    }
    return 0
  }

/**
 * Parses `okx=5,okx:spot=10,kucoin=10` into a fee table; `Left` names the bad entry.
 * Fees are basis points and may be negative (rebates).
 */
export const parseFees = (text: string): E.Either<string, Readonly<Record<string, number>>> => {
  const table: Record<string, number> = {}
  for (const entry of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const at = entry.lastIndexOf('=')
    const key = entry.slice(0, at).trim()
    const value = Number(entry.slice(at + 1))
    if (at <= 0 || entry.slice(at + 1).trim() === '' || !Number.isFinite(value)) {
      return E.left(`bad fee ${JSON.stringify(entry)}: expected VENUE[:KIND|:SYMBOL]=BPS, e.g. okx=5 or okx:spot=10`)
    }
    table[key] = value
  }
  return E.right(table)
}
