import * as E from 'fp-ts/Either'
import type { ConnectionGroup, Credentials, Endpoint, Heartbeat, ResolveContext } from '@tributary/core'
import type { KucoinKeyVersion } from './auth'
import { fetchToken, type KucoinToken } from './token'
import type { KucoinUrls } from './urls'

/** KuCoin's documented defaults, used until a token says otherwise. */
export const DEFAULT_PING_INTERVAL_MS = 18_000
export const DEFAULT_PING_TIMEOUT_MS = 10_000

const PONG = /^\{[^{}]*"type"\s*:\s*"pong"[^{}]*\}$/

/** Recognises `{"id":"…","type":"pong"}` on the raw text (no nested object, so no data frame matches). */
export const isPong = (raw: string): boolean => raw.length < 200 && PONG.test(raw)

/** `{"id":"ping-3","type":"ping"}`: the id must be unique per connection. */
export const pingFrame = (n: number): string => JSON.stringify({ id: `ping-${n}`, type: 'ping' })

/** Ping every `pingInterval`; a connection without any frame for `pingInterval + pingTimeout` missed its pong. */
export const heartbeatOf = (token: Pick<KucoinToken, 'pingIntervalMs' | 'pingTimeoutMs'>): Heartbeat => ({
  intervalMs: token.pingIntervalMs,
  ping: pingFrame,
  isPong,
  timeoutMs: token.pingIntervalMs + token.pingTimeoutMs,
})

export interface GroupOptions {
  readonly urls: KucoinUrls
  readonly credentials?: Credentials | undefined
  readonly keyVersion?: KucoinKeyVersion | undefined
  /** Ready (`welcome`) wait. @defaultValue 10_000 */
  readonly readyTimeoutMs?: number | undefined
}

/** `{endpoint}?token=…&connectId=…`, keeping any query the endpoint already has. */
export const connectUrl = (token: KucoinToken, connectId: string): string => {
  const url = new URL(token.endpoint)
  url.searchParams.set('token', token.token)
  url.searchParams.set('connectId', connectId)
  return url.toString()
}

/**
 * One connection group (`public` or `private`): before every dial a fresh bullet token is fetched (so an expired
 * token is replaced on the next attempt), registered as a secret, and its heartbeat figures applied. Subscribes
 * wait for `welcome`. A token error rejects `resolve` with the FeedError (bad keys are not recoverable).
 */
export const createGroup = (isPrivate: boolean, options: GroupOptions): ConnectionGroup => {
  const { urls, credentials, keyVersion, readyTimeoutMs = 10_000 } = options
  let dials = 0
  return {
    resolve: async (ctx: ResolveContext): Promise<Endpoint> => {
      const token = await fetchToken({
        http: ctx.http,
        urls,
        now: ctx.now,
        private: isPrivate,
        credentials,
        keyVersion,
        onSecrets: (lasting, rotating) => {
          ctx.secrets.add(...lasting)
          ctx.secrets.addRotating(...rotating)
        },
      })
      if (E.isLeft(token)) throw token.left
      ctx.secrets.addRotating(token.right.token)
      dials += 1
      const connectId = `tb${isPrivate ? 'p' : 'q'}${ctx.now().toString(36)}${dials.toString(36)}`
      return { url: connectUrl(token.right, connectId), heartbeat: heartbeatOf(token.right) }
    },
    heartbeat: heartbeatOf({ pingIntervalMs: DEFAULT_PING_INTERVAL_MS, pingTimeoutMs: DEFAULT_PING_TIMEOUT_MS }),
    limits: {
      maxChannels: 300,
      maxChannelsPerRequest: 100,
      messagesPerWindow: { messages: 100, windowMs: 10_000 },
    },
    awaitReady: true,
    readyTimeoutMs,
  }
}
