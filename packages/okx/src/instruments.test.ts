import * as E from 'fp-ts/Either'
import type { HttpRequest } from '@tributary/core'
import { fixturePath, readCapture } from '@tributary/testkit'
import { instrumentQueries, loadInstruments, parseInstruments } from './instruments'

const recorded = readCapture(fixturePath('okx/okx-v5-2022-02-27-books-l2-tbt.jsonl')).filter((l) => l.dir === 'http')
const bodyFor = (instType: string) => recorded.find((l) => l.url?.includes(`instType=${instType}`))?.data ?? ''
const all = E.getOrElseW(() => [])(E.map((r: { instruments: readonly unknown[] }) => r.instruments)(parseInstruments(bodyFor('SWAP'))))

describe('parseInstruments', () => {
  it('maps a recorded inverse swap with its contract value in USD', () => {
    expect(all).toContainEqual({
      venue: 'okx', symbol: 'BTC/USD:BTC', venueSymbol: 'BTC-USD-SWAP', kind: 'swap', base: 'BTC', quote: 'USD', tickSize: 0.1, lotSize: 1,
      settle: 'BTC', contractValue: 100, contractMultiplier: 1, contractType: 'inverse', minSize: 1, active: true,
    })
  })

  it('maps a recorded linear swap', () => {
    expect(all).toContainEqual(expect.objectContaining({ venueSymbol: 'BTC-USDT-SWAP', symbol: 'BTC/USDT:USDT', contractValue: 0.01, contractType: 'linear', settle: 'USDT' }))
  })

  it('maps recorded options with strike, type, expiry and multiplier', () => {
    const options = E.getOrElseW(() => ({ instruments: [] }))(parseInstruments(recorded.find((l) => l.url?.includes('uly=BTC-USD'))?.data ?? ''))
    expect(options.instruments[0]).toMatchObject({ kind: 'option', contractValue: 1, contractMultiplier: 0.1, strike: expect.any(Number), optionType: expect.stringMatching(/call|put/), expiry: expect.any(Number) })
  })

  it('decodes every recorded instrument without skipping any', () => {
    const skipped = recorded.flatMap((l) => E.getOrElseW(() => ({ skipped: ['failed'] }))(parseInstruments(l.data)).skipped)
    expect(skipped).toEqual([])
  })

  it('skips a malformed item but keeps the others', () => {
    const body = JSON.stringify({ code: '0', data: [{ instId: 'BTC-USDT', instType: 'SPOT', tickSz: 'x', lotSz: '1' }, { instId: 'ETH-USDT', instType: 'SPOT', tickSz: '0.01', lotSz: '0.0001' }] })
    expect(parseInstruments(body)).toEqual(E.right({ instruments: [expect.objectContaining({ symbol: 'ETH/USDT' })], skipped: [expect.stringContaining('tickSz')] }))
  })

  it('turns an OKX error code into a rejection', () => {
    expect(parseInstruments('{"code":"51001","msg":"Instrument ID does not exist","data":[]}')).toEqual(E.left(expect.objectContaining({ kind: 'venue-rejected', code: '51001' })))
  })
})

describe('loadInstruments', () => {
  it('queries every instrument type and option family with the environment headers', async () => {
    const requests: HttpRequest[] = []
    const load = loadInstruments({ urls: { rest: 'http://127.0.0.1:1', restHeaders: { 'x-simulated-trading': '1' } }, optionFamilies: ['BTC-USD'] })
    await load(async (r) => {
      requests.push(r)
      return { status: 200, body: '{"code":"0","data":[]}' }
    })
    expect(requests.map((r) => [r.url, r.headers])).toEqual(
      instrumentQueries(['BTC-USD']).map((q) => [`http://127.0.0.1:1/api/v5/public/instruments?${q}`, { 'x-simulated-trading': '1' }]),
    )
  })

  it('fails the load on an HTTP error', async () => {
    const load = loadInstruments({ urls: { rest: 'http://x', restHeaders: {} } })
    expect(await load(async () => ({ status: 503, body: 'unavailable' }))).toEqual(E.left(expect.objectContaining({ code: '503' })))
  })
})
