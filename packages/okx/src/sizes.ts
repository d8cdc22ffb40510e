import * as E from 'fp-ts/Either'
import type { Instrument } from '@tributary/core'
import { toSignificant15 } from './precision'
import { okxKindOf } from './symbols'

/** Converts a venue size at a price to base units. Only inverse contracts (valued in quote currency) need the price. */
export interface ToBase {
  (size: number, price: number): number
  readonly needsPrice: boolean
}

const converter = (needsPrice: boolean, f: (size: number, price: number) => number): ToBase => Object.assign(f, { needsPrice })

/** Sizes already in base units (spot, and channels whose volumes OKX gives in base). */
export const identity: ToBase = converter(false, (size) => size)

/** Drops binary floating-point noise from a product (`431 × 0.01` is `4.3100000000000005`): 15 significant digits. */
const clean = toSignificant15

/** A size in base units, or `undefined` when the size is absent or its conversion needs a price that is absent. */
export const sizeAt = (toBase: ToBase, size: number | undefined, price: number | undefined): number | undefined => {
  if (size === undefined) return undefined
  if (price === undefined) return toBase.needsPrice ? undefined : toBase(size, 0)
  return toBase(size, price)
}

const SPOT: E.Either<string, ToBase> = E.right(identity)

const contracts = (perContract: number, inverse: boolean): ToBase =>
  inverse ? converter(true, (size, price) => clean((size * perContract) / price)) : converter(false, (size) => clean(size * perContract))

// Built once per instrument (instruments are immutable), not once per frame.
const converters = new WeakMap<Instrument, E.Either<string, ToBase>>()

/**
 * The size converter for an instrument. Spot sizes are already base units. Derivative sizes are contracts:
 * linear and option contracts are worth `ctVal × ctMult` base units; inverse contracts (`ctType: inverse`, `ctVal` in
 * USD) are worth `ctVal × ctMult / price` base units. Without metadata for a derivative this is a `Left`: sizes are
 * never guessed (market data then keeps the contracts as sent, marked `sizeUnit: 'contracts'`).
 */
export const toBaseFor = (instId: string, instrument: (id: string) => Instrument | undefined): E.Either<string, ToBase> =>
  okxKindOf(instId) === 'spot' ? SPOT : contractsToBase(instId, instrument)

/** {@link toBaseFor} for an instrument known not to be spot (the caller has its kind already). */
export const contractsToBase = (instId: string, instrument: (id: string) => Instrument | undefined): E.Either<string, ToBase> => {
  const meta = instrument(instId)
  if (meta?.contractValue === undefined) {
    return E.left(`okx ${instId}: no contract metadata (ctVal) loaded; its sizes are contracts and cannot be converted to base units`)
  }
  let known = converters.get(meta)
  if (known === undefined) {
    known = E.right(contracts(meta.contractValue * (meta.contractMultiplier ?? 1), meta.contractType === 'inverse'))
    converters.set(meta, known)
  }
  return known
}

