import { ConnectionClosedError, RequestTimeoutError } from '../errors'
import { redactUrl } from '../log/redact'
import type { HttpClient, HttpRequest } from '../venue'

export interface FetchHttpClientOptions {
  /** Timeout of a request that sets none. @defaultValue 10_000 */
  readonly timeoutMs?: number
  /** Name used in error messages. @defaultValue 'http' */
  readonly venue?: string
  /** @defaultValue the global `fetch` */
  readonly fetch?: typeof fetch
}

/**
 * The default {@link HttpClient}: Node's global `fetch` with a timeout. Any HTTP status resolves (the caller reads it);
 * a timeout rejects with {@link RequestTimeoutError}, a network failure with {@link ConnectionClosedError} (its cause).
 * TLS certificates are always verified.
 * @example const http = createFetchHttpClient({ timeoutMs: 5_000 }); const res = await http({ method: 'GET', url })
 */
export const createFetchHttpClient = (options: FetchHttpClientOptions = {}): HttpClient => {
  const { timeoutMs: defaultTimeoutMs = 10_000, venue = 'http', fetch: doFetch = globalThis.fetch } = options
  return async (request: HttpRequest) => {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await doFetch(request.url, {
        method: request.method,
        signal: controller.signal,
        ...(request.headers === undefined ? {} : { headers: request.headers }),
        ...(request.body === undefined ? {} : { body: request.body }),
      })
      return { status: response.status, body: await response.text() }
    } catch (error) {
      const what = `${request.method} ${redactUrl(request.url)}`
      if (controller.signal.aborted) throw new RequestTimeoutError(venue, what, timeoutMs)
      throw new ConnectionClosedError(venue, what, undefined, 'request failed', { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }
}
