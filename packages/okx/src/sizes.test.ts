import * as E from 'fp-ts/Either'
import type { Instrument } from '@tributary/core'
import { sizeAt, toBaseFor, type ToBase } from './sizes'
import { TEST_INSTRUMENTS } from './__tests__/support'

const lookup = (id: string): Instrument | undefined => TEST_INSTRUMENTS.find((i) => i.venueSymbol === id)
const converter = (id: string): ToBase => {
  const result = toBaseFor(id, lookup)
  if (E.isLeft(result)) throw new Error(result.left)
  return result.right
}

describe('toBaseFor', () => {
  it('leaves spot sizes alone', () => {
    expect(converter('BTC-USDT')(0.123, 1)).toBe(0.123)
  })

  it('multiplies linear contracts by ctVal without float noise', () => {
    expect(converter('BTC-USDT-SWAP')(431, 30_000)).toBe(4.31)
  })

  it('multiplies option contracts by ctVal × ctMult', () => {
    expect(converter('BTC-USD-210924-66000-C')(402, 0.0085)).toBe(40.2)
  })

  it('divides inverse contracts (USD face value) by the price', () => {
    expect(converter('BTC-USD-SWAP')(10, 50_000)).toBe(0.02)
  })

  it('refuses a derivative without metadata', () => {
    expect(toBaseFor('ETH-USDT-SWAP', lookup)).toEqual(E.left(expect.stringContaining('ETH-USDT-SWAP')))
  })
})

describe('sizeAt', () => {
  it('needs a price only for inverse contracts', () => {
    expect([sizeAt(converter('BTC-USD-SWAP'), 10, undefined), sizeAt(converter('BTC-USDT-SWAP'), 10, undefined)]).toEqual([undefined, 0.1])
  })

  it('passes an absent size through', () => {
    expect(sizeAt(converter('BTC-USDT'), undefined, 1)).toBeUndefined()
  })
})
