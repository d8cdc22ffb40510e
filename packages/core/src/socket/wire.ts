import { Observable } from 'rxjs'
import WebSocket from 'ws'
import { ConnectionClosedError } from '../errors'
import type { Endpoint } from '../venue'

/** One open socket, as the connection layer sees it. */
export interface Wire {
  send(text: string): void
  /** Closing handshake (unsubscribes were sent before it, in order). */
  close(code?: number, reason?: string): void
  /** Drops the socket at once, without a closing handshake (a stale, half-open connection). */
  terminate(): void
}

/**
 * What a dial emits: the open {@link Wire} first, then every inbound text frame as a plain string (no wrapper
 * object per frame: this is the hot path).
 */
export type WireEvent = Wire | string

export interface DialContext {
  readonly venue: string
  readonly connection: string
}

/**
 * Opens one socket. Errors with {@link ConnectionClosedError} (close code, or HTTP status of a refused upgrade) when
 * the socket closes or fails to open; never completes on its own. Unsubscribing detaches every listener first, then
 * closes: no frame of a dropped socket is ever delivered.
 */
export type Dialer = (endpoint: Endpoint, ctx: DialContext) => Observable<WireEvent>

export interface WsDialerOptions {
  /** @defaultValue 10_000 */
  readonly handshakeTimeoutMs?: number
  /**
   * Whether the upgrade offers `permessage-deflate` (RFC 7692). A venue that accepts it sends every frame compressed:
   * less bandwidth, but each frame is inflated by zlib before it can be decoded, which costs CPU and a hop through
   * libuv's thread pool. `false` never offers it. Our protocol notes do not say whether OKX, KuCoin or Weex accept it,
   * and the recorded captures do not keep the upgrade's headers.
   * @defaultValue true (as `ws` does)
   */
  readonly perMessageDeflate?: boolean
}

const text = (data: WebSocket.RawData): string =>
  Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8')

const ignore = (): void => undefined

/**
 * The {@link Dialer} on `ws`. Custom headers are sent with the upgrade (Weex wants a User-Agent); TLS certificates
 * are always verified.
 */
export const wsDialer =
  (options: WsDialerOptions = {}): Dialer =>
  (endpoint, ctx) =>
    new Observable<WireEvent>((subscriber) => {
      const { handshakeTimeoutMs = 10_000, perMessageDeflate = true } = options
      const ws = new WebSocket(endpoint.url, {
        handshakeTimeout: handshakeTimeoutMs,
        perMessageDeflate,
        ...(endpoint.headers === undefined ? {} : { headers: { ...endpoint.headers } }),
      })
      let upgradeStatus: number | undefined
      let failure: Error | undefined
      const wire: Wire = {
        send: (frame) => ws.send(frame),
        close: (code, reason) => ws.close(code, reason),
        terminate: () => ws.terminate(),
      }
      ws.on('open', () => subscriber.next(wire))
      ws.on('message', (data, isBinary) => subscriber.next(isBinary || typeof data !== 'string' ? text(data) : data))
      ws.on('unexpected-response', (_req, res) => {
        upgradeStatus = res.statusCode
        res.resume()
        ws.terminate()
      })
      ws.on('error', (error) => {
        failure = error
      })
      ws.on('close', (code, reason) => {
        const why = upgradeStatus === undefined ? reason.toString('utf8') : `upgrade refused with HTTP ${upgradeStatus}`
        subscriber.error(
          new ConnectionClosedError(ctx.venue, ctx.connection, upgradeStatus ?? code, why === '' && failure !== undefined ? failure.message : why, {
            cause: failure,
          }),
        )
      })
      return () => {
        ws.removeAllListeners()
        ws.on('error', ignore)
        if (ws.readyState === WebSocket.OPEN) ws.close(1000)
        else if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
      }
    })
