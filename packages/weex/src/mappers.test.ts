import * as E from 'fp-ts/Either'
import type { Candle } from '@tributary/core'
import { decodeFrame, type WeexDepth, type WeexPush } from './codecs'
import {
  PONG_ID_BASE,
  closeCandles,
  parseRejection,
  toBalances,
  toBookEvent,
  toCandles,
  toFills,
  toOrderStatus,
  toOrders,
  toPositions,
  toReplyMessage,
  toTickerEvents,
  toTrades,
} from './mappers'

const push = <K extends WeexPush['e']>(e: K, raw: string): Extract<WeexPush, { e: K }> => {
  const r = decodeFrame(raw)
  if (E.isLeft(r)) throw r.left
  if (r.right.type !== 'push' || r.right.push.e !== e) throw new Error(`not a ${e} push`)
  return r.right.push as Extract<WeexPush, { e: K }>
}
const depth = (raw: string): WeexDepth => {
  const r = decodeFrame(raw)
  if (E.isLeft(r) || r.right.type !== 'depth') throw new Error('not a depth push')
  return r.right.depth
}
const same = (id: string): string => (id === 'BTCUSDT' ? 'BTC/USDT:USDT' : id === 'DOGEUSDT' ? 'DOGE/USDT:USDT' : id)
const at = 1_000

describe('toTickerEvents', () => {
  const frame = push('ticker', '{"e":"ticker","E":1788692276431,"s":"BTCUSDT","d":[{"p":"413.2","P":"0.005192","w":"79832.11097168","c":"79982.2","o":"79569.0","h":"80167.0","l":"79503.7","v":"6932.4354","q":"553430952.15681","O":1788605100000,"C":1788691500000,"n":422700,"m":"79984.1","i":"80019.68575"}]}')

  it('maps a recorded ticker to a Ticker with mark and index price, and a MarkPrice', () => {
    expect(toTickerEvents(frame, 'BTC/USDT:USDT', at)).toEqual([
      {
        kind: 'ticker', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 1788692276431, receivedAt: at,
        last: 79982.2, open24h: 79569, high24h: 80167, low24h: 79503.7, baseVolume24h: 6932.4354, quoteVolume24h: 553430952.15681,
        markPrice: 79984.1, indexPrice: 80019.68575,
      },
      { kind: 'mark-price', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 1788692276431, receivedAt: at, markPrice: 79984.1, indexPrice: 80019.68575 },
    ])
  })

  it('emits no MarkPrice when the ticker has no mark', () => {
    const noMark = push('ticker', '{"e":"ticker","E":1,"s":"BTCUSDT","d":[{"c":"1","o":"1","h":"1","l":"1","v":"1","q":"1"}]}')
    expect(toTickerEvents(noMark, 'BTC/USDT:USDT', at).map((e) => e.kind)).toEqual(['ticker'])
  })
})

describe('toBookEvent', () => {
  it('maps a depthSnapshot to a snapshot with seq = u and the stream depth', () => {
    const frame = depth('{"e":"depthSnapshot","E":7,"s":"BTCUSDT","U":16786244339,"u":16786244375,"l":15,"d":"SNAPSHOT","b":[["79979.8","2.5926"]],"a":[["79979.9","2.5821"]]}')
    expect(toBookEvent(frame, 'BTC/USDT:USDT', at)).toEqual({
      kind: 'book-snapshot', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 7, receivedAt: at, seq: 16786244375, depth: 15,
      bids: [[79979.8, 2.5926, '79979.8', '2.5926']], asks: [[79979.9, 2.5821, '79979.9', '2.5821']],
    })
  })

  it('maps a CHANGED delta to an update with prevSeq = U and deletes as size 0', () => {
    const frame = depth('{"e":"depth","E":8,"s":"BTCUSDT","U":16786244375,"u":16786244424,"l":15,"d":"CHANGED","b":[["79977.9","0"]],"a":[]}')
    expect(toBookEvent(frame, 'BTC/USDT:USDT', at)).toEqual({
      kind: 'book-update', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 8, receivedAt: at, seq: 16786244424, prevSeq: 16786244375, depth: 15,
      bids: [[79977.9, 0, '79977.9', '0']], asks: [],
    })
  })

  it('treats a depth push marked d:SNAPSHOT as a snapshot whatever its e', () => {
    const frame = depth('{"e":"depth","E":8,"s":"BTCUSDT","U":1,"u":2,"l":200,"d":"SNAPSHOT","b":[],"a":[]}')
    expect(toBookEvent(frame, 'BTC/USDT:USDT', at).kind).toBe('book-snapshot')
  })
})

