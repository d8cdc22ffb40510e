import { createHmac } from 'node:crypto'
import type { Credentials } from '@tributary/core'

/** The text OKX signs for a socket login: `timestamp + 'GET' + '/users/self/verify'`, timestamp in seconds. */
export const loginPrehash = (timestampSeconds: string): string => `${timestampSeconds}GET/users/self/verify`

/** base64(HMAC-SHA256(secret, message)), as OKX signs both socket logins and REST requests. */
export const hmacBase64 = (secret: string, message: string): string =>
  createHmac('sha256', secret).update(message, 'utf8').digest('base64')

/** Epoch milliseconds → the whole seconds OKX wants in a login timestamp. */
export const toLoginTimestamp = (nowMs: number): string => String(Math.floor(nowMs / 1000))

/**
 * Builds the `login` frame. The secret signs the frame and never appears in it; the frame itself carries the
 * key, passphrase and signature, so it must never be logged unredacted.
 * @example loginFrame(credentials, Date.now())
 */
export const loginFrame = (credentials: Credentials, nowMs: number): string => {
  const timestamp = toLoginTimestamp(nowMs)
  const sign = hmacBase64(credentials.secret, loginPrehash(timestamp))
  return JSON.stringify({
    op: 'login',
    args: [{ apiKey: credentials.apiKey, passphrase: credentials.passphrase, timestamp, sign }],
  })
}
