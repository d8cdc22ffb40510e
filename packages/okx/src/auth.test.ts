import { hmacBase64, loginFrame, loginPrehash, toLoginTimestamp } from './auth'

const secret = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO'

describe('auth', () => {
  it('signs a REST prehash like the published nautilus vector', () => {
    expect(hmacBase64(secret, '2020-12-08T09:08:57.715ZGET/api/v5/account/balance')).toBe('PJ61e1nb2F2Qd7D8SPiaIcx2gjdELc+o0ygzre9z33k=')
  })

  it('signs the login prehash (vector 2)', () => {
    expect(hmacBase64(secret, loginPrehash('1538054050'))).toBe('ENpPNQ8mQv8YzDMPhBsB4SrjaKK+FaEh2nozTRW6KU0=')
  })

  it('signs the login prehash with the docs secret (vector 3)', () => {
    expect(hmacBase64('22582BD0CFF14C41EDBF1AB98506286D', loginPrehash('1538054050'))).toBe('+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=')
  })

  it('uses whole seconds for the timestamp', () => {
    expect(toLoginTimestamp(1538054050999)).toBe('1538054050')
  })

  it('builds a login frame with key, passphrase, timestamp and signature but not the secret', () => {
    const frame = loginFrame({ apiKey: '985d5b66-57ce-40fb-b714-afc0b9787083', passphrase: '1234567890', secret }, 1538054050_123)
    expect(JSON.parse(frame)).toEqual({
      op: 'login',
      args: [
        {
          apiKey: '985d5b66-57ce-40fb-b714-afc0b9787083',
          passphrase: '1234567890',
          timestamp: '1538054050',
          sign: 'ENpPNQ8mQv8YzDMPhBsB4SrjaKK+FaEh2nozTRW6KU0=',
        },
      ],
    })
    expect(frame).not.toContain(secret)
  })
})