describe('toTrades', () => {
  const frame = push('trade', '{"e":"trade","E":1,"s":"BTCUSDT","d":[{"T":20,"t":"b","p":"79221.0","q":"0.0356","v":"2820.26760","m":false},{"T":10,"t":"a","p":"79220.9","q":"0.0028","v":"221.81852","m":true}]}')

  it('maps buyer-is-maker to a taker sell and orders trades oldest first', () => {
    expect(toTrades(frame, 'BTC/USDT:USDT', at)).toEqual([
      { kind: 'trade', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 10, receivedAt: at, id: 'a', price: 79220.9, size: 0.0028, side: 'sell' },
      { kind: 'trade', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 20, receivedAt: at, id: 'b', price: 79221.0, size: 0.0356, side: 'buy' },
    ])
  })
})

describe('candles', () => {
  const kline = (t: number, c: string, p = 'LAST_PRICE'): Candle[] => [
    ...toCandles(
      push('kline', `{"e":"kline","E":5,"s":"BTCUSDT","p":"${p}","d":[{"t":${t},"T":${t + 60_000},"s":"BTCUSDT","i":"1m","o":"1","c":"${c}","h":"3","l":"0.5","v":"17.6131","n":280,"q":"1408872.78228"}]}`),
      'BTC/USDT:USDT',
      at,
    ),
  ]

  it('maps a kline with its price type, volumes and open time, not closed', () => {
    expect(kline(60_000, '2', 'MARK_PRICE')).toEqual([
      {
        kind: 'candle', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 5, receivedAt: at, interval: '1m', openTime: 60_000,
        open: 1, high: 3, low: 0.5, close: 2, volume: 17.6131, quoteVolume: 1408872.78228, closed: false, priceType: 'mark',
      },
    ])
  })

  it('closes every snapshot candle but the newest', () => {
    const batch = [...kline(0, '1'), ...kline(60_000, '2')]
    expect(closeCandles(undefined, batch).events.map((c) => [c.openTime, c.closed])).toEqual([[0, true], [60_000, false]])
  })

  it('re-emits the forming candle as closed when a newer one starts', () => {
    const { forming } = closeCandles(undefined, kline(0, '1'))
    const next = closeCandles(forming, kline(60_000, '2'))
    expect(next.events.map((c) => [c.openTime, c.close, c.closed])).toEqual([[0, 1, true], [60_000, 2, false]])
  })

  it('keeps updating the forming candle while its open time stays the same', () => {
    const { forming } = closeCandles(undefined, kline(0, '1'))
    expect(closeCandles(forming, kline(0, '1.5')).events.map((c) => [c.close, c.closed])).toEqual([[1.5, false]])
  })
})

