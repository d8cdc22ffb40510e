import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { fixturePath, readCapture } from '@tributary/testkit'
import { DecodeError } from '../errors'
import { BookSnapshot } from '../model/book'
import { decodeJson, decodeWith, parseJson, toIssues } from './decode'
import { IntFromString, NumberFromString } from './number-from-string'

// A tiny test-local OKX codec set (core never imports a venue), shaped after the recorded frames.
const OkxLevel = t.tuple([t.string, t.string, t.string, t.string], 'OkxLevel')
const OkxBookFrame = t.type(
  {
    arg: t.type({ channel: t.string, instId: t.string }),
    action: t.keyof({ snapshot: null, update: null }),
    data: t.array(t.type({ asks: t.array(OkxLevel), bids: t.array(OkxLevel), ts: IntFromString, checksum: t.number })),
  },
  'OkxBookFrame',
)
const OkxSubscribe = t.type({ event: t.literal('subscribe'), arg: t.type({ channel: t.string }) }, 'OkxSubscribe')
const OkxError = t.type({ event: t.literal('error'), code: t.string, msg: t.string }, 'OkxError')
const OkxEvent = t.union([OkxSubscribe, OkxError], 'OkxEvent')
const codecFor = (json: unknown): t.Decoder<unknown, unknown> => (t.UnknownRecord.is(json) && 'event' in json ? OkxEvent : OkxBookFrame)
const decode = decodeJson('okx', codecFor)

// Trimmed from okx/okx-v5-2022-02-27-books-l2-tbt.jsonl (first update of UNI-USD-SWAP).
const UPDATE =
  '{"arg":{"channel":"books-l2-tbt","instId":"UNI-USD-SWAP"},"action":"update","data":[{"asks":[],"bids":[["9.617","441","0","4"],["9.581","107","0","2"]],"ts":"1646003667640","checksum":-980833328}]}'
// OKX's documented error frame for a malformed subscribe.
const ERROR = '{"event":"error","code":"60018","msg":"Invalid request: {\\"op\\": \\"subscribe\\"}","connId":"a4d3ae55"}'

const leftOf = <A>(result: E.Either<DecodeError, A>): DecodeError => {
  if (E.isRight(result)) throw new Error(`expected a Left, got ${JSON.stringify(result.right)}`)
  return result.left
}

describe('decodeJson', () => {
  it('decodes a recorded OKX book update into its typed frame', () => {
    const result = decode(UPDATE)
    expect(result).toEqual(
      E.right({
        arg: { channel: 'books-l2-tbt', instId: 'UNI-USD-SWAP' },
        action: 'update',
        data: [{ asks: [], bids: [['9.617', '441', '0', '4'], ['9.581', '107', '0', '2']], ts: 1646003667640, checksum: -980833328 }],
      }),
    )
  })

  it('decodes every frame of a recorded OKX capture', () => {
    const frames = readCapture(fixturePath('okx/okx-v5-2022-02-27-books-l2-tbt.jsonl')).filter(
      (l) => l.dir === 'in' && (l.data.includes('books-l2-tbt') || l.data.includes('"event"')),
    )
    const failures = frames.map((l) => decode(l.data)).filter(E.isLeft)
    expect(frames.length).toBeGreaterThan(3000)
    expect(failures).toEqual([])
  })

  it('names the codec and the dotted path of a wrong field, as STYLE.md shows', () => {
    const bad = UPDATE.replace('"bids":[["9.617","441"', '"bids":[["9.617",2').replace('"asks":[]', '"asks":[["9.62",2,"0","1"]]')
    expect(leftOf(decode(bad)).message).toBe('okx: OkxBookFrame: data.0.asks.0.1: expected string, got 2; data.0.bids.0.1: expected string, got 2')
  })

  it('names the union member that failed in angle brackets', () => {
    const error = leftOf(decode(ERROR.replace('"60018"', '60018')))
    expect(error.message).toBe('okx: OkxEvent: <OkxError>.code: expected string, got 60018')
  })

  it('leaves out union members that failed their discriminant in an untagged union', () => {
    const Ack = t.type({ event: t.keyof({ subscribe: null, unsubscribe: null }), arg: t.type({ channel: t.string }) }, 'OkxAck')
    const untagged = decodeJson('okx', () => t.union([Ack, OkxError], 'OkxEvent'))
    expect(leftOf(untagged(ERROR.replace('"60018"', '60018'))).message).toBe('okx: OkxEvent: <OkxError>.code: expected string, got 60018')
  })

  it('keeps the member that got furthest when every member fails a discriminant', () => {
    const Trades = t.type({ event: t.literal('trade'), data: t.array(t.type({ side: t.keyof({ buy: null, sell: null }) })) }, 'Trades')
    const Failed = t.type({ event: t.literal('error'), code: t.string }, 'Failed')
    const union = decodeJson('x', () => t.union([Failed, Trades], 'Frame'))
    expect(leftOf(union('{"event":"trade","data":[{"side":"up"}]}')).paths).toEqual(['<Trades>.data.0.side'])
  })

  it('names the tag field when a tagged union has no member for its value', () => {
    expect(leftOf(decode('{"event":"login","code":"0"}')).message).toBe('okx: OkxEvent: event: expected "subscribe" | "error", got "login"')
  })

  it('reports every member when none is closer than another', () => {
    const Ack = t.type({ event: t.keyof({ subscribe: null, unsubscribe: null }) }, 'Ack')
    const untagged = decodeJson('okx', () => t.union([Ack, OkxError], 'OkxEvent'))
    expect(leftOf(untagged('{"event":"login"}')).paths).toEqual(['<Ack>.event', '<OkxError>.event', '<OkxError>.code', '<OkxError>.msg'])
  })

  it('reports a missing field as undefined', () => {
    expect(leftOf(decode('{"event":"error","msg":"x"}')).message).toBe('okx: OkxEvent: <OkxError>.code: expected string, got undefined')
  })

  it('names the root when the frame itself has the wrong type', () => {
    const error = leftOf(decodeJson('kucoin', () => t.type({ type: t.string }, 'KucoinFrame'))('[1,2]'))
    expect(error.message).toBe('kucoin: KucoinFrame: (root): expected KucoinFrame, got array(2)')
  })

  it('uses the message of a custom codec as the expectation', () => {
    const error = leftOf(decodeJson('weex', () => t.type({ p: NumberFromString }, 'WeexTrade'))('{"p":"abc"}'))
    expect(error.message).toBe('weex: WeexTrade: p: expected a decimal string, got "abc"')
  })

  it('counts the issues beyond the first three', () => {
    const error = leftOf(decodeJson('x', () => t.type({ a: t.string, b: t.string, c: t.string, d: t.string, e: t.string }, 'Five'))('{}'))
    expect(error.message).toBe('x: Five: a: expected string, got undefined; b: expected string, got undefined; c: expected string, got undefined (+2 more)')
    expect(error.issues).toHaveLength(5)
  })

  it('shortens long string values in messages', () => {
    const error = leftOf(decodeJson('x', () => t.type({ n: t.number }, 'N'))(JSON.stringify({ n: 'a'.repeat(100) })))
    expect(error.message).toBe(`x: N: n: expected number, got "${'a'.repeat(40)}…"`)
  })

  it('reports text that is not JSON under the JSON codec, with the raw text kept', () => {
    const error = leftOf(decode('pong'))
    expect(error).toBeInstanceOf(DecodeError)
    expect(error.codec).toBe('JSON')
    expect(error.message).toMatch(/^okx: JSON: \(root\): expected valid JSON, got /)
    expect(error.raw).toBe('pong')
  })

  it('keeps no slice of the input in a JSON parse failure message', () => {
    const error = leftOf(decode('xx {"apiKey":"SECRETVALUE123456"'))
    expect(error.message).not.toContain('apiK')
    expect(error.message).not.toContain('SECRET')
  })
})

