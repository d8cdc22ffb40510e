import * as E from 'fp-ts/Either'
import type { HttpClient } from '@tributary/core'
import { loadInstruments, weexSymbols } from './symbols'

describe('weexSymbols', () => {
  it.each([
    ['BTC/USDT:USDT', 'BTCUSDT'],
    ['ETH/USDT:USDT', 'ETHUSDT'],
    ['1000PEPE/USDT:USDT', '1000PEPEUSDT'],
    ['BTC/USDC:USDC', 'BTCUSDC'],
  ])('maps %s to %s and back', (unified, id) => {
    expect(weexSymbols.toVenue(unified)).toEqual(E.right(id))
    expect(weexSymbols.fromVenue(id)).toBe(unified)
  })

  it('reads a lower-case id as the recorded client sent it', () => {
    expect(weexSymbols.fromVenue('btcusdt')).toBe('BTC/USDT:USDT')
  })

  it.each(['BTC/USDT', 'BTC/USD:BTC', 'BTC/USDT:USDT-250328', 'nonsense'])('refuses %s', (unified) => {
    expect(E.isLeft(weexSymbols.toVenue(unified))).toBe(true)
  })

  it.each(['USDT', 'BTCEUR', 'cmt_btcusdt'])('does not understand %s', (id) => {
    expect(weexSymbols.fromVenue(id)).toBeUndefined()
  })
})

describe('loadInstruments', () => {
  const body = JSON.stringify({
    symbols: [
      { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', marginAsset: 'USDT', pricePrecision: '2', quantityPrecision: '3', contractVal: '0.001', minOrderSize: '0.001' },
    ],
  })

  it('maps exchangeInfo contracts to instruments whose sizes need no conversion', async () => {
    const requests: string[] = []
    const http: HttpClient = (req) => {
      requests.push(`${req.method} ${req.url}`)
      return Promise.resolve({ status: 200, body })
    }
    const result = await loadInstruments('http://127.0.0.1:1')(http)
    expect(requests).toEqual(['GET http://127.0.0.1:1/capi/v3/market/exchangeInfo'])
    expect(result).toEqual(
      E.right([
        {
          venue: 'weex', symbol: 'ETH/USDT:USDT', venueSymbol: 'ETHUSDT', kind: 'swap', base: 'ETH', quote: 'USDT', settle: 'USDT',
          tickSize: 0.01, lotSize: 0.001, contractValue: 1, contractType: 'linear', minSize: 0.001,
        },
      ]),
    )
  })

  it('fails with a decode error naming the field when the body is malformed', async () => {
    const result = await loadInstruments('http://x')(() => Promise.resolve({ status: 200, body: '{"symbols":[{"symbol":1}]}' }))
    if (E.isRight(result)) throw new Error('loaded')
    expect(result.left.kind).toBe('decode')
  })

  it('fails with the HTTP status when the venue refuses', async () => {
    const result = await loadInstruments('http://x')(() => Promise.resolve({ status: 503, body: '' }))
    if (E.isRight(result)) throw new Error('loaded')
    expect(result.left.message).toContain('503')
  })
})
