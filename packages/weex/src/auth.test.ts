import { privateHeaders, weexSign } from './auth'

const credentials = { apiKey: 'key-1', secret: '456', passphrase: 'pass-phrase' }

describe('weexSign', () => {
  it.each([
    ['1747188961302/v3/ws/private', 'skPPTYuY7l3IG0QdKgYaA2Qk/dLcZvRexN78oBTH394='],
    ['1747188961302/v2/ws/private', 'yFzZHYpBrIrBWJS4avp3GC6Qnkcq+RgFhQvMwezEeEo='],
    ['1747188961302GET/capi/v3/market/time', '5p+ewf3flV6nyamcsrRXUFuifzmp4H4zZ+ASCG/Jobg='],
  ])('signs %s with the vector from the protocol notes', (message, expected) => {
    expect(weexSign('456', message)).toBe(expected)
  })
})

describe('privateHeaders', () => {
  it('signs the timestamp plus the private path and sends the passphrase in plain text', () => {
    expect(privateHeaders(credentials, 1747188961302, 'tributary')).toEqual({
      'User-Agent': 'tributary',
      'ACCESS-KEY': 'key-1',
      'ACCESS-PASSPHRASE': 'pass-phrase',
      'ACCESS-TIMESTAMP': '1747188961302',
      'ACCESS-SIGN': 'skPPTYuY7l3IG0QdKgYaA2Qk/dLcZvRexN78oBTH394=',
    })
  })

  it('produces a new signature for a new timestamp', () => {
    const a = privateHeaders(credentials, 1747188961302, 'ua')
    const b = privateHeaders(credentials, 1747188961303, 'ua')
    expect(b['ACCESS-SIGN']).not.toBe(a['ACCESS-SIGN'])
  })
})
