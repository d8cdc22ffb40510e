import * as E from 'fp-ts/Either'
import { formatSymbol, parseSymbol, symbolKind, type InstrumentKind, type SymbolMapper, type SymbolParts } from '@tributary/core'

const EXPIRY = /^\d{6}$/
const STRIKE = /^\d+(?:\.\d+)?$/

/**
 * The settlement currency OKX implies for a derivative: coin-margined (inverse) contracts quote in `USD` and settle
 * in the base coin; every other quote settles in itself (`USDT`, `USDC`).
 */
const settleFor = (base: string, quote: string): string => (quote === 'USD' ? base : quote)

const kindByShape = (instId: string): InstrumentKind | undefined => {
  const parts = instId.split('-')
  if (parts.length === 2) return 'spot'
  if (parts.length === 3) return parts[2] === 'SWAP' ? 'swap' : EXPIRY.test(parts[2] ?? '') ? 'future' : undefined
  if (parts.length === 5) return 'option'
  return undefined
}

const KIND_CACHE_SIZE = 10_000
const kinds = new Map<string, InstrumentKind | null>()

/** The instrument kind of an OKX instrument id, by its shape (remembered: every frame of an instrument asks). */
export const okxKindOf = (instId: string): InstrumentKind | undefined => {
  let kind = kinds.get(instId)
  if (kind === undefined) {
    if (kinds.size >= KIND_CACHE_SIZE) kinds.clear()
    kind = kindByShape(instId) ?? null
    kinds.set(instId, kind)
  }
  return kind ?? undefined
}

/** OKX id → unified: `BTC-USDT` → `BTC/USDT`, `BTC-USD-SWAP` → `BTC/USD:BTC`, `BTC-USD-210924-66000-C` → `BTC/USD:BTC-210924-66000-C`. */
export const fromOkxSymbol = (instId: string): string | undefined => {
  const [base, quote, third, strike, type] = instId.split('-')
  if (base === undefined || quote === undefined || base === '' || quote === '') return undefined
  const settle = settleFor(base, quote)
  switch (okxKindOf(instId)) {
    case 'spot':
      return formatSymbol({ base, quote })
    case 'swap':
      return formatSymbol({ base, quote, settle })
    case 'future':
      return third === undefined ? undefined : formatSymbol({ base, quote, settle, expiry: third })
    case 'option':
      if (third === undefined || !EXPIRY.test(third) || strike === undefined || !STRIKE.test(strike)) return undefined
      return type === 'C' || type === 'P' ? formatSymbol({ base, quote, settle, expiry: third, strike, optionType: type }) : undefined
    case undefined:
      return undefined
  }
}

/** Unified → OKX id; `Left` when OKX cannot express it (e.g. a settlement currency OKX does not use for that pair). */
export const toOkxSymbol = (symbol: string): E.Either<string, string> =>
  E.chain((p: SymbolParts) => {
    const pair = `${p.base}-${p.quote}`
    const kind = symbolKind(p)
    if (kind === 'spot') return E.right(pair)
    if (p.settle !== settleFor(p.base, p.quote)) {
      return E.left(`okx: ${symbol}: ${p.base}-${p.quote} contracts settle in ${settleFor(p.base, p.quote)}, not ${p.settle ?? ''}`)
    }
    if (kind === 'swap') return E.right(`${pair}-SWAP`)
    if (kind === 'future') return E.right(`${pair}-${p.expiry ?? ''}`)
    return E.right(`${pair}-${p.expiry ?? ''}-${p.strike ?? ''}-${p.optionType ?? ''}`)
  })(parseSymbol(symbol))

/** Rule-based symbol mapping for OKX (exact for every OKX id shape; no metadata needed). */
export const okxSymbols: SymbolMapper = { toVenue: toOkxSymbol, fromVenue: fromOkxSymbol }
