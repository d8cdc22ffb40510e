import * as E from 'fp-ts/Either'
import type { HttpClient, HttpRequest } from '@tributary/core'
import { fetchToken } from './token'

const BULLET =
  '{"code":"200000","data":{"token":"2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ93g2WHl-j4M7tCZ_S21PuIByWXUJFDywtiYB9J6i9GjsxUuhPw3Blq6rhZlGykT3Vp1phUafnulOOpts-MEmEF-3bpfetLOAq79RbGaLlE4JBvJHl5Vs9Y=.ymP9jIr6v-vucrZr8761yA==","instanceServers":[{"endpoint":"wss://ws-api-spot.kucoin.com/","encrypt":true,"protocol":"websocket","pingInterval":18000,"pingTimeout":10000}]}}'

const recording = (status: number, body: string) => {
  const requests: HttpRequest[] = []
  const http: HttpClient = async (r) => {
    requests.push(r)
    return { status, body }
  }
  return { http, requests }
}
const urls = { rest: 'http://127.0.0.1:9' }
const credentials = { apiKey: 'key-1234', secret: 'test_api_secret', passphrase: 'test_passphrase' }

describe('fetchToken', () => {
  it('posts bullet-public and returns endpoint, token and heartbeat figures', async () => {
    const { http, requests } = recording(200, BULLET)
    const token = await fetchToken({ http, urls, now: () => 1, private: false })
    expect(requests.map((r) => [r.method, r.url])).toEqual([['POST', 'http://127.0.0.1:9/api/v1/bullet-public']])
    expect(E.isRight(token) && { ...token.right, token: token.right.token.slice(0, 6) }).toEqual({
      endpoint: 'wss://ws-api-spot.kucoin.com/',
      token: '2neAiu',
      pingIntervalMs: 18000,
      pingTimeoutMs: 10000,
    })
  })

  it('signs bullet-private with no body (vector 3)', async () => {
    const { http, requests } = recording(200, BULLET)
    await fetchToken({ http, urls, now: () => 1234567890000, private: true, credentials })
    expect(requests[0]?.url).toBe('http://127.0.0.1:9/api/v1/bullet-private')
    expect(requests[0]?.body).toBeUndefined()
    expect(requests[0]?.headers?.['KC-API-SIGN']).toBe('BBoTSoWSZ3+R93yQqfpt3CL5eAJYXZEbxBVQgEs++Qc=')
  })

  it('hands the credentials as lasting and the signature as rotating secrets to onSecrets before sending', async () => {
    const { http } = recording(200, BULLET)
    const lasting: string[] = []
    const rotating: string[] = []
    const onSecrets = (l: readonly string[], r: readonly string[]): void => {
      lasting.push(...l)
      rotating.push(...r)
    }
    await fetchToken({ http, urls, now: () => 1234567890000, private: true, credentials, onSecrets })
    expect({ secretIsLasting: lasting.includes('test_api_secret'), rotating }).toEqual({ secretIsLasting: true, rotating: ['BBoTSoWSZ3+R93yQqfpt3CL5eAJYXZEbxBVQgEs++Qc='] })
  })

  it('refuses a private token without credentials as a configuration error', async () => {
    const { http, requests } = recording(200, BULLET)
    const token = await fetchToken({ http, urls, now: () => 1, private: true })
    expect(E.isLeft(token) && token.left.kind).toBe('configuration')
    expect(requests).toHaveLength(0)
  })

  it('maps an invalid signature to an authentication error (never retried)', async () => {
    const { http } = recording(401, '{"code":"400005","msg":"Invalid KC-API-SIGN"}')
    const token = await fetchToken({ http, urls, now: () => 1, private: true, credentials })
    expect(E.isLeft(token) && token.left.kind).toBe('authentication')
  })

  it('maps a 429000 to a rate-limit error', async () => {
    const { http } = recording(429, '{"code":"429000","msg":"Too Many Requests"}')
    const token = await fetchToken({ http, urls, now: () => 1, private: false })
    expect(E.isLeft(token) && token.left.kind).toBe('rate-limit')
  })

  it('maps a 503 page to a recoverable connection error', async () => {
    const { http } = recording(503, '<html>unavailable</html>')
    const token = await fetchToken({ http, urls, now: () => 1, private: false })
    expect(E.isLeft(token) && token.left.kind).toBe('connection-closed')
  })

  it('maps a transport failure to a recoverable connection error keeping the cause', async () => {
    const http: HttpClient = () => Promise.reject(new Error('ECONNREFUSED'))
    const token = await fetchToken({ http, urls, now: () => 1, private: false })
    expect(E.isLeft(token) && token.left.kind).toBe('connection-closed')
    expect(E.isLeft(token) && (token.left as Error).cause).toEqual(new Error('ECONNREFUSED'))
  })

  it('fails a response without instance servers as a decode error', async () => {
    const { http } = recording(200, '{"code":"200000","data":{"token":"abcd","instanceServers":[]}}')
    const token = await fetchToken({ http, urls, now: () => 1, private: false })
    expect(E.isLeft(token) && token.left.kind).toBe('decode')
  })
})
