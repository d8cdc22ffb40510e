import * as E from 'fp-ts/Either'
import { ConfigurationError } from '../errors'
import type { Instrument } from '../model/instrument'
import { createTestVenue } from '../socket/__tests__/test-venue'
import { InstrumentCache } from './instruments'

const btc: Instrument = { venue: 'test', symbol: 'BTC/USDT', venueSymbol: 'BTC-USDT', kind: 'spot', base: 'BTC', quote: 'USDT', tickSize: 0.1, lotSize: 0.001 }
const http = (): Promise<never> => Promise.reject(new Error('unused'))

describe('InstrumentCache', () => {
  it('loads once and shares the request in flight', async () => {
    let calls = 0
    const spec = createTestVenue({ needsInstruments: true, instruments: () => (calls++, Promise.resolve(E.right([btc]))) }).spec
    const cache = new InstrumentCache(spec, http)
    const [a, b] = await Promise.all([cache.load(), cache.load()])
    await cache.load()
    expect(calls).toBe(1)
    expect(a).toEqual(E.right([btc]))
    expect(b).toBe(a)
    expect(cache.get('BTC-USDT')).toEqual(btc)
  })

  it('tries again after a failed load', async () => {
    let calls = 0
    const failure = new ConfigurationError('test', 'instruments unavailable')
    const spec = createTestVenue({ needsInstruments: true, instruments: () => (++calls === 1 ? Promise.resolve(E.left(failure)) : Promise.resolve(E.right([btc]))) }).spec
    const cache = new InstrumentCache(spec, http)
    expect(await cache.load()).toEqual(E.left(failure))
    expect(await cache.load()).toEqual(E.right([btc]))
  })

  it('turns a thrown load into a Left', async () => {
    const spec = createTestVenue({ needsInstruments: true, instruments: () => Promise.reject(new Error('socket hang up')) }).spec
    const result = await new InstrumentCache(spec, http).load()
    expect(E.isLeft(result) && result.left.kind).toBe('connection-closed')
  })
})
