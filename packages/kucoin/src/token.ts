import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { ConfigurationError, DecodeError, FiniteNumber, type Credentials, type FeedError, type HttpClient } from '@tributary/core'
import { signHeaders, type KucoinKeyVersion } from './auth'
import { requestKucoin, VENUE } from './rest'
import { KUCOIN_PATHS, restUrl, type KucoinUrls } from './urls'

/** What a bullet token says about where and how to connect. */
export interface KucoinToken {
  /** WS URL to dial (use verbatim: never derive it). */
  readonly endpoint: string
  readonly token: string
  /** Recommended client ping period, ms. */
  readonly pingIntervalMs: number
  /** How long a ping may wait for its pong, ms. */
  readonly pingTimeoutMs: number
}

const InstanceServer = t.type({ endpoint: t.string, pingInterval: FiniteNumber, pingTimeout: FiniteNumber }, 'KucoinInstanceServer')
/** `data` of `POST /api/v1/bullet-public|private`. */
export const KucoinBullet = t.type({ token: t.string, instanceServers: t.array(InstanceServer) }, 'KucoinBullet')

export interface FetchTokenOptions {
  readonly http: HttpClient
  readonly urls: KucoinUrls
  readonly now: () => number
  /** `true` for `bullet-private` (signed; needs credentials). */
  readonly private: boolean
  readonly credentials?: Credentials | undefined
  readonly keyVersion?: KucoinKeyVersion | undefined
  /**
   * Called with every secret value the request carries before it is sent: `lasting` (credentials, the signed
   * passphrase) and `rotating` (this request's signature).
   */
  readonly onSecrets?: (lasting: readonly string[], rotating: readonly string[]) => void
}

/**
 * Fetches a fresh bullet token (call it before every dial: tokens expire and cannot be reused after 24 h).
 * `Left` errors: `ConfigurationError` (private without credentials), `AuthenticationError` (bad key),
 * `RateLimitError`, `ConnectionClosedError` (transport or 5xx: recoverable), `DecodeError`.
 */
export const fetchToken = async (options: FetchTokenOptions): Promise<E.Either<FeedError, KucoinToken>> => {
  const { http, urls, now, credentials, keyVersion, onSecrets } = options
  const path = options.private ? KUCOIN_PATHS.bulletPrivate : KUCOIN_PATHS.bulletPublic
  let headers: Readonly<Record<string, string>> = { 'Content-Type': 'application/json' }
  if (options.private) {
    if (credentials === undefined) return E.left(new ConfigurationError(VENUE, 'private streams need credentials (apiKey, secret, passphrase) for bullet-private'))
    headers = signHeaders({ credentials, method: 'POST', endpoint: path, body: '', timestamp: now(), ...(keyVersion === undefined ? {} : { keyVersion }) })
    onSecrets?.([credentials.apiKey, credentials.secret, credentials.passphrase, headers['KC-API-PASSPHRASE'] ?? ''], [headers['KC-API-SIGN'] ?? ''])
  }
  const bullet = await requestKucoin(http, { method: 'POST', url: restUrl(urls, path), headers }, KucoinBullet, `POST ${path}`)
  return E.chain((b: t.TypeOf<typeof KucoinBullet>): E.Either<FeedError, KucoinToken> => {
    const [server] = b.instanceServers
    if (server === undefined) {
      const issues = [{ path: 'instanceServers', expected: 'at least one server', actual: 'array(0)' }]
      return E.left(new DecodeError({ venue: VENUE, codec: 'KucoinBullet', issues, raw: '' }))
    }
    return E.right({ endpoint: server.endpoint, token: b.token, pingIntervalMs: server.pingInterval, pingTimeoutMs: server.pingTimeout })
  })(bullet)
}
