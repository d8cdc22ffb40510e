import { createHmac } from 'node:crypto'
import type { Credentials } from '@tributary/core'
import { WEEX_PRIVATE_SIGN_PATH } from './urls'

/** `base64(HMAC-SHA256(secret, message))`, Weex's signature for WebSocket upgrades and REST calls. */
export const weexSign = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('base64')

/**
 * Upgrade headers for the private socket: `ACCESS-SIGN` signs `timestamp + '/v3/ws/private'` (no method, query or body);
 * the passphrase goes in plain text. Build them for every dial: the timestamp expires after 30 s.
 */
export const privateHeaders = (
  credentials: Credentials,
  timestampMs: number,
  userAgent: string,
): Readonly<Record<string, string>> => {
  const timestamp = String(Math.trunc(timestampMs))
  return {
    'User-Agent': userAgent,
    'ACCESS-KEY': credentials.apiKey,
    'ACCESS-PASSPHRASE': credentials.passphrase,
    'ACCESS-TIMESTAMP': timestamp,
    'ACCESS-SIGN': weexSign(credentials.secret, timestamp + WEEX_PRIVATE_SIGN_PATH),
  }
}
