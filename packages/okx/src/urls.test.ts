import { OKX_URLS, okxUrls } from './urls'

describe('okxUrls', () => {
  it('defaults to the live hosts on port 443', () => {
    expect(okxUrls().public).toBe('wss://ws.okx.com:443/ws/v5/public')
  })

  it('never uses the retiring port 8443', () => {
    const all = Object.values(OKX_URLS).flatMap((u) => [u.public, u.private, u.business])
    expect(all.filter((u) => u.includes(':8443'))).toEqual([])
  })

  it('serves demo sockets from wspap.okx.com', () => {
    expect(okxUrls({ env: 'demo' }).private).toBe('wss://wspap.okx.com:443/ws/v5/private')
  })

  it('marks demo REST requests as simulated trading', () => {
    expect(okxUrls({ env: 'demo' }).restHeaders).toEqual({ 'x-simulated-trading': '1' })
  })

  it('appends the group paths to a custom socket base', () => {
    expect(okxUrls({ wsBase: 'ws://127.0.0.1:9000/ws/v5/' })).toMatchObject({
      public: 'ws://127.0.0.1:9000/ws/v5/public',
      private: 'ws://127.0.0.1:9000/ws/v5/private',
      business: 'ws://127.0.0.1:9000/ws/v5/business',
    })
  })

  it('lets single entries override the table, REST base without a trailing slash', () => {
    const urls = okxUrls({ urls: { rest: 'http://127.0.0.1:9000/', business: 'ws://b' } })
    expect([urls.rest, urls.business, urls.public]).toEqual(['http://127.0.0.1:9000', 'ws://b', OKX_URLS.live.public])
  })
})
