import * as E from 'fp-ts/Either'
import type { Instrument, InstrumentKind } from './model/instrument'

/**
 * A unified symbol taken apart. The widely used convention:
 * `BTC/USDT` spot, `BTC/USDT:USDT` linear perpetual, `BTC/USD:BTC` inverse perpetual,
 * `BTC/USDT:USDT-250328` dated future, `BTC/USD:BTC-250328-60000-C` option.
 */
export interface SymbolParts {
  readonly base: string
  readonly quote: string
  /** Settlement currency; present for every derivative. */
  readonly settle?: string
  /** Expiry as `YYMMDD`. */
  readonly expiry?: string
  readonly strike?: string
  readonly optionType?: 'C' | 'P'
}

const CODE = '[A-Za-z0-9][A-Za-z0-9._]*'
const SYMBOL = new RegExp(`^(${CODE})/(${CODE})(?::(${CODE})(?:-(\\d{6})(?:-(\\d+(?:\\.\\d+)?)-([CP]))?)?)?$`)

const FORMS = 'BASE/QUOTE, BASE/QUOTE:SETTLE, BASE/QUOTE:SETTLE-YYMMDD or BASE/QUOTE:SETTLE-YYMMDD-STRIKE-C|P'

const isDate = (yymmdd: string): boolean => {
  const month = Number(yymmdd.slice(2, 4))
  const day = Number(yymmdd.slice(4, 6))
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

/** Parses a unified symbol; `Left` carries a message naming what is wrong. */
export const parseSymbol = (symbol: string): E.Either<string, SymbolParts> => {
  const m = SYMBOL.exec(symbol)
  if (m === null) return E.left(`not a unified symbol: ${JSON.stringify(symbol)} (expected ${FORMS})`)
  const [, base, quote, settle, expiry, strike, optionType] = m
  if (base === undefined || quote === undefined) return E.left(`not a unified symbol: ${JSON.stringify(symbol)}`)
  if (expiry !== undefined && !isDate(expiry)) return E.left(`bad expiry in ${JSON.stringify(symbol)}: ${expiry} is not a YYMMDD date`)
  return E.right({
    base,
    quote,
    ...(settle === undefined ? {} : { settle }),
    ...(expiry === undefined ? {} : { expiry }),
    ...(strike === undefined ? {} : { strike }),
    ...(optionType === 'C' || optionType === 'P' ? { optionType } : {}),
  })
}

/** Formats parts back into a unified symbol. A strike without an option type (or an expiry) is not written. */
export const formatSymbol = (p: SymbolParts): string => {
  let s = `${p.base}/${p.quote}`
  if (p.settle === undefined) return s
  s += `:${p.settle}`
  if (p.expiry === undefined) return s
  s += `-${p.expiry}`
  if (p.strike !== undefined && p.optionType !== undefined) s += `-${p.strike}-${p.optionType}`
  return s
}

/** The instrument kind a unified symbol denotes. */
export const symbolKind = (p: SymbolParts): InstrumentKind =>
  p.settle === undefined ? 'spot' : p.expiry === undefined ? 'swap' : p.optionType === undefined ? 'future' : 'option'

/** `true` when the contract settles in its base currency (`BTC/USD:BTC`). */
export const isInverse = (p: SymbolParts): boolean => p.settle !== undefined && p.settle === p.base

/** Converts between unified symbols and one venue's ids. Each venue package supplies one. */
export interface SymbolMapper {
  /** Unified → venue id, or `Left` with a message when the venue cannot express the symbol. */
  toVenue(symbol: string): E.Either<string, string>
  /** Venue id → unified; `undefined` when the id is not understood. */
  fromVenue(venueSymbol: string): string | undefined
}

/** A mapper backed by instrument metadata (exact), falling back to a rule-based mapper for unknown ids. */
export const instrumentSymbolMapper = (instruments: readonly Instrument[], fallback?: SymbolMapper): SymbolMapper => {
  const toVenue = new Map<string, string>()
  const fromVenue = new Map<string, string>()
  for (const i of instruments) {
    toVenue.set(i.symbol, i.venueSymbol)
    fromVenue.set(i.venueSymbol, i.symbol)
  }
  return {
    toVenue: (symbol) => {
      const id = toVenue.get(symbol)
      if (id !== undefined) return E.right(id)
      return fallback === undefined ? E.left(`unknown symbol ${symbol}`) : fallback.toVenue(symbol)
    },
    fromVenue: (id) => fromVenue.get(id) ?? fallback?.fromVenue(id),
  }
}
