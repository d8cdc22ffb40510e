import * as E from 'fp-ts/Either'
import { fromOkxSymbol, okxKindOf, toOkxSymbol } from './symbols'

const pairs = [
  ['BTC-USDT', 'BTC/USDT'],
  ['BTC-USDT-SWAP', 'BTC/USDT:USDT'],
  ['BTC-USD-SWAP', 'BTC/USD:BTC'],
  ['BTC-USDC-SWAP', 'BTC/USDC:USDC'],
  ['BTC-USDT-250328', 'BTC/USDT:USDT-250328'],
  ['TRX-USDT-210924', 'TRX/USDT:USDT-210924'],
  ['BTC-USD-210924-66000-C', 'BTC/USD:BTC-210924-66000-C'],
  ['ETH-USD-220624-12000-P', 'ETH/USD:ETH-220624-12000-P'],
] as const

describe('okx symbols', () => {
  it.each(pairs)('maps %s to %s', (okx, unified) => {
    expect(fromOkxSymbol(okx)).toBe(unified)
  })

  it.each(pairs)('maps %s back from %s', (okx, unified) => {
    expect(toOkxSymbol(unified)).toEqual(E.right(okx))
  })

  it.each(['BTC', 'BTC-USDT-XYZ', 'BTC-USD-210924-66000-X', '-USDT'])('does not understand %s', (id) => {
    expect(fromOkxSymbol(id)).toBeUndefined()
  })

  it('refuses a settlement currency OKX does not use', () => {
    expect(E.isLeft(toOkxSymbol('BTC/USD:USDT'))).toBe(true)
  })

  it('refuses text that is not a unified symbol', () => {
    expect(E.isLeft(toOkxSymbol('BTC-USDT'))).toBe(true)
  })

  it('classifies an id the same way when asked again', () => {
    expect(['BTC-USDT-XYZ', 'BTC-USDT-XYZ', 'ETH-USDT-SWAP', 'ETH-USDT-SWAP'].map(okxKindOf)).toEqual([undefined, undefined, 'swap', 'swap'])
  })

  it.each([
    ['BTC-USDT', 'spot'],
    ['BTC-USDT-SWAP', 'swap'],
    ['BTC-USDT-250328', 'future'],
    ['BTC-USD-210924-66000-C', 'option'],
  ])('classifies %s as %s', (id, kind) => {
    expect(okxKindOf(id)).toBe(kind)
  })
})
