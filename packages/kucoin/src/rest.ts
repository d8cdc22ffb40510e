import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import {
  AuthenticationError,
  ConnectionClosedError,
  decodeWith,
  isFeedError,
  parseJson,
  RateLimitError,
  VenueRejectedError,
  type FeedError,
  type HttpClient,
  type HttpRequest,
} from '@tributary/core'

export const VENUE = 'kucoin'

const KucoinEnvelope = t.intersection([t.type({ code: t.string }), t.partial({ msg: t.string, data: t.unknown })], 'KucoinEnvelope')

/** KuCoin REST codes that mean the key, passphrase, signature, timestamp or IP is wrong: never retried. */
const AUTH_CODES = new Set(['400001', '400002', '400003', '400004', '400005', '400006', '400007', '411100'])

/** No KuCoin verdict in the body (`code` empty): a proxy page or an outage, unless the status says the request was wrong. */
const failure = (what: string, status: number, code: string, message: string): FeedError => {
  if (AUTH_CODES.has(code)) return new AuthenticationError(VENUE, code, `${what}: ${message}`)
  if (code === '429000' || status === 429) return new RateLimitError(VENUE, `${what}: ${code || status} ${message}`)
  if (status >= 500 || (code === '' && status < 400)) return new ConnectionClosedError(VENUE, 'rest', status, `${what}: ${code} ${message}`)
  return new VenueRejectedError(VENUE, code === '' ? `HTTP ${status}` : code, message, what)
}

/**
 * Sends one KuCoin REST request and decodes `data` of the `{code:"200000", data}` envelope with `codec`.
 * Transport failures and 5xx are recoverable errors; bad keys are `AuthenticationError`; other refusals `VenueRejectedError`.
 * `fast`, when given, may answer a successful body first: exactly what the envelope and `codec` would, or `undefined`.
 */
export const requestKucoin = async <A>(
  http: HttpClient,
  request: HttpRequest,
  codec: t.Decoder<unknown, A>,
  what: string,
  fast?: (body: string) => A | undefined,
): Promise<E.Either<FeedError, A>> => {
  let status: number
  let body: string
  try {
    const response = await http(request)
    status = response.status
    body = response.body
  } catch (cause) {
    if (isFeedError(cause)) return E.left(cause)
    return E.left(new ConnectionClosedError(VENUE, 'rest', undefined, `${what} failed`, { cause }))
  }
  const answered = fast === undefined || status >= 400 ? undefined : fast(body)
  if (answered !== undefined) return E.right(answered)
  const json = parseJson(body)
  if (E.isLeft(json)) return E.left(failure(what, status, '', 'response is not JSON'))
  const envelope = decodeWith(VENUE, KucoinEnvelope, json.right, body)
  if (E.isLeft(envelope)) return status >= 400 ? E.left(failure(what, status, '', 'no KuCoin envelope')) : envelope
  const { code, msg = '' } = envelope.right
  if (code !== '200000' || status >= 400) return E.left(failure(what, status, code, msg))
  return decodeWith(VENUE, codec, envelope.right.data, body)
}
