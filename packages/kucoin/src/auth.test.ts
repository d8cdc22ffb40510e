import { hmacBase64, secretHeaderValues, signHeaders } from './auth'

const credentials = { apiKey: 'key-1234', secret: 'test_api_secret', passphrase: 'test_passphrase' }

describe('hmacBase64', () => {
  it.each([
    ['test_plain', 'jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4='],
    ['test_passphrase', 'Ikr9KjwgA4urCb5Az1TNKgQELW10z84iOq+wsZsRRz0='],
    ['1234567890000POST/api/v1/bullet-private', 'BBoTSoWSZ3+R93yQqfpt3CL5eAJYXZEbxBVQgEs++Qc='],
    ['1234567890000POST/api/v1/bullet-private{}', 'lnj2SiEjanfmO5IrNCfoQENmzUXrxhg/xxNVFBNLfxY='],
  ])('signs %s to the published/computed vector', (message, expected) => {
    expect(hmacBase64('test_api_secret', message)).toBe(expected)
  })
})

describe('signHeaders', () => {
  it('signs timestamp + METHOD + endpoint with an empty body for bullet-private (vector 3)', () => {
    const h = signHeaders({ credentials, method: 'POST', endpoint: '/api/v1/bullet-private', body: '', timestamp: 1234567890000 })
    expect(h['KC-API-SIGN']).toBe('BBoTSoWSZ3+R93yQqfpt3CL5eAJYXZEbxBVQgEs++Qc=')
    expect(h['KC-API-TIMESTAMP']).toBe('1234567890000')
  })

  it('includes the body in the prehash (vector 4)', () => {
    const h = signHeaders({ credentials, method: 'POST', endpoint: '/api/v1/bullet-private', body: '{}', timestamp: 1234567890000 })
    expect(h['KC-API-SIGN']).toBe('lnj2SiEjanfmO5IrNCfoQENmzUXrxhg/xxNVFBNLfxY=')
  })

  it('signs the passphrase for key version 2 (vector 2)', () => {
    const h = signHeaders({ credentials, method: 'GET', endpoint: '/x', body: '', timestamp: 1 })
    expect(h['KC-API-PASSPHRASE']).toBe('Ikr9KjwgA4urCb5Az1TNKgQELW10z84iOq+wsZsRRz0=')
    expect(h['KC-API-KEY-VERSION']).toBe('2')
  })

  it('signs the passphrase again when the same credentials object carries a new one', () => {
    const rotating = { apiKey: 'key-1234', secret: 'test_api_secret', passphrase: 'test_plain' }
    const first = signHeaders({ credentials: rotating, method: 'GET', endpoint: '/x', body: '', timestamp: 1 })
    rotating.passphrase = 'test_passphrase'
    const second = signHeaders({ credentials: rotating, method: 'GET', endpoint: '/x', body: '', timestamp: 2 })
    expect([first['KC-API-PASSPHRASE'], second['KC-API-PASSPHRASE']]).toEqual(['jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4=', 'Ikr9KjwgA4urCb5Az1TNKgQELW10z84iOq+wsZsRRz0='])
  })

  it('sends the passphrase in clear for key version 1', () => {
    const h = signHeaders({ credentials, method: 'GET', endpoint: '/x', body: '', timestamp: 1, keyVersion: '1' })
    expect(h['KC-API-PASSPHRASE']).toBe('test_passphrase')
  })

  it('lists key, signature and passphrase as secret values', () => {
    const h = signHeaders({ credentials, method: 'GET', endpoint: '/x', body: '', timestamp: 1 })
    expect(secretHeaderValues(h)).toEqual([h['KC-API-KEY'], h['KC-API-SIGN'], h['KC-API-PASSPHRASE']])
  })
})
