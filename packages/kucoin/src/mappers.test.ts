import * as E from 'fp-ts/Either'
import { decodeJson, type InterpretContext, type VenueMessage } from '@tributary/core'
import { codecFor } from './codecs'
import { createInterpreter } from './interpret'
import { createKucoinSymbols } from './symbols'

const decode = decodeJson('kucoin', codecFor)
const ctx = (connection = 'public#1'): InterpretContext => ({
  receivedAt: 1_700_000_000_000,
  group: 'public',
  connection,
  instrument: () => undefined,
  nextId: () => 1,
})
const interpreter = () => createInterpreter(createKucoinSymbols())
const run = (raw: string, interpret = interpreter(), c = ctx()): readonly VenueMessage[] => {
  const frame = decode(raw)
  if (E.isLeft(frame)) throw frame.left
  return interpret(frame.right, c)
}
const events = (raw: string) => {
  const [m] = run(raw)
  if (m?.type !== 'data') throw new Error(`expected data, got ${m?.type}`)
  return m.events
}

describe('session frames', () => {
  it('maps welcome to ready', () => {
    expect(run('{"id":"NSkIrWGB1s","type":"welcome"}')).toEqual([{ type: 'ready' }])
  })

  it('maps an ack to the request id as a string', () => {
    expect(run('{"id":"1","type":"ack"}')).toEqual([{ type: 'ack', requestId: '1' }])
  })

  it('maps a JSON pong to pong', () => {
    expect(run('{"id":"p3","type":"pong"}')).toEqual([{ type: 'pong' }])
  })

  it('maps a 404 error to a rejection of its request and the topic it names', () => {
    const [m] = run('{"id":"7","type":"error","code":404,"data":"topic /market/level2:BSV-BTC is not found"}')
    expect(m).toMatchObject({ type: 'reject', requestId: '7', topic: '/market/level2:BSV-BTC' })
    expect(m?.type === 'reject' && m.error.code).toBe('404')
  })

  it('maps a 509 error to a rejection of the whole request', () => {
    const [m] = run('{"id":"8","type":"error","code":509,"data":"exceed max subscription count limitation of 100 per time"}')
    expect(m).toMatchObject({ type: 'reject', requestId: '8' })
    expect(m).not.toHaveProperty('topic')
  })

  it('maps a 401 token error to a reconnect (which fetches a fresh token)', () => {
    expect(run('{"type":"error","code":401,"data":"token is expired"}')).toEqual([
      { type: 'reconnect', reason: 'token rejected (401 token is expired): reconnecting with a fresh token' },
    ])
  })

  it('reports a frame of unknown type as unknown', () => {
    expect(run('{"type":"notice","data":{}}')).toEqual([{ type: 'unknown', what: 'type notice' }])
  })

  it('reports the retired /spotMarket/level3 as unknown', () => {
    expect(run('{"type":"message","topic":"/spotMarket/level3:BTC-USDT","subject":"received","data":{}}')).toEqual([
      { type: 'unknown', what: '/spotMarket/level3 received' },
    ])
  })

  it('fails an error frame whose code is a string with its path', () => {
    const r = decode('{"type":"error","code":"401","data":"x"}')
    expect(E.isLeft(r) && r.left.message).toBe('kucoin: KucoinError: code: expected number, got "401"')
  })
})