describe('toIssues', () => {
  it('sees through readonly tuples and intersections to the level and index', () => {
    const snapshot = { kind: 'book-snapshot', venue: 'okx', symbol: 'BTC/USDT', ts: 1, receivedAt: 2, bids: [[1, '2', '1', '2']], asks: [] }
    const result = BookSnapshot.decode(snapshot)
    expect(E.isLeft(result) && toIssues(result.left)).toEqual([{ path: 'bids.0.1', expected: 'expected a finite number', actual: '"2"' }])
  })

  it('sees through refinements and readonly arrays to the element index', () => {
    const NonEmpty = t.refinement(t.readonly(t.array(t.string)), (a) => a.length > 0, 'NonEmpty')
    const result = t.type({ ids: NonEmpty }).decode({ ids: ['a', 7] })
    expect(E.isLeft(result) && toIssues(result.left).map((i) => i.path)).toEqual(['ids.1'])
  })

  it('names a failed refinement with its codec name', () => {
    const Positive = t.refinement(t.number, (n) => n > 0, 'Positive')
    const result = t.type({ size: Positive }).decode({ size: -1 })
    expect(E.isLeft(result) && toIssues(result.left)).toEqual([{ path: 'size', expected: 'Positive', actual: '-1' }])
  })
})

describe('decodeWith', () => {
  it('decodes a parsed REST body with a named codec', () => {
    const Body = t.type({ code: t.string, data: t.type({ sequence: IntFromString }) }, 'KucoinSnapshot')
    expect(decodeWith('kucoin', Body, { code: '200000', data: { sequence: '16' } }, '…')).toEqual(E.right({ code: '200000', data: { sequence: 16 } }))
  })

  it('returns a DecodeError naming the codec, the path and the raw body', () => {
    const Body = t.type({ data: t.type({ sequence: IntFromString }) }, 'KucoinSnapshot')
    const error = leftOf(decodeWith('kucoin', Body, { data: { sequence: 'x' } }, '{"data":{"sequence":"x"}}'))
    expect(error.message).toBe('kucoin: KucoinSnapshot: data.sequence: expected an integer string, got "x"')
    expect(error.raw).toBe('{"data":{"sequence":"x"}}')
  })
})

describe('parseJson', () => {
  it('returns a Left instead of throwing on bad JSON', () => {
    expect(E.isLeft(parseJson('{'))).toBe(true)
  })
})
