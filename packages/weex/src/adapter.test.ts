import * as E from 'fp-ts/Either'
import { ConnectionClosedError, SecretRegistry, isRecoverable, type HttpClient, type ResolveContext, type VenueChannel } from '@tributary/core'
import { weexSign } from './auth'
import { createWeex } from './adapter'
import { weexCloseError } from './close'
import { weexUrlsAt } from './urls'

const credentials = { apiKey: 'api-key-1', secret: 'secret-1', passphrase: 'phrase-1' }
const http: HttpClient = () => Promise.resolve({ status: 404, body: '' })
const ctx = (now: number, secrets = new SecretRegistry()): ResolveContext => ({ attempt: 1, http, now: () => now, secrets })
const urls = weexUrlsAt('ws://127.0.0.1:9', 'http://127.0.0.1:9')

describe('createWeex', () => {
  it('sends a User-Agent on the public upgrade', async () => {
    const venue = createWeex({ urls, userAgent: 'desk/1' })
    const endpoint = await venue.spec.groups['public']?.resolve(ctx(1))
    expect(endpoint).toEqual({ url: 'ws://127.0.0.1:9/v3/ws/public', headers: { 'User-Agent': 'desk/1' } })
  })

  it('has no private group without credentials', () => {
    expect(Object.keys(createWeex({ urls }).spec.groups)).toEqual(['public'])
  })

  it('signs the private upgrade with the clock of each resolve', async () => {
    const group = createWeex({ urls, credentials }).spec.groups['private']
    const first = await group?.resolve(ctx(1_000))
    const second = await group?.resolve(ctx(2_000))
    expect(first?.headers?.['ACCESS-SIGN']).toBe(weexSign('secret-1', '1000/v3/ws/private'))
    expect(second?.headers?.['ACCESS-SIGN']).toBe(weexSign('secret-1', '2000/v3/ws/private'))
    expect(second?.headers?.['ACCESS-TIMESTAMP']).toBe('2000')
  })

  it('registers the key, passphrase and signature as secrets', async () => {
    const secrets = new SecretRegistry()
    const endpoint = await createWeex({ urls, credentials }).spec.groups['private']?.resolve(ctx(1_000, secrets))
    expect([...secrets.all]).toEqual(expect.arrayContaining(['api-key-1', 'phrase-1', 'secret-1', endpoint?.headers?.['ACCESS-SIGN']]))
  })

  it('never pings and goes stale only after a generous silence', () => {
    const { heartbeat } = createWeex().spec.groups['public'] ?? {}
    expect([heartbeat?.intervalMs, heartbeat?.timeoutMs, heartbeat?.isPong('{"result":true,"id":1}')]).toEqual([undefined, 120_000, false])
  })

  it('keeps 15 or 200 levels depending on the depth channel', () => {
    const { spec } = createWeex()
    const depth = (d: number) => E.map((cs: readonly VenueChannel[]) => cs.map((c) => spec.books?.maxDepth?.(c)))(spec.channelsFor({ kind: 'book', symbol: 'BTC/USDT:USDT', depth: d }))
    expect([depth(10), depth(100)]).toEqual([E.right([15]), E.right([200])])
  })
})

describe('weexCloseError', () => {
  it('explains close 1007 as too many invalid requests, recoverable by a reconnect', () => {
    const error = weexCloseError('public#1', 1007, 'Unrecognized message sent multiple times')
    expect([error.kind, error instanceof ConnectionClosedError && error.code, error.message]).toEqual([
      'connection-closed',
      1007,
      'weex public#1: connection closed (1007): too many invalid requests on this connection (Unrecognized message sent multiple times)',
    ])
  })

  it('treats a refused private upgrade (401) as an authentication failure, never retried', () => {
    const error = weexCloseError('private#1', 401, 'upgrade refused with HTTP 401')
    expect([error.kind, isRecoverable(error)]).toEqual(['authentication', false])
  })
})
