import * as E from 'fp-ts/Either'
import type { HttpClient, HttpRequest, VenueChannel } from '@tributary/core'
import { hmacBase64 } from './auth'
import { createChannelsFor } from './planner'
import { snapshotSource } from './snapshot'
import { createKucoinSymbols } from './symbols'

const symbols = createKucoinSymbols()
const channel = (depth?: number): VenueChannel => {
  const r = createChannelsFor({ symbols, canFetchFullBook: true })({ kind: 'book', symbol: 'BSV/USDT', ...(depth === undefined ? {} : { depth }) })
  if (E.isLeft(r) || r.right[0] === undefined) throw new Error('no channel')
  return r.right[0]
}
const BODY = '{"code":"200000","data":{"time":1619378326628,"sequence":"1613277183892","bids":[["242.649","5"]],"asks":[["242.951","4.5"]]}}'
const server = () => {
  const requests: HttpRequest[] = []
  const http: HttpClient = async (r) => {
    requests.push(r)
    return { status: 200, body: BODY }
  }
  return { http, requests }
}
const credentials = { apiKey: 'key-1234', secret: 'test_api_secret', passphrase: 'test_passphrase' }
const urls = { rest: 'http://sim' }

/** The REST fetch of the level2 channel's snapshot source. */
const createSnapshotFetcher = (options: Parameters<typeof snapshotSource>[0]) => {
  const source = snapshotSource(options)(channel())
  if (source.source !== 'rest') throw new Error('level2 must be seeded over REST')
  return source.fetch
}

describe('snapshot fetch', () => {
  it('fetches the signed full-depth book for /market/level2 and keeps its sequence', async () => {
    const { http, requests } = server()
    const snap = await createSnapshotFetcher({ urls, symbols, credentials })(channel(), http, () => 1234567890000)
    expect(requests[0]?.url).toBe('http://sim/api/v3/market/orderbook/level2?symbol=BCHSV-USDT')
    expect(requests[0]?.headers?.['KC-API-KEY']).toBe('key-1234')
    expect(snap).toEqual(
      E.right({
        kind: 'book-snapshot', venue: 'kucoin', symbol: 'BSV/USDT', ts: 1619378326628, receivedAt: 1234567890000,
        bids: [[242.649, 5, '242.649', '5']], asks: [[242.951, 4.5, '242.951', '4.5']], seq: 1613277183892,
      }),
    )
  })

  it('signs the path with its query', async () => {
    const { http, requests } = server()
    await createSnapshotFetcher({ urls, symbols, credentials })(channel(), http, () => 1)
    const expected = hmacBase64('test_api_secret', '1GET/api/v3/market/orderbook/level2?symbol=BCHSV-USDT')
    expect(requests[0]?.headers?.['KC-API-SIGN']).toBe(expected)
  })

  it('refuses to seed a full-depth book without credentials, sending nothing', async () => {
    const { http, requests } = server()
    const snap = await createSnapshotFetcher({ urls, symbols })(channel(), http, () => 1)
    expect(E.isLeft(snap) && snap.left.kind).toBe('configuration')
    expect(requests).toHaveLength(0)
  })

  it.each([5, 50])('takes the snapshots of the depth-%i channel from the stream, never over REST', (depth) => {
    expect(snapshotSource({ urls, symbols })(channel(depth))).toEqual({ source: 'stream' })
  })

  it('reports a snapshot whose sequence is not an integer string as a decode error', async () => {
    const http: HttpClient = async () => ({ status: 200, body: '{"code":"200000","data":{"time":1,"sequence":12,"bids":[],"asks":[]}}' })
    const snap = await createSnapshotFetcher({ urls, symbols, credentials })(channel(), http, () => 1)
    expect(E.isLeft(snap) && snap.left.message).toBe('kucoin: KucoinRestBook: sequence: expected an integer string, got 12')
  })
})
