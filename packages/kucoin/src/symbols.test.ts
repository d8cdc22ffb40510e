import * as E from 'fp-ts/Either'
import { createKucoinSymbols } from './symbols'

describe('createKucoinSymbols', () => {
  const symbols = createKucoinSymbols()

  it.each([
    ['BTC-USDT', 'BTC/USDT'],
    ['BCHSV-USDT', 'BSV/USDT'],
    ['SNX-BTC', 'SNX/BTC'],
  ])('maps %s to %s', (venue, unified) => {
    expect(symbols.fromVenue(venue)).toBe(unified)
  })

  it.each([
    ['BTC/USDT', 'BTC-USDT'],
    ['BSV/USDT', 'BCHSV-USDT'],
  ])('maps %s back to %s', (unified, venue) => {
    expect(symbols.toVenue(unified)).toEqual(E.right(venue))
  })

  it('refuses a derivative symbol', () => {
    expect(E.isLeft(symbols.toVenue('BTC/USDT:USDT'))).toBe(true)
  })

  it('refuses a string that is not a unified symbol', () => {
    expect(E.isLeft(symbols.toVenue('BTCUSDT'))).toBe(true)
  })

  it('does not understand an id without exactly one dash', () => {
    expect(symbols.fromVenue('XBTUSDTM')).toBeUndefined()
  })

  it('takes a custom alias table', () => {
    const custom = createKucoinSymbols({ WAX: 'WAXP' })
    expect(custom.fromVenue('WAX-USDT')).toBe('WAXP/USDT')
    expect(custom.fromVenue('BCHSV-USDT')).toBe('BCHSV/USDT')
    expect(custom.toVenue('WAXP/USDT')).toEqual(E.right('WAX-USDT'))
  })
})
