import type { Credentials } from '@tributary/core'
import type { SimHttpRequest, SimHttpResponse } from '@tributary/testkit'
import { hmacBase64 } from '../auth'

const header = (req: SimHttpRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

const refuse = (code: string, msg: string): SimHttpResponse => ({ status: 401, body: JSON.stringify({ code, msg }) })

/**
 * Verifies KuCoin's `KC-API-*` headers the way the venue does: `KC-API-SIGN = base64(HMAC_SHA256(secret, ts + METHOD +
 * path?query + body))`, the passphrase signed for key version 2/3. Returns the refusal to send, or undefined when valid.
 */
export const verifySigned = (req: SimHttpRequest, credentials: Credentials | undefined): SimHttpResponse | undefined => {
  const key = header(req, 'KC-API-KEY')
  const ts = header(req, 'KC-API-TIMESTAMP')
  const sign = header(req, 'KC-API-SIGN')
  const passphrase = header(req, 'KC-API-PASSPHRASE')
  if (key === undefined || ts === undefined || sign === undefined || passphrase === undefined) return refuse('400001', 'Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE')
  if (credentials === undefined || key !== credentials.apiKey) return refuse('400003', 'KC-API-KEY not exists')
  const version = header(req, 'KC-API-KEY-VERSION') ?? '1'
  const expectedPassphrase = version === '1' ? credentials.passphrase : hmacBase64(credentials.secret, credentials.passphrase)
  if (passphrase !== expectedPassphrase) return refuse('400004', 'Invalid KC-API-PASSPHRASE')
  const query = req.query.toString()
  const endpoint = `${req.path}${query === '' ? '' : `?${query}`}`
  if (sign !== hmacBase64(credentials.secret, `${ts}${req.method}${endpoint}${req.body}`)) return refuse('400005', 'Invalid KC-API-SIGN')
  return undefined
}
