import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import type { HttpClient } from '@tributary/core'
import { requestKucoin } from './rest'

const answer = (status: number, body: string): HttpClient => async () => ({ status, body })
const kindOf = async (http: HttpClient) => {
  const r = await requestKucoin(http, { method: 'GET', url: 'http://sim/x' }, t.type({ a: t.number }), 'GET /x')
  return E.isLeft(r) ? r.left.kind : 'ok'
}

describe('requestKucoin', () => {
  it.each([
    [200, '{"code":"200000","data":{"a":1}}', 'ok'],
    [200, '{"code":"200000","data":{"a":"1"}}', 'decode'],
    [401, '{"code":"400005","msg":"Invalid KC-API-SIGN"}', 'authentication'],
    [400, '{"code":"400002","msg":"Invalid KC-API-TIMESTAMP"}', 'authentication'],
    [429, '{"code":"429000","msg":"Too Many Requests"}', 'rate-limit'],
    [400, '{"code":"400100","msg":"symbol not exists"}', 'venue-rejected'],
    [200, '{"code":"400100","msg":"symbol not exists"}', 'venue-rejected'],
    [502, '<html>bad gateway</html>', 'connection-closed'],
    [200, '<html>captive portal</html>', 'connection-closed'],
    [404, '<html>not found</html>', 'venue-rejected'],
  ])('classifies HTTP %i %s as %s', async (status, body, kind) => {
    expect(await kindOf(answer(status, body))).toBe(kind)
  })

  it('names the HTTP status when the refusal has no KuCoin code', async () => {
    const r = await requestKucoin(answer(404, 'nope'), { method: 'GET', url: 'http://sim/x' }, t.unknown, 'GET /x')
    expect(E.isLeft(r) && r.left.message).toBe('kucoin: rejected GET /x: HTTP 404 response is not JSON')
  })
})
