import fc from 'fast-check'
import { isSecretKey, REDACTED, redactText, redactUrl, redactValue } from './redact'

describe('isSecretKey', () => {
  it.each([
    'apiKey', 'api_key', 'API-KEY', 'secret', 'secretKey', 'apiSecret', 'passphrase', 'password', 'sign', 'signature',
    'token', 'accessToken', 'Authorization', 'cookie', 'ACCESS-KEY', 'ACCESS-SIGN', 'ACCESS-PASSPHRASE', 'OK-ACCESS-KEY',
    'OK-ACCESS-SIGN', 'OK-ACCESS-PASSPHRASE', 'KC-API-KEY', 'KC-API-SIGN', 'KC-API-PASSPHRASE', 'x-api-key', 'privateKey',
  ])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true)
  })

  it.each(['key', 'venue', 'symbol', 'timestamp', 'ACCESS-TIMESTAMP', 'KC-API-KEY-VERSION', 'design', 'signal', 'tokens', 'User-Agent', 'connectId'])(
    'treats %s as public',
    (key) => {
      expect(isSecretKey(key)).toBe(false)
    },
  )
})

describe('redactText', () => {
  it.each([
    ['a JSON field', '{"apiKey":"abc123","x":1}', `{"apiKey":"${REDACTED}","x":1}`],
    ['a JSON field with spaces', '{"sign" : "abc="}', `{"sign" : "${REDACTED}"}`],
    ['a JSON field inside a JSON-encoded string', '"{\\"passphrase\\":\\"pp\\"}"', `"{\\"passphrase\\":\\"${REDACTED}\\"}"`],
    ['a JSON value with an escaped quote', '{"passphrase":"p\\"q","x":1}', `{"passphrase":"${REDACTED}","x":1}`],
    ['a JSON field cut off by truncation', '{"token":"2neAiuYvAU61ZDXAN', `{"token":"${REDACTED}`],
    ['a prefixed header name in JSON', '{"OK-ACCESS-PASSPHRASE":"pp1234"}', `{"OK-ACCESS-PASSPHRASE":"${REDACTED}"}`],
    ['a URL query parameter', 'wss://h/?token=abc.def==&connectId=1', `wss://h/?token=${REDACTED}&connectId=1`],
    ['a query parameter at the start', 'KC-API-KEY=abc&b=2', `KC-API-KEY=${REDACTED}&b=2`],
    ['key=value pairs in prose', 'apiKey=abc secret=def ok', `apiKey=${REDACTED} secret=${REDACTED} ok`],
    ['header lines one after another', 'ACCESS-KEY: k1 ACCESS-SIGN: s1 ACCESS-TIMESTAMP: 17', `ACCESS-KEY: ${REDACTED} ACCESS-SIGN: ${REDACTED} ACCESS-TIMESTAMP: 17`],
    ['an Authorization header with its scheme', 'Authorization: Bearer eyJ.x.y, next', `Authorization: ${REDACTED}, next`],
    ['an inspected object', "{ apiKey: 'abc', venue: 'okx' }", `{ apiKey: ${REDACTED}, venue: 'okx' }`],
  ])('removes %s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected)
  })

  it.each([
    ['a decode path ending in a secret name', 'okx: OkxLogin: args.0.sign: expected string, got 5'],
    ['prose about tokens', 'token is expired'],
    ['a public query parameter', 'https://h/api/v3/market/orderbook/level2?symbol=BTC-USDT'],
    ['a word that ends like a secret name', '{"design":"x","signal":"y"}'],
  ])('leaves %s alone', (_name, input) => {
    expect(redactText(input)).toBe(input)
  })

  it('removes a JSON secret whatever its characters, quotes and backslashes included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('sign', 'apiKey', 'passphrase', 'OK-ACCESS-SIGN'), (secret, key) => {
        const redacted = redactText(JSON.stringify({ op: 'login', [key]: secret, ts: '1538054050' }))
        expect(JSON.parse(redacted)).toEqual({ op: 'login', [key]: REDACTED, ts: '1538054050' })
      }),
      { numRuns: 300 },
    )
  })

  it('removes a secret of JSON that was encoded into a JSON string, whatever its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (secret) => {
        const redacted = redactText(JSON.stringify({ frame: JSON.stringify({ sign: secret, ts: '1' }) }))
        const outer = JSON.parse(redacted) as { frame: string }
        expect(JSON.parse(outer.frame)).toEqual({ sign: REDACTED, ts: '1' })
      }),
      { numRuns: 300 },
    )
  })

  it('removes a URL-encoded token of any characters from a query string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), (token) => {
        expect(redactText(`wss://h/?token=${encodeURIComponent(token)}&connectId=1`)).toBe(`wss://h/?token=${REDACTED}&connectId=1`)
      }),
      { numRuns: 300 },
    )
  })

  it('replaces known secret strings wherever they appear, also URL-encoded and JSON-escaped', () => {
    const secret = 'se/cr+et"9='
    const text = `raw ${secret} url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)}`
    expect(redactText(text, [secret])).toBe(`raw ${REDACTED} url ${REDACTED} json "${REDACTED}"`)
  })

  it('ignores known secrets shorter than four characters', () => {
    expect(redactText('a b c', ['b'])).toBe('a b c')
  })
})

describe('redactValue', () => {
  it('replaces secret fields at any depth and keeps the rest', () => {
    const value = { venue: 'okx', args: [{ apiKey: 'k', timestamp: '1' }], headers: { 'ACCESS-SIGN': 's' } }
    expect(redactValue(value)).toEqual({ venue: 'okx', args: [{ apiKey: REDACTED, timestamp: '1' }], headers: { 'ACCESS-SIGN': REDACTED } })
  })

  it('redacts known secrets in strings of any field', () => {
    expect(redactValue({ url: 'wss://h/t0ps3cret' }, new Set(['t0ps3cret']))).toEqual({ url: `wss://h/${REDACTED}` })
  })

  it('turns errors into plain objects with message, own fields, cause and stack redacted', () => {
    const cause = new Error('refused ?token=abc')
    const error = Object.assign(new Error('failed sign=xyz', { cause }), { code: 401, apiKey: 'k' })
    const out = redactValue(error) as Record<string, unknown>
    expect(out).toMatchObject({ name: 'Error', message: `failed sign=${REDACTED}`, code: 401, apiKey: REDACTED })
    expect(out['cause']).toMatchObject({ message: `refused ?token=${REDACTED}` })
    expect(String(out['stack'])).not.toContain('xyz')
  })

  it('marks cycles instead of recursing forever', () => {
    const value: Record<string, unknown> = { a: 1 }
    value['self'] = value
    expect(redactValue(value)).toEqual({ a: 1, self: '[circular]' })
  })

  it('passes numbers, booleans, null and dates through', () => {
    const date = new Date(0)
    expect(redactValue([1, true, null, undefined, date])).toEqual([1, true, null, undefined, date])
  })
})

describe('redactUrl', () => {
  it('removes the token of a KuCoin endpoint and keeps the connect id', () => {
    expect(redactUrl('wss://ws-api-spot.kucoin.com/?token=2neAiu.ymP9==&connectId=abc')).toBe(`wss://ws-api-spot.kucoin.com/?token=${REDACTED}&connectId=abc`)
  })
})
