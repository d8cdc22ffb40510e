import * as E from 'fp-ts/Either'
import { decodeJson } from '@tributary/core'
import { codecFor } from './codecs'

const decode = decodeJson('okx', codecFor)
const typeOf = (raw: string) => E.map((f: { type: string }) => f.type)(decode(raw))
const errorOf = (raw: string): string => E.match((e: Error) => e.message, () => 'decoded')(decode(raw))

const book = (data: string) => `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[${data}]}`

describe('codecFor', () => {
  it.each([
    ['{"event":"subscribe","arg":{"channel":"trades","instId":"BTC-USDT"}}', 'subscribe-event'],
    ['{"event":"login","code":"0","msg":"","connId":"a4d3ae55"}', 'login-event'],
    ['{"event":"error","code":"60012","msg":"Invalid request"}', 'error-event'],
    ['{"event":"notice","code":"64008","msg":"The connection will soon be closed"}', 'notice-event'],
    ['{"event":"channel-conn-count","channel":"orders","connCount":"2","connId":"abcd1234"}', 'other-event'],
    ['{"id":"7","op":"order","code":"0","msg":"","data":[{"ordId":"1","clOrdId":"","sCode":"0","sMsg":""}]}', 'op-response'],
    ['{"arg":{"channel":"candle1M","instId":"BTC-USDT"},"data":[["1","1","1","1","1","1","1","1","0"]]}', 'candles'],
    ['{"arg":{"channel":"books5","instId":"BTC-USDT"},"data":[{"asks":[],"bids":[],"ts":"1"}]}', 'book-top'],
    ['{"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{}]}', 'other-push'],
  ])('routes %s to %s', (raw, type) => {
    expect(typeOf(raw)).toEqual(E.right(type))
  })

  it.each(['constructor', 'toString', '__proto__'])('routes a channel or event named %s like any unknown one, without throwing', (name) => {
    expect([typeOf(`{"arg":{"channel":"${name}","instId":"X"},"data":[]}`), typeOf(`{"event":"${name}"}`)]).toEqual([E.right('other-push'), E.right('other-event')])
  })

  it('names the one codec and the path of a bad book level', () => {
    expect(errorOf(book('{"asks":[["1.5",2,"0","1"]],"bids":[],"ts":"1"}'))).toBe('okx: OkxBookPush: data.0.asks.0.1: expected DecimalString, got 2')
  })

  it('rejects a price that is not a decimal string', () => {
    expect(errorOf(book('{"asks":[["abc","2","0","1"]],"bids":[],"ts":"1"}'))).toContain('data.0.asks.0.0')
  })

  it('tolerates fields OKX adds later', () => {
    expect(E.isRight(decode(book('{"asks":[],"bids":[],"ts":"1","checksum":0,"seqId":5,"prevSeqId":5,"newField":{"x":1}}')))).toBe(true)
  })

  it('parses book levels and keeps their raw strings', () => {
    const decoded = decode(book('{"asks":[["0.00000166","637.04056847","0","1"]],"bids":[],"ts":"1"}'))
    expect(E.isRight(decoded) && decoded.right.type === 'book' ? decoded.right.frame.data[0]?.asks : undefined).toEqual([[0.00000166, 637.04056847, '0.00000166', '637.04056847']])
  })

  it('names the error event codec when a code is numeric', () => {
    expect(errorOf('{"event":"error","code":60018,"msg":"x"}')).toBe('okx: OkxErrorEvent: code: expected string, got 60018')
  })

  it('reports text that is not JSON as a JSON decode error', () => {
    expect(errorOf('{"arg":')).toMatch(/^okx: JSON: /)
  })

  it('rejects a push without a channel against the frame envelope', () => {
    expect(errorOf('{"data":[]}')).toBe('okx: OkxFrame: arg: expected { channel: string }, got undefined')
  })

  it('decodes old 7-field candle rows as unconfirmed', () => {
    const decoded = decode('{"arg":{"channel":"candle1m","instId":"BTC-USDT"},"data":[["1654154580000","29930.7","29936.3","29930.7","29936.3","0.0111536","333.86246417"]]}')
    expect(E.isRight(decoded) && decoded.right.type === 'candles' ? decoded.right.frame.data[0]?.confirm : 'x').toBeUndefined()
  })

  it('names the index of a bad candle field', () => {
    expect(errorOf('{"arg":{"channel":"candle1m","instId":"BTC-USDT"},"data":[["1","2","3","x","5","6","7"]]}')).toContain('data.0.3')
  })
})
