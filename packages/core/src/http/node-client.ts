import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { ConnectionClosedError, RequestTimeoutError } from '../errors'
import { redactUrl } from '../log/redact'
import type { HttpClient, HttpRequest, HttpResponse } from '../venue'

export interface NodeHttpClientOptions {
  /** Timeout of a request that sets none. @defaultValue 10_000 */
  readonly timeoutMs?: number
  /** Name used in error messages. @defaultValue 'http' */
  readonly venue?: string
  /**
   * Requests in flight per host; more wait for a free socket. A feed opening hundreds of REST-snapshot books at
   * once then holds a few keep-alive sockets instead of one per book. @defaultValue 8
   */
  readonly maxSockets?: number
}

const DEFAULT_HEADERS: Readonly<Record<string, string>> = { accept: '*/*', 'user-agent': 'node' }

/**
 * The feeds' default {@link HttpClient}: Node's own `http`/`https`, with a timeout. The same contract as
 * {@link createFetchHttpClient} (any HTTP status resolves; a timeout rejects with {@link RequestTimeoutError}, a
 * network failure with {@link ConnectionClosedError}), without the global `fetch`, whose undici costs a streaming
 * process about 17 MB of RSS and 2.5 MB of heap on first use. Redirects are not followed; TLS certificates are
 * always verified.
 * @example const http = createNodeHttpClient({ timeoutMs: 5_000 }); const res = await http({ method: 'GET', url })
 */
export const createNodeHttpClient = (options: NodeHttpClientOptions = {}): HttpClient => {
  const { timeoutMs: defaultTimeoutMs = 10_000, venue = 'http', maxSockets = 8 } = options
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets }), https: new HttpsAgent({ keepAlive: true, maxSockets }) }
  return (request: HttpRequest) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs
      const what = (): string => `${request.method} ${redactUrl(request.url)}`
      let timedOut = false
      const fail = (cause: unknown): void => {
        clearTimeout(timer)
        reject(timedOut ? new RequestTimeoutError(venue, what(), timeoutMs) : new ConnectionClosedError(venue, what(), undefined, 'request failed', { cause }))
      }
      let url: URL
      try {
        url = new URL(request.url)
      } catch (cause) {
        reject(new ConnectionClosedError(venue, what(), undefined, 'request failed', { cause }))
        return
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        reject(new ConnectionClosedError(venue, what(), undefined, `unsupported protocol ${url.protocol} (http: or https: only)`))
        return
      }
      const { body } = request
      const headers = {
        ...DEFAULT_HEADERS,
        ...request.headers,
        ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      }
      const tls = url.protocol === 'https:'
      const send = tls ? httpsRequest : httpRequest
      const req = send(url, { method: request.method, headers, agent: tls ? agents.https : agents.http }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', fail)
        res.on('end', () => {
          clearTimeout(timer)
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        })
      })
      req.on('error', fail)
      const timer = setTimeout(() => {
        timedOut = true
        req.destroy(new Error(`no answer in ${timeoutMs} ms`))
      }, timeoutMs)
      req.end(body)
    })
}
