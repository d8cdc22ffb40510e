import * as E from 'fp-ts/Either'
import type { InterpretContext, Trade, VenueMessage } from '@tributary/core'
import { decodeFrame } from './codecs'
import { createInterpreter } from './interpreter'
import { PONG_ID_BASE } from './mappers'

const context = (): InterpretContext => {
  let id = 0
  return { receivedAt: 5, group: 'public', connection: 'public#1', instrument: () => undefined, nextId: () => ++id }
}
const run = (interpret: ReturnType<typeof createInterpreter>, raw: string, ctx = context()): readonly VenueMessage[] => {
  const frame = decodeFrame(raw)
  if (E.isLeft(frame)) throw frame.left
  return interpret(frame.right, ctx)
}
const tradeFrame = (e: string, ids: readonly string[]): string =>
  JSON.stringify({ e, E: 1, s: 'BTCUSDT', d: ids.map((t, i) => ({ T: i, t, p: '1', q: '1', v: '1', m: false })) })
const tradeIds = (messages: readonly VenueMessage[]): readonly string[] =>
  messages.flatMap((m) => (m.type === 'data' ? m.events.map((e) => (e as Trade).id) : []))

describe('createInterpreter', () => {
  it('answers a server ping with a PONG reply in the reserved id range', () => {
    expect(run(createInterpreter(), '{"event":"ping","time":"1788692250000"}')).toEqual([{ type: 'reply', frame: `{"method":"PONG","id":${PONG_ID_BASE + 1}}` }])
  })

  it('ignores the connected greeting', () => {
    expect(run(createInterpreter(), '{"cid":"x","event":"connected","time":"1"}')).toEqual([{ type: 'ignore', what: 'connected' }])
  })

  it('routes a depth push to its depth stream topic', () => {
    const [message] = run(createInterpreter(), '{"e":"depth","E":1,"s":"BTCUSDT","U":1,"u":2,"l":200,"d":"CHANGED","b":[],"a":[]}')
    expect(message).toMatchObject({ type: 'data', topic: 'BTCUSDT@depth200' })
  })

  it('routes a kline push to the stream of its interval and price type', () => {
    const [message] = run(createInterpreter(), '{"e":"kline","E":1,"s":"BTCUSDT","p":"MARK_PRICE","d":[{"t":0,"T":60000,"i":"1m","o":"1","c":"1","h":"1","l":"1","v":"1"}]}')
    expect(message).toMatchObject({ type: 'data', topic: 'BTCUSDT@kline_1m_MARK_PRICE' })
  })

  it('emits a trade that appears in the snapshot and again in a push once', () => {
    const interpret = createInterpreter()
    const first = run(interpret, tradeFrame('tradeSnapshot', ['a', 'b']))
    const second = run(interpret, tradeFrame('trade', ['b', 'c']))
    expect([tradeIds(first), tradeIds(second)]).toEqual([['a', 'b'], ['c']])
  })

  it('does not re-emit the snapshot trades sent again after a resubscribe', () => {
    const interpret = createInterpreter()
    run(interpret, tradeFrame('tradeSnapshot', ['a', 'b']))
    expect(tradeIds(run(interpret, tradeFrame('tradeSnapshot', ['a', 'b', 'c'])))).toEqual(['c'])
  })

  it('keeps trade memories apart between interpreters', () => {
    run(createInterpreter(), tradeFrame('trade', ['a']))
    expect(tradeIds(run(createInterpreter(), tradeFrame('trade', ['a'])))).toEqual(['a'])
  })

  it('closes the forming candle when the next kline push starts a newer one', () => {
    const interpret = createInterpreter()
    const kline = (t: number) => `{"e":"kline","E":1,"s":"BTCUSDT","p":"LAST_PRICE","d":[{"t":${t},"T":${t + 60000},"i":"1m","o":"1","c":"1","h":"1","l":"1","v":"1"}]}`
    run(interpret, kline(0))
    const [message] = run(interpret, kline(60000))
    if (message?.type !== 'data') throw new Error('no data')
    expect(message.events.map((e) => (e.kind === 'candle' ? [e.openTime, e.closed] : e.kind))).toEqual([[0, true], [60000, false]])
  })

  it('routes private pushes to their channel names with unified symbols', () => {
    const raw = '{"e":"positions","E":1,"v":1,"msgEvent":"OrderUpdate","d":[{"symbol":"BTCUSDT","side":"LONG","marginMode":"CROSSED","leverage":"2","size":"1","openValue":"100","updatedTime":"1"}]}'
    const [message] = run(createInterpreter(), raw)
    expect(message).toMatchObject({ type: 'data', topic: 'positions', events: [{ symbol: 'BTC/USDT:USDT' }] })
  })

  it('reports a push for a symbol it cannot map as unknown', () => {
    expect(run(createInterpreter(), '{"e":"trade","E":1,"s":"BTCEUR","d":[]}')).toEqual([{ type: 'unknown', what: 'trade for unknown symbol BTCEUR' }])
  })

  it('prefers instrument metadata for the unified symbol', () => {
    const ctx = { ...context(), instrument: () => ({ venue: 'weex', symbol: 'XBT/USDT:USDT', venueSymbol: 'BTCUSDT', kind: 'swap' as const, base: 'XBT', quote: 'USDT', tickSize: 0.1, lotSize: 0.001 }) }
    const [message] = run(createInterpreter(), tradeFrame('trade', ['z']), ctx)
    expect(message).toMatchObject({ events: [{ symbol: 'XBT/USDT:USDT' }] })
  })

  it('lets instrument metadata loaded later win over a symbol it already mapped by rule', () => {
    const interpret = createInterpreter()
    run(interpret, tradeFrame('trade', ['a']))
    const ctx = { ...context(), instrument: () => ({ venue: 'weex', symbol: 'XBT/USDT:USDT', venueSymbol: 'BTCUSDT', kind: 'swap' as const, base: 'XBT', quote: 'USDT', tickSize: 0.1, lotSize: 0.001 }) }
    const [message] = run(interpret, tradeFrame('trade', ['b']), ctx)
    expect(message).toMatchObject({ events: [{ symbol: 'XBT/USDT:USDT' }] })
  })

  it('routes depth pushes of alternating books to the topic and symbol of each', () => {
    const interpret = createInterpreter()
    const depth = (s: string, l: number) => `{"e":"depth","E":1,"s":"${s}","U":1,"u":2,"l":${l},"d":"CHANGED","b":[],"a":[]}`
    const routes = [depth('BTCUSDT', 15), depth('ETHUSDT', 15), depth('ETHUSDT', 200), depth('BTCUSDT', 15)].map((raw) => {
      const [message] = run(interpret, raw)
      if (message?.type !== 'data') return message?.type
      const [event] = message.events
      return [message.topic, event?.kind === 'book-update' ? event.symbol : event?.kind]
    })
    expect(routes).toEqual([
      ['BTCUSDT@depth15', 'BTC/USDT:USDT'],
      ['ETHUSDT@depth15', 'ETH/USDT:USDT'],
      ['ETHUSDT@depth200', 'ETH/USDT:USDT'],
      ['BTCUSDT@depth15', 'BTC/USDT:USDT'],
    ])
  })

  it('reports a depth push for a symbol it cannot map as unknown', () => {
    const raw = '{"e":"depth","E":1,"s":"BTCEUR","U":1,"u":2,"l":15,"d":"CHANGED","b":[],"a":[]}'
    expect(run(createInterpreter(), raw)).toEqual([{ type: 'unknown', what: 'depth for unknown symbol BTCEUR' }])
  })
})
