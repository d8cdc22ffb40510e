import { SecretRegistry, type HttpClient, type ResolveContext } from '@tributary/core'
import { connectUrl, createGroup, isPong, pingFrame } from './connection'

const bullet = (token: string, endpoint = 'ws://127.0.0.1:7/', pingInterval = 1000, pingTimeout = 500) =>
  JSON.stringify({ code: '200000', data: { token, instanceServers: [{ endpoint, encrypt: true, protocol: 'websocket', pingInterval, pingTimeout }] } })

const context = (http: HttpClient, attempt = 1): ResolveContext & { secrets: SecretRegistry } => ({
  attempt,
  http,
  now: () => 1_700_000_000_000,
  secrets: new SecretRegistry(),
})

describe('createGroup', () => {
  it('fetches a fresh token on every resolve', async () => {
    let n = 0
    const http: HttpClient = async () => ({ status: 200, body: bullet(`token-${++n}`) })
    const group = createGroup(false, { urls: { rest: 'http://x' } })
    const first = await group.resolve(context(http, 1))
    const second = await group.resolve(context(http, 2))
    expect(new URL(first.url).searchParams.get('token')).toBe('token-1')
    expect(new URL(second.url).searchParams.get('token')).toBe('token-2')
  })

  it('uses a different connectId on every dial', async () => {
    const http: HttpClient = async () => ({ status: 200, body: bullet('token-a') })
    const group = createGroup(false, { urls: { rest: 'http://x' } })
    const ids = await Promise.all([1, 2, 3].map(async (a) => new URL((await group.resolve(context(http, a))).url).searchParams.get('connectId')))
    expect(new Set(ids).size).toBe(3)
  })

  it('registers the token as a secret', async () => {
    const http: HttpClient = async () => ({ status: 200, body: bullet('secret-token-xyz') })
    const ctx = context(http)
    await createGroup(false, { urls: { rest: 'http://x' } }).resolve(ctx)
    expect([...ctx.secrets.all]).toContain('secret-token-xyz')
  })

  it('takes ping interval and stale timeout from the token', async () => {
    const http: HttpClient = async () => ({ status: 200, body: bullet('t-1234', 'ws://h/', 18000, 10000) })
    const endpoint = await createGroup(false, { urls: { rest: 'http://x' } }).resolve(context(http))
    expect(endpoint.heartbeat).toMatchObject({ intervalMs: 18000, timeoutMs: 28000 })
  })

  it('rejects resolve with the token error', async () => {
    const http: HttpClient = async () => ({ status: 401, body: '{"code":"400003","msg":"KC-API-KEY not exists"}' })
    const group = createGroup(true, { urls: { rest: 'http://x' }, credentials: { apiKey: 'k-123', secret: 's-123', passphrase: 'p-123' } })
    await expect(group.resolve(context(http))).rejects.toMatchObject({ kind: 'authentication' })
  })

  it('waits for welcome before subscribing and declares KuCoin limits', () => {
    const group = createGroup(false, { urls: { rest: 'http://x' } })
    expect(group.awaitReady).toBe(true)
    expect(group.limits).toEqual({ maxChannels: 300, maxChannelsPerRequest: 100, messagesPerWindow: { messages: 100, windowMs: 10_000 } })
  })
})

describe('connectUrl', () => {
  it('appends token and connectId, keeping the endpoint query', () => {
    expect(connectUrl({ endpoint: 'wss://h/endpoint?x=1', token: 'a=b', pingIntervalMs: 1, pingTimeoutMs: 1 }, 'c1')).toBe(
      'wss://h/endpoint?x=1&token=a%3Db&connectId=c1',
    )
  })
})

describe('heartbeat frames', () => {
  it('builds a JSON ping with a unique id', () => {
    expect(pingFrame(3)).toBe('{"id":"ping-3","type":"ping"}')
  })

  it.each([
    ['{"id":"ping-3","type":"pong"}', true],
    ['{"type":"pong","id":"1545910590801"}', true],
    ['{"id":"1","type":"ack"}', false],
    ['{"type":"message","topic":"/x","data":{"type":"pong"}}', false],
  ])('recognises %s as pong: %s', (raw, expected) => {
    expect(isPong(raw)).toBe(expected)
  })
})
