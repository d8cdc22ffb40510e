import * as E from 'fp-ts/Either'
import { toIssues } from '../codec/decode'
import { baseUnitsPerContract, Instrument } from './instrument'

const pathsOf = (result: E.Either<Parameters<typeof toIssues>[0], unknown>): readonly string[] =>
  E.isLeft(result) ? toIssues(result.left).map((i) => i.path) : []

const swap: Instrument = {
  venue: 'okx', symbol: 'BTC/USDT:USDT', venueSymbol: 'BTC-USDT-SWAP', kind: 'swap', base: 'BTC', quote: 'USDT', tickSize: 0.1, lotSize: 1,
  settle: 'USDT', contractValue: 0.01, contractMultiplier: 1, contractType: 'linear', minSize: 1, active: true,
}

describe('Instrument', () => {
  it('decodes a linear swap with its contract value', () => {
    expect(Instrument.decode(swap)).toEqual(E.right(swap))
  })

  it('decodes a spot instrument without contract fields', () => {
    expect(E.isRight(Instrument.decode({ venue: 'kucoin', symbol: 'BTC/USDT', venueSymbol: 'BTC-USDT', kind: 'spot', base: 'BTC', quote: 'USDT', tickSize: 0.1, lotSize: 1e-8 }))).toBe(true)
  })

  it.each([
    ['an unknown kind', { ...swap, kind: 'perp' }, ['kind']],
    ['an unknown contract type', { ...swap, contractType: 'quanto' }, ['contractType']],
    ['a contract value sent as a string', { ...swap, contractValue: '0.01' }, ['contractValue']],
    ['an option type as a letter', { ...swap, optionType: 'C' }, ['optionType']],
  ] as const)('rejects %s', (_name, value, paths) => {
    expect(pathsOf(Instrument.decode(value))).toEqual(paths)
  })
})

describe('baseUnitsPerContract', () => {
  it.each([
    ['spot (no contract fields)', {}, 1],
    ['OKX BTC-USDT-SWAP, ctVal 0.01', { contractValue: 0.01 }, 0.01],
    ['a contract with a multiplier', { contractValue: 0.1, contractMultiplier: 10 }, 1],
  ])('gives %s as %p', (_name, instrument, expected) => {
    expect(baseUnitsPerContract(instrument)).toBeCloseTo(expected, 12)
  })
})
