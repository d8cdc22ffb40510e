import * as t from 'io-ts'
import { FiniteNumber } from '../codec/number-from-string'
import { struct } from './common'

export const InstrumentKind = t.keyof({ spot: null, swap: null, future: null, option: null }, 'InstrumentKind')
export type InstrumentKind = t.TypeOf<typeof InstrumentKind>

/** A tradable instrument with its venue metadata. */
export const Instrument = struct(
  'Instrument',
  {
    venue: t.string,
    /** Unified symbol: `BTC/USDT`, `BTC/USDT:USDT`, `BTC/USD:BTC`, `BTC/USDT:USDT-250328`, `BTC/USD:BTC-250328-60000-C`. */
    symbol: t.string,
    /** The venue's own id: `BTC-USDT-SWAP`, `BTCUSDT`, `BTC-USDT`. */
    venueSymbol: t.string,
    kind: InstrumentKind,
    base: t.string,
    quote: t.string,
    /** Minimum price increment. */
    tickSize: FiniteNumber,
    /** Minimum size increment, in the venue's order unit (contracts for OKX derivatives, base for spot). */
    lotSize: FiniteNumber,
  },
  {
    /** Settlement currency (contracts only). */
    settle: t.string,
    /** Base units per contract (OKX `ctVal`, Weex contract size); 1 when sizes are already in base units. */
    contractValue: FiniteNumber,
    /** Multiplier applied on top of `contractValue` (OKX `ctMult`). */
    contractMultiplier: FiniteNumber,
    /** `linear` (settled in quote) or `inverse` (settled in base). */
    contractType: t.keyof({ linear: null, inverse: null }),
    /** Expiry, epoch ms (dated futures and options). */
    expiry: FiniteNumber,
    strike: FiniteNumber,
    optionType: t.keyof({ call: null, put: null }),
    /** Smallest order size, in the venue's order unit. */
    minSize: FiniteNumber,
    active: t.boolean,
  },
)
export type Instrument = t.TypeOf<typeof Instrument>

/**
 * Base units per venue size unit: `contractValue × contractMultiplier`, or 1 for spot. Linear contracts only: an
 * inverse contract's value is in the quote currency (OKX `ctValCcy: USD`), so its base size is
 * `contracts × contractValue × contractMultiplier / price`.
 */
export const baseUnitsPerContract = (i: Pick<Instrument, 'contractValue' | 'contractMultiplier'>): number =>
  (i.contractValue ?? 1) * (i.contractMultiplier ?? 1)