describe('market data', () => {
  it('maps /market/ticker to a Ticker and a Quote with the aliased symbol', () => {
    const raw =
      '{"data":{"sequence":"1613277183873","bestAsk":"242.951","size":"0.08000012","bestBidSize":"0.68148185","price":"243.65","time":1619378326330,"bestAskSize":"4.51280965","bestBid":"242.654"},"subject":"trade.ticker","topic":"/market/ticker:BCHSV-USDT","type":"message"}'
    const base = { venue: 'kucoin', symbol: 'BSV/USDT', ts: 1619378326330, receivedAt: 1_700_000_000_000 }
    const bbo = { bid: 242.654, bidSize: 0.68148185, ask: 242.951, askSize: 4.51280965 }
    expect(events(raw)).toEqual([
      { kind: 'ticker', ...base, last: 243.65, lastSize: 0.08000012, ...bbo },
      { kind: 'quote', ...base, ...bbo },
    ])
  })

  it('takes the symbol of /market/ticker:all from the subject', () => {
    const raw =
      '{"type":"message","topic":"/market/ticker:all","subject":"DOT-USDT","data":{"bestAsk":"10.4686","bestAskSize":"64.9647","bestBid":"10.4647","bestBidSize":"0.1416","price":"10.4686","sequence":"1619386350765","size":"0.0153","time":1653955200018}}'
    const [m] = run(raw)
    expect(m).toMatchObject({ type: 'data', topic: '/market/ticker:all', events: [{ symbol: 'DOT/USDT' }, { symbol: 'DOT/USDT' }] })
  })

  it('maps /market/snapshot JSON numbers to a 24 h Ticker', () => {
    const raw =
      '{"type":"message","topic":"/market/snapshot:BTC-USDT","subject":"trade.snapshot","data":{"sequence":"1630306486588","data":{"buy":29920,"close":29920.1,"datetime":1654165082007,"high":31901.40000000000000000000,"lastTradedPrice":29920.1,"low":29299.90000000000000000000,"open":31610.00000000000000000000,"sell":29920.1,"symbol":"BTC-USDT","vol":21637.26053196000000000000,"volValue":657871182.64000021200000000000}}}'
    expect(events(raw)).toEqual([
      {
        kind: 'ticker', venue: 'kucoin', symbol: 'BTC/USDT', ts: 1654165082007, receivedAt: 1_700_000_000_000,
        last: 29920.1, bid: 29920, ask: 29920.1, open24h: 31610, high24h: 31901.4, low24h: 29299.9,
        baseVolume24h: 21637.26053196, quoteVolume24h: 657871182.640000212,
      },
    ])
  })

  it('maps /market/level2 to a BookUpdate with prevSeq = sequenceStart - 1 and seq = sequenceEnd', () => {
    const raw =
      '{"type":"message","topic":"/market/level2:RUNE-USDC","subject":"trade.l2update","data":{"changes":{"asks":[],"bids":[["3.0037","267.7895","4197479"]]},"sequenceEnd":4197480,"sequenceStart":4197479,"symbol":"RUNE-USDC","time":1658449800752}}'
    expect(events(raw)).toEqual([
      {
        kind: 'book-update', venue: 'kucoin', symbol: 'RUNE/USDC', ts: 1658449800752, receivedAt: 1_700_000_000_000,
        bids: [[3.0037, 267.7895, '3.0037', '267.7895']], asks: [], prevSeq: 4197478, seq: 4197480,
      },
    ])
  })

  it('leaves sequence-only rows (price "0") out of the levels but keeps the sequence', () => {
    const raw =
      '{"data":{"sequenceStart":1613277183874,"symbol":"BCHSV-USDT","changes":{"asks":[["0","0","1613277183874"]],"bids":[]},"sequenceEnd":1613277183874},"subject":"trade.l2update","topic":"/market/level2:BCHSV-USDT","type":"message"}'
    expect(events(raw)).toEqual([
      {
        kind: 'book-update', venue: 'kucoin', symbol: 'BSV/USDT', ts: 1_700_000_000_000, receivedAt: 1_700_000_000_000,
        bids: [], asks: [], prevSeq: 1613277183873, seq: 1613277183874,
      },
    ])
  })

  it('fails a level2 change row with a non-decimal size, naming the path', () => {
    const r = decode('{"type":"message","topic":"/market/level2:A-B","subject":"trade.l2update","data":{"symbol":"A-B","sequenceStart":1,"sequenceEnd":1,"changes":{"asks":[["1","x","1"]],"bids":[]}}}')
    expect(E.isLeft(r) && r.left.paths).toEqual(['data.changes.asks.0.1'])
  })

  it('maps /spotMarket/level2Depth5 to a replacing BookSnapshot of depth 5', () => {
    const raw =
      '{"type":"message","topic":"/spotMarket/level2Depth5:BTC-USDT","subject":"level2","data":{"asks":[["31530.2","2.90121626"]],"bids":[["31530.1","0.74468602"]],"timestamp":1653989906722}}'
    expect(events(raw)).toEqual([
      {
        kind: 'book-snapshot', venue: 'kucoin', symbol: 'BTC/USDT', ts: 1653989906722, receivedAt: 1_700_000_000_000,
        bids: [[31530.1, 0.74468602, '31530.1', '0.74468602']], asks: [[31530.2, 2.90121626, '31530.2', '2.90121626']], depth: 5,
      },
    ])
  })

  it('marks /spotMarket/level2Depth50 snapshots with depth 50', () => {
    const raw = '{"type":"message","topic":"/spotMarket/level2Depth50:BTC-USDT","subject":"level2","data":{"asks":[],"bids":[],"timestamp":1}}'
    expect(events(raw)).toMatchObject([{ kind: 'book-snapshot', depth: 50 }])
  })

  it('maps /market/match to a Trade with the nanosecond time cut to ms', () => {
    const raw =
      '{"data":{"symbol":"BCHSV-USDT","sequence":"1613277184661","side":"sell","size":"0.14324938","price":"242.781","takerOrderId":"6085c0a0b3436b00064d456b","time":"1619378336197407320","type":"match","makerOrderId":"6085c0a0587c2000060d188c","tradeId":"6085c0a069bc50686d66da3c"},"subject":"trade.l3match","topic":"/market/match:BCHSV-USDT","type":"message"}'
    expect(events(raw)).toEqual([
      {
        kind: 'trade', venue: 'kucoin', symbol: 'BSV/USDT', ts: 1619378336197, receivedAt: 1_700_000_000_000,
        id: '6085c0a069bc50686d66da3c', price: 242.781, size: 0.14324938, side: 'sell',
      },
    ])
  })
})

