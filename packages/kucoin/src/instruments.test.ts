import * as E from 'fp-ts/Either'
import type { HttpClient, HttpRequest } from '@tributary/core'
import { loadInstruments } from './instruments'
import { createKucoinSymbols } from './symbols'

const BODY =
  '{"code":"200000","data":[{"symbol":"BCHSV-USDT","name":"BCHSV-USDT","baseCurrency":"BCHSV","quoteCurrency":"USDT","baseMinSize":"0.01","baseIncrement":"0.00000001","priceIncrement":"0.001","enableTrading":true}]}'

describe('loadInstruments', () => {
  it('gets /api/v2/symbols and maps entries to aliased spot instruments', async () => {
    const requests: HttpRequest[] = []
    const http: HttpClient = async (r) => {
      requests.push(r)
      return { status: 200, body: BODY }
    }
    const result = await loadInstruments(http, { rest: 'http://sim/' }, createKucoinSymbols())
    expect(requests.map((r) => [r.method, r.url])).toEqual([['GET', 'http://sim/api/v2/symbols']])
    expect(result).toEqual(
      E.right([
        {
          venue: 'kucoin', symbol: 'BSV/USDT', venueSymbol: 'BCHSV-USDT', kind: 'spot', base: 'BSV', quote: 'USDT',
          tickSize: 0.001, lotSize: 0.00000001, minSize: 0.01, active: true,
        },
      ]),
    )
  })

  it('reports an entry with a missing increment as a decode error naming it', async () => {
    const http: HttpClient = async () => ({ status: 200, body: '{"code":"200000","data":[{"symbol":"A-B","baseCurrency":"A","quoteCurrency":"B","baseMinSize":"1","priceIncrement":"1","enableTrading":true}]}' })
    const result = await loadInstruments(http, { rest: 'http://sim' }, createKucoinSymbols())
    expect(E.isLeft(result) && result.left.message).toBe('kucoin: KucoinSymbolList: 0.baseIncrement: expected a decimal string, got undefined')
  })
})