describe('private mappers', () => {
  const orders = push('orders', '{"e":"orders","E":1773295738939,"v":46654,"msgEvent":"OrderUpdate","d":[{"id":"617414920861909658","coin":"USDT","symbol":"BTCUSDT","marginMode":"CROSSED","positionSide":"LONG","orderSide":"BUY","price":"0.0","size":"0.10000","clientOrderId":"1747203186927FPIZRP","type":"MARKET","timeInForce":"IOC","reduceOnly":false,"status":"FILLED","cumFillSize":"0.10000","cumFillValue":"10381.270000","cumFillFee":"6.228762","createdTime":"1747203188148","updatedTime":"1747203188150"}]}')

  it('maps a filled market order with average price = cumFillValue / cumFillSize and no limit price', () => {
    expect(toOrders(orders, same, at)).toEqual([
      {
        kind: 'order', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 1747203188150, receivedAt: at, id: '617414920861909658', side: 'buy',
        type: 'market', status: 'filled', size: 0.1, filledSize: 0.1, clientId: '1747203186927FPIZRP', timeInForce: 'ioc',
        averagePrice: 103812.7, fee: 6.228762, feeCurrency: 'USDT', reduceOnly: false, venueStatus: 'FILLED',
      },
    ])
  })

  it.each([
    ['PENDING', 0, 'open'],
    ['NEW', 0, 'open'],
    ['OPEN', 0.5, 'partially_filled'],
    ['UNTRIGGERED', 0, 'open'],
    ['CANCELING', 0, 'open'],
    ['FILLED', 1, 'filled'],
    ['CANCELED', 0.5, 'canceled'],
    ['EXPIRED', 0, 'expired'],
    ['REJECTED', 0, 'rejected'],
  ] as const)('maps status %s with %d filled to %s', (status, filled, expected) => {
    expect(toOrderStatus(status, filled)).toBe(expected)
  })

  it('maps a fill with price = fillValue / fillSize and its liquidity', () => {
    const fill = push('fill', '{"e":"fill","E":1,"v":46655,"msgEvent":"OrderUpdate","d":[{"id":"617414920887075482","coin":"USDT","symbol":"BTCUSDT","orderId":"617414920861909658","orderSide":"BUY","fillSize":"0.10000","fillValue":"10381.270000","fillFee":"6.228762","direction":"TAKER","createdTime":"1747203188154"}]}')
    expect(toFills(fill, same, at)).toEqual([
      {
        kind: 'fill', venue: 'weex', symbol: 'BTC/USDT:USDT', ts: 1747203188154, receivedAt: at, id: '617414920887075482', orderId: '617414920861909658',
        side: 'buy', price: 103812.7, size: 0.1, fee: 6.228762, feeCurrency: 'USDT', liquidity: 'taker',
      },
    ])
  })

  it('maps a position with entry price = openValue / size', () => {
    const positions = push('positions', '{"e":"positions","E":1,"v":319,"msgEvent":"OrderUpdate","d":[{"symbol":"DOGEUSDT","side":"LONG","marginMode":"CROSSED","leverage":"11","size":"100","openValue":"9.31100","updatedTime":"1776192398399"}]}')
    expect(toPositions(positions, same, at)).toEqual([
      { kind: 'position', venue: 'weex', symbol: 'DOGE/USDT:USDT', ts: 1776192398399, receivedAt: at, side: 'long', size: 100, marginMode: 'cross', leverage: 11, entryPrice: 0.09311 },
    ])
  })

  it('maps a position of size 0 to flat without an entry price', () => {
    const positions = push('positions', '{"e":"positions","E":1,"v":320,"msgEvent":"OrderUpdate","d":[{"symbol":"DOGEUSDT","side":"SHORT","marginMode":"ISOLATED","leverage":"5","size":"0","openValue":"0","updatedTime":"2"}]}')
    expect(toPositions(positions, same, at)[0]).toMatchObject({ side: 'flat', size: 0, marginMode: 'isolated' })
    expect(toPositions(positions, same, at)[0]).not.toHaveProperty('entryPrice')
  })

  it('maps an account push to a balance of its coin', () => {
    const account = push('account', '{"e":"account","E":1,"v":281,"msgEvent":"DepositUpdate","d":[{"coin":"USDT","amount":"120.5","legacyAmount":"150.5","updatedTime":"1776189629849"}]}')
    expect(toBalances(account, at)).toEqual([
      { kind: 'balance', venue: 'weex', symbol: 'USDT', ts: 1776189629849, receivedAt: at, currency: 'USDT', total: 150.5, free: 120.5, used: 30 },
    ])
  })
})

describe('replies', () => {
  it('maps a positive reply to an ack of its request id', () => {
    expect(toReplyMessage({ result: true, id: 2 })).toEqual({ type: 'ack', requestId: '2' })
  })

  it('maps a negative reply to a typed rejection with the code before the colon', () => {
    const message = toReplyMessage({ result: false, id: 99, msg: 'INVALID_ARGUMENT: invalid event : totally_bogus_channel' })
    if (message.type !== 'reject') throw new Error(message.type)
    expect(message.requestId).toBe('99')
    expect(message.error).toMatchObject({ kind: 'venue-rejected', code: 'INVALID_ARGUMENT', venueMessage: 'invalid event : totally_bogus_channel' })
  })

  it('maps the ack of a PONG to a pong', () => {
    expect(toReplyMessage({ result: true, id: PONG_ID_BASE + 3 })).toEqual({ type: 'pong' })
  })

  it('gives a message without a code the code REJECTED', () => {
    expect(parseRejection('nope')).toEqual({ code: 'REJECTED', message: 'nope' })
  })
})
