import * as E from 'fp-ts/Either'
import { toIssues } from '../codec/decode'
import { ConnectionState, Issue } from './health'

const pathsOf = (result: E.Either<Parameters<typeof toIssues>[0], unknown>): readonly string[] =>
  E.isLeft(result) ? toIssues(result.left).map((i) => i.path) : []

const reconnecting: ConnectionState = {
  kind: 'connection', venue: 'kucoin', connection: 'public#1', state: 'reconnecting', ts: 5, receivedAt: 5, attempt: 2, delayMs: 1000, code: 1006, reason: 'closed without a close frame',
}
const issue: Issue = {
  kind: 'issue', venue: 'okx', code: 'decode-error', message: 'okx: OkxBookFrame: data.0.asks.0.1: expected string, got 2', raw: '{"arg":…}',
  ts: 5, receivedAt: 5, connection: 'public#1', codec: 'OkxBookFrame', paths: ['data.0.asks.0.1'],
}

describe('health codecs', () => {
  it('decode a reconnecting connection with its attempt and delay', () => {
    expect(ConnectionState.decode(reconnecting)).toEqual(E.right(reconnecting))
  })

  it('decode an opened connection without the optional fields', () => {
    expect(E.isRight(ConnectionState.decode({ kind: 'connection', venue: 'okx', connection: 'public#1', state: 'open', ts: 1, receivedAt: 1 }))).toBe(true)
  })

  it('reject an unknown connection state', () => {
    expect(pathsOf(ConnectionState.decode({ ...reconnecting, state: 'half-open' }))).toEqual(['state'])
  })

  it('decode a decode-error issue with its codec and paths', () => {
    expect(Issue.decode(issue)).toEqual(E.right(issue))
  })

  it.each([
    ['an unknown issue code', { ...issue, code: 'oops' }, ['code']],
    ['paths that are not strings', { ...issue, paths: [1] }, ['paths.0']],
    ['an issue without its raw text', { ...issue, raw: undefined }, ['raw']],
  ] as const)('reject %s', (_name, value, paths) => {
    expect(pathsOf(Issue.decode(value))).toEqual(paths)
  })
})
