import { baseUnitsPerContract, type BookStatus, type ConnectionStatus, type Instrument } from '@tributary/core'
import type { TakerFees } from './fees'
import type { LegFlag, MarketView, SizeFlag } from './health'

/** One leg of a spread: where the ask is lifted (`buy`) or the bid is hit (`sell`). */
export interface SpreadLeg {
  readonly venue: string
  readonly symbol: string
  readonly side: 'buy' | 'sell'
  /** The touch price taken: the ask for `buy`, the bid for `sell`. */
  readonly price: number | undefined
  /** Size at that touch, base units; undefined when unknown (see `sizeFlags`). */
  readonly size: number | undefined
  readonly feeBps: number
  readonly ageMs: number | undefined
  readonly book: BookStatus | undefined
  readonly connection: ConnectionStatus | undefined
  /** Empty when the leg is usable. */
  readonly flags: readonly LegFlag[]
  /** Present when the leg's price is usable but its size is not. */
  readonly sizeFlags?: readonly SizeFlag[]
}

interface SpreadBase {
  readonly kind: 'spread'
  /** The instrument key both legs price (`BTC/USDT`). */
  readonly instrument: string
  readonly buy: SpreadLeg
  readonly sell: SpreadLeg
}

/** Both legs usable: the edge of buying on `buy` and selling on `sell` at the touch. */
export interface UsableSpread extends SpreadBase {
  readonly usable: true
  /** `(sell − buy) / buy`, in basis points. */
  readonly grossBps: number
  /** `(sell·(1 − feeSell) − buy·(1 + feeBuy)) / buy`, in basis points, taker fees on both legs. */
  readonly netBps: number
  /**
   * Size both touches can fill, base units, rounded down to both legs' lots when instruments are known. 0 when a
   * leg's size is unknown (`sizeFlags`): the edge is real, the executable size is not known.
   */
  readonly size: number
  /** `size × buy price`, quote currency. */
  readonly notional: number
  /** `size` in each leg's order unit (contracts for derivatives), when its instrument is known. */
  readonly orderSizes?: { readonly buy: number; readonly sell: number }
  /** Present when a leg's size is unknown: `size` and `notional` are then 0 and `orderSizes` is absent. */
  readonly sizeFlags?: readonly SizeFlag[]
}

/** A leg is flagged: no edge is computed, so a stale quote is never used. */
export interface ExcludedSpread extends SpreadBase {
  readonly usable: false
}

export type Spread = UsableSpread | ExcludedSpread

export interface SpreadOptions {
  /** @defaultValue no fees */
  readonly fees?: TakerFees
  /** Instrument metadata, for lot rounding and contract counts. */
  readonly instrument?: (venue: string, symbol: string) => Instrument | undefined
}

const BPS = 10_000

/** Rounds to 12 significant digits: removes the binary noise of a division by a decimal step. */
const clean = (x: number): number => Number(x.toPrecision(12))

/** The smallest size increment of an instrument, in base units. */
export const lotInBase = (instrument: Instrument): number =>
  instrument.kind === 'spot' ? instrument.lotSize : clean(instrument.lotSize * baseUnitsPerContract(instrument))

/** Rounds `size` down to a multiple of `step` (tolerating binary noise). */
export const floorTo = (size: number, step: number): number => (step > 0 ? clean(Math.floor(clean(size / step)) * step) : size)

const legOf = (market: MarketView, side: 'buy' | 'sell', feeBps: number): SpreadLeg => {
  const touch = side === 'buy' ? market.ask : market.bid
  const flags = touch === undefined && !market.flags.includes('no-quote') ? [...market.flags, 'no-quote' as const] : market.flags
  return {
    venue: market.venue,
    symbol: market.symbol,
    side,
    price: touch?.price,
    size: market.sizeFlags === undefined ? touch?.size : undefined,
    feeBps,
    ageMs: market.ageMs,
    book: market.book,
    connection: market.connection,
    flags,
    ...(market.sizeFlags === undefined ? {} : { sizeFlags: market.sizeFlags }),
  }
}

/**
 * The spread of buying at `buy`'s ask and selling at `sell`'s bid. Excluded (no figures) when either leg is flagged.
 * @example computeSpread('BTC/USDT', okxView, kucoinView, { fees: feeTable({ okx: 5, kucoin: 10 }) })
 */
export const computeSpread = (instrument: string, buy: MarketView, sell: MarketView, options: SpreadOptions = {}): Spread => {
  const { fees = () => 0, instrument: lookup } = options
  const buyLeg = legOf(buy, 'buy', fees(buy.venue, buy.symbol))
  const sellLeg = legOf(sell, 'sell', fees(sell.venue, sell.symbol))
  const base = { kind: 'spread', instrument, buy: buyLeg, sell: sellLeg } as const
  if (buyLeg.flags.length > 0 || sellLeg.flags.length > 0 || buyLeg.price === undefined || sellLeg.price === undefined) {
    return { ...base, usable: false }
  }
  const pb = buyLeg.price
  const ps = sellLeg.price
  const grossBps = ((ps - pb) / pb) * BPS
  const netBps = ((ps * (1 - sellLeg.feeBps / BPS) - pb * (1 + buyLeg.feeBps / BPS)) / pb) * BPS
  const sizeFlags = [...new Set([...(buyLeg.sizeFlags ?? []), ...(sellLeg.sizeFlags ?? [])])]
  if (sizeFlags.length > 0) return { ...base, usable: true, grossBps, netBps, size: 0, notional: 0, sizeFlags }
  const buyInstrument = lookup?.(buy.venue, buy.symbol)
  const sellInstrument = lookup?.(sell.venue, sell.symbol)
  let size = Math.min(buyLeg.size ?? 0, sellLeg.size ?? 0)
  for (const i of [buyInstrument, sellInstrument]) if (i !== undefined) size = floorTo(size, lotInBase(i))
  const orderSize = (i: Instrument | undefined): number => (i === undefined || i.kind === 'spot' ? size : clean(size / baseUnitsPerContract(i)))
  return {
    ...base,
    usable: true,
    grossBps,
    netBps,
    size,
    notional: size * pb,
    ...(buyInstrument === undefined || sellInstrument === undefined ? {} : { orderSizes: { buy: orderSize(buyInstrument), sell: orderSize(sellInstrument) } }),
  }
}
