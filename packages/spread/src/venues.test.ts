import { credentialsFromEnv, venueIds, venueOfUrls } from './venues'

describe('venues', () => {
  it('lists okx, kucoin and weex', () => {
    expect(venueIds).toEqual(['okx', 'kucoin', 'weex'])
  })

  it.each([
    [['wss://ws.okex.com:8443/ws/v5/public#1', 'rest'], 'okx'],
    [['wss://push-private.kucoin.com/endpoint#1', 'https://api.kucoin.com/api/v1/symbols'], 'kucoin'],
    [['wss://ws-contract.weex.com/v3/ws/public#1'], 'weex'],
  ])('recognises the venue of a capture from %j', (urls, venue) => {
    expect(venueOfUrls(urls)?.id).toBe(venue)
  })

  it('recognises no venue from unknown or mixed URLs', () => {
    expect([venueOfUrls(['unknown']), venueOfUrls(['wss://ws.okx.com/ws', 'wss://ws-contract.weex.com/v3'])]).toEqual([undefined, undefined])
  })

  it('reads credentials from TRIBUTARY_<VENUE>_API_KEY, _API_SECRET and _API_PASSPHRASE', () => {
    const env = { TRIBUTARY_OKX_API_KEY: 'k', TRIBUTARY_OKX_API_SECRET: 's', TRIBUTARY_OKX_API_PASSPHRASE: 'p' }
    expect([credentialsFromEnv('okx', env), credentialsFromEnv('weex', env)]).toEqual([{ apiKey: 'k', secret: 's', passphrase: 'p' }, undefined])
  })
})