describe('candles', () => {
  const add = (start: string, close: string) =>
    `{"data":{"symbol":"BCHSV-USDT","candles":["${start}","242.781","${close}","243.5","242.1","0.14324938","34.77822772578"],"time":1619378337806000034},"subject":"trade.candles.add","topic":"/market/candles:BCHSV-USDT_1min","type":"message"}`

  it('unpacks [start, open, close, high, low, volume, turnover] into a forming candle', () => {
    expect(events(add('1619378280', '242.9'))).toEqual([
      {
        kind: 'candle', venue: 'kucoin', symbol: 'BSV/USDT', ts: 1619378337806, receivedAt: 1_700_000_000_000,
        interval: '1m', openTime: 1619378280000, open: 242.781, high: 243.5, low: 242.1, close: 242.9,
        volume: 0.14324938, quoteVolume: 34.77822772578, closed: false, priceType: 'last',
      },
    ])
  })

  it('emits the previous candle closed when a newer candle starts', () => {
    const interpret = interpreter()
    run(add('1619378280', '242.9'), interpret)
    const [m] = run(add('1619378340', '243'), interpret)
    expect(m?.type === 'data' && m.events.map((e) => e.kind === 'candle' && [e.openTime, e.close, e.closed])).toEqual([
      [1619378280000, 242.9, true],
      [1619378340000, 243, false],
    ])
  })

  it('does not close a candle from values seen before a reconnect', () => {
    const interpret = interpreter()
    run(add('1619378280', '242.9'), interpret)
    run('{"id":"w2","type":"welcome"}', interpret)
    const [m] = run(add('1619378340', '243'), interpret)
    expect(m?.type === 'data' && m.events.length).toBe(1)
  })

  it('maps the week candle type to 1w', () => {
    const raw =
      '{"type":"message","topic":"/market/candles:BTC-USDT_1week","subject":"trade.candles.update","data":{"symbol":"BTC-USDT","candles":["1653523200","29543.6","31613.8","32406.7","28014.1","93044.50911291","2792095272.950902197"],"time":1654081935182826588}}'
    expect(events(raw)).toMatchObject([{ interval: '1w', open: 29543.6, close: 31613.8, high: 32406.7, low: 28014.1 }])
  })

  it('fails a candle array that is too short', () => {
    const r = decode('{"type":"message","topic":"/market/candles:A-B_1min","subject":"trade.candles.add","data":{"symbol":"A-B","candles":["1","2"],"time":1}}')
    expect(E.isLeft(r) && r.left.codec).toBe('KucoinCandle')
  })

  it('names the candle value that is not a decimal by its index', () => {
    const r = decode('{"type":"message","topic":"/market/candles:A-B_1min","subject":"trade.candles.add","data":{"symbol":"A-B","candles":["1","2","x","4","5","6","7"],"time":1}}')
    expect(E.isLeft(r) && r.left.issues).toEqual([{ path: 'data.candles.2', expected: 'DecimalString', actual: '"x"' }])
  })
})
