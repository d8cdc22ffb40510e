import { createRecordedHttp, urlMatch } from './recorded-http'

describe('urlMatch', () => {
  it.each([
    ['https://www.okx.com/api/v5/public/instruments?instType=SPOT', 'https://www.okex.com/api/v5/public/instruments?instType=SPOT', 8],
    ['https://www.okx.com/api/v5/public/instruments?instType=OPTION', 'https://www.okex.com/api/v5/public/instruments?instType=OPTION&uly=BTC-USD', 7],
    ['https://x/api/v5/public/instruments?instType=OPTION&instFamily=BTC-USD', 'https://x/api/v5/public/instruments?instType=OPTION&uly=BTC-USD', 6],
    ['https://x/api/v5/public/instruments?instType=OPTION&instFamily=BTC-USD', 'https://x/api/v5/public/instruments?instType=OPTION&uly=ETH-USD', 5],
    ['https://api.kucoin.com/api/v2/symbols', 'https://api.kucoin.com/api/v1/symbols', 4],
    ['https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=A-B', 'https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=C-D', 0],
    ['https://www.okx.com/api/v5/public/instruments?instType=SWAP', 'https://www.okx.com/api/v5/public/instruments?instType=SPOT', 0],
    ['https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=A-B', 'https://api.kucoin.com/api/v1/symbols', 0],
  ])('scores %s answered by %s as %d', (requested, recorded, score) => {
    expect(urlMatch(requested, recorded)).toBe(score)
  })
})

describe('createRecordedHttp', () => {
  it('answers a waiting request when its response is reached', async () => {
    const rec = createRecordedHttp()
    const response = rec.http({ method: 'GET', url: 'https://x/api/v3/book?symbol=A' })
    expect([rec.offer('https://x/api/v3/book?symbol=B', 'b'), rec.offer('https://x/api/v3/book?symbol=A', 'a')]).toEqual([false, true])
    expect(await response).toEqual({ status: 200, body: 'a' })
  })

  it('keeps a response reached before its request, and uses it once', async () => {
    const rec = createRecordedHttp()
    rec.offer('https://x/api/v1/symbols', 'list')
    expect(await rec.http({ method: 'GET', url: 'https://x/api/v1/symbols' })).toEqual({ status: 200, body: 'list' })
    void rec.http({ method: 'GET', url: 'https://x/api/v1/symbols' })
    expect([rec.answered, rec.waiting]).toEqual([1, ['https://x/api/v1/symbols']])
  })
})
