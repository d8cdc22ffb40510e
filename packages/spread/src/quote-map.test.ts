import * as E from 'fp-ts/Either'
import { createQuoteMap, instrumentKey, strictQuotes } from './quote-map'

describe('instrumentKey', () => {
  it('gives spot, perpetual and dated future of one pair the same key', () => {
    const keys = ['BTC/USDT', 'BTC/USDT:USDT', 'BTC/USDT:USDT-250328'].map((s) => instrumentKey(s))
    expect(keys).toEqual([E.right('BTC/USDT'), E.right('BTC/USDT'), E.right('BTC/USDT')])
  })

  it('keeps USDT and USDC apart by default', () => {
    expect([instrumentKey('BTC/USDT', strictQuotes), instrumentKey('BTC/USDC', strictQuotes)]).toEqual([E.right('BTC/USDT'), E.right('BTC/USDC')])
  })

  it('maps USDC onto USDT when they are grouped, in any letter case', () => {
    const quotes = createQuoteMap([['usdt', 'USDC']])
    expect([instrumentKey('BTC/USDC:USDC', quotes), instrumentKey('BTC/USDT', quotes)]).toEqual([E.right('BTC/USDT'), E.right('BTC/USDT')])
  })

  it('refuses options, whose price is a premium', () => {
    expect(E.isLeft(instrumentKey('BTC/USD:BTC-250328-60000-C'))).toBe(true)
  })

  it('refuses text that is not a unified symbol', () => {
    expect(E.isLeft(instrumentKey('BTCUSDT'))).toBe(true)
  })
})
