import * as E from 'fp-ts/Either'
import { decodeFrame, pongFrame, requestFrame, type WeexFrame } from './codecs'

const ok = (raw: string): WeexFrame => {
  const r = decodeFrame(raw)
  if (E.isLeft(r)) throw r.left
  return r.right
}
const fail = (raw: string) => {
  const r = decodeFrame(raw)
  if (E.isRight(r)) throw new Error(`decoded: ${JSON.stringify(r.right)}`)
  return r.left
}

describe('decodeFrame', () => {
  it('reads a reply before anything else', () => {
    expect(ok('{"result":false,"id":99,"msg":"INVALID_ARGUMENT: invalid event : x"}')).toEqual({
      type: 'reply',
      reply: { result: false, id: 99, msg: 'INVALID_ARGUMENT: invalid event : x' },
    })
  })

  it('keeps a string id as sent', () => {
    expect(ok('{"result":true,"id":"7"}')).toEqual({ type: 'reply', reply: { result: true, id: '7' } })
  })

  it('reads a depth push with its versions and its levels as numbers beside the raw strings', () => {
    const frame = ok('{"e":"depth","E":1,"s":"BTCUSDT","U":5,"u":9,"l":15,"d":"CHANGED","b":[["79979.8","0"]],"a":[]}')
    expect(frame).toEqual({ type: 'depth', depth: { e: 'depth', E: 1, s: 'BTCUSDT', U: 5, u: 9, l: 15, d: 'CHANGED', bids: [[79979.8, 0, '79979.8', '0']], asks: [] } })
  })

  it('reads a depth push the same whether or not the fast path can read it', () => {
    const escaped = ok('{"e":"depth","E":1,"s":"BTC\\u0055SDT","U":5,"u":9,"l":15,"d":"CHANGED","b":[["79979.8","0"]],"a":[]}')
    expect(escaped).toEqual({ type: 'depth', depth: { e: 'depth', E: 1, s: 'BTCUSDT', U: 5, u: 9, l: 15, d: 'CHANGED', bids: [[79979.8, 0, '79979.8', '0']], asks: [] } })
  })

  it('reports a push named after an Object.prototype member as unknown instead of throwing', () => {
    expect(ok('{"e":"toString","E":1}')).toEqual({ type: 'unknown', what: 'e:toString' })
  })

  it('reads a public ping with a time string', () => {
    expect(ok('{"event":"ping","time":"1788692610000"}')).toEqual({ type: 'ping' })
  })

  it('reads a private ping keyed by type and timestamp', () => {
    expect(ok('{"type":"ping","timestamp":1776172740000}')).toEqual({ type: 'ping' })
  })

  it('tolerates the connected greeting', () => {
    expect(ok('{"cid":"a605e7d3","event":"connected","time":"1788692245686"}')).toEqual({ type: 'connected' })
  })

  it('reports an unknown push by its event name instead of failing', () => {
    expect(ok('{"e":"bookTicker","E":1,"s":"BTCUSDT"}')).toEqual({ type: 'unknown', what: 'e:bookTicker' })
  })

  it('fails a non-JSON frame with the JSON codec', () => {
    expect(fail('not json').codec).toBe('JSON')
  })

  it('fails a depth push whose level size is not a decimal, naming the path', () => {
    const error = fail('{"e":"depth","E":1,"s":"BTCUSDT","U":5,"u":9,"l":15,"d":"CHANGED","b":[["79979.8","x"]],"a":[]}')
    expect(error.codec).toBe('WeexDepthPush')
    expect(error.paths).toEqual(['b.0.1'])
  })

  it('fails an order push with an unknown status, naming the path', () => {
    const order = { id: '1', coin: 'USDT', symbol: 'BTCUSDT', orderSide: 'BUY', type: 'LIMIT', status: 'WEIRD', price: '1', size: '1', cumFillSize: '0', cumFillValue: '0', cumFillFee: '0', updatedTime: '1' }
    const error = fail(JSON.stringify({ e: 'orders', E: 1, v: 1, msgEvent: 'OrderUpdate', d: [order] }))
    expect(error.paths).toEqual(['d.0.status'])
  })
})

describe('outbound frames', () => {
  it('builds a SUBSCRIBE with several streams', () => {
    expect(JSON.parse(requestFrame('SUBSCRIBE', ['BTCUSDT@ticker', 'BTCUSDT@depth15'], 3))).toEqual({
      method: 'SUBSCRIBE',
      params: ['BTCUSDT@ticker', 'BTCUSDT@depth15'],
      id: 3,
    })
  })

  it('answers a ping with a PONG method, not an event', () => {
    expect(JSON.parse(pongFrame(4))).toEqual({ method: 'PONG', id: 4 })
  })
})
