import { createHmac } from 'node:crypto'
import type { Credentials } from '@tributary/core'

/** `base64(HMAC_SHA256(secret, message))`, the primitive behind every KuCoin signature. */
export const hmacBase64 = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('base64')

/** Key version 2 and 3 sign the passphrase; version 1 sends it in clear. */
export type KucoinKeyVersion = '1' | '2' | '3'

export interface SignRequest {
  readonly credentials: Credentials
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** Path plus `?query` exactly as sent, without the host: `/api/v3/market/orderbook/level2?symbol=BTC-USDT`. */
  readonly endpoint: string
  /** The exact body text sent; `''` when none. */
  readonly body: string
  /** Epoch ms; must be within ~5 s of KuCoin's clock. */
  readonly timestamp: number
  /** @defaultValue '2' */
  readonly keyVersion?: KucoinKeyVersion
}

/** The passphrase signature per credentials object, with what it was made from (it depends on nothing else). */
const signedPassphrases = new WeakMap<Credentials, { readonly secret: string; readonly passphrase: string; readonly signed: string }>()

/**
 * `base64(HMAC_SHA256(secret, passphrase))`, made once per credentials object (an HMAC costs ≈ 2 µs and every
 * snapshot fetch and private token request sends it); made again if that object's secret or passphrase changed.
 */
const signedPassphrase = (credentials: Credentials): string => {
  const { secret, passphrase } = credentials
  const known = signedPassphrases.get(credentials)
  if (known !== undefined && known.secret === secret && known.passphrase === passphrase) return known.signed
  const signed = hmacBase64(secret, passphrase)
  signedPassphrases.set(credentials, { secret, passphrase, signed })
  return signed
}

/**
 * The `KC-API-*` headers of a signed REST request: `KC-API-SIGN = base64(HMAC_SHA256(secret, ts + METHOD + endpoint + body))`.
 * @example signHeaders({ credentials, method: 'POST', endpoint: '/api/v1/bullet-private', body: '', timestamp: now() })
 */
export const signHeaders = (request: SignRequest): Readonly<Record<string, string>> => {
  const { credentials, method, endpoint, body, timestamp, keyVersion = '2' } = request
  const ts = String(timestamp)
  return {
    'KC-API-KEY': credentials.apiKey,
    'KC-API-TIMESTAMP': ts,
    'KC-API-SIGN': hmacBase64(credentials.secret, `${ts}${method}${endpoint}${body}`),
    'KC-API-PASSPHRASE': keyVersion === '1' ? credentials.passphrase : signedPassphrase(credentials),
    'KC-API-KEY-VERSION': keyVersion,
    'Content-Type': 'application/json',
  }
}

/** The header values that must never reach a log line (register them with the secret registry). */
export const secretHeaderValues = (headers: Readonly<Record<string, string>>): readonly string[] =>
  ['KC-API-KEY', 'KC-API-SIGN', 'KC-API-PASSPHRASE'].flatMap((k) => {
    const v = headers[k]
    return v === undefined ? [] : [v]
  })
