import * as E from 'fp-ts/Either'
import { AuthenticationError, decodeJson, VenueRejectedError, type FeedEvent, type InterpretContext, type VenueMessage } from '@tributary/core'
import { interpretRaw, testContext } from './__tests__/support'
import { codecFor } from './codecs'
import { createInterpreter } from './mappers'

const at = testContext().receivedAt
const base = { venue: 'okx', receivedAt: at }
const eventsOf = (raw: string): readonly FeedEvent[] => {
  const out = interpretRaw(raw)
  if (typeof out === 'string') throw new Error(out)
  const [first] = out
  if (first?.type !== 'data') throw new Error(`expected data, got ${JSON.stringify(out)}`)
  return first.events
}

describe('interpret: market data', () => {
  it('maps a spot ticker, volumes in base and quote', () => {
    const raw = '{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instType":"SPOT","instId":"BTC-USDT","last":"29934","lastSz":"0.00001468","askPx":"29934.1","askSz":"0.30918743","bidPx":"29934","bidSz":"0.05181315","open24h":"31588.3","high24h":"31899.8","low24h":"29318.7","sodUtc0":"29806.5","sodUtc8":"30747","volCcy24h":"302140058.01215828","vol24h":"9935.14546361","ts":"1654166073135"}]}'
    expect(eventsOf(raw)).toEqual([
      {
        kind: 'ticker', ...base, symbol: 'BTC/USDT', ts: 1654166073135, last: 29934, lastSize: 0.00001468, bid: 29934, bidSize: 0.05181315,
        ask: 29934.1, askSize: 0.30918743, open24h: 31588.3, high24h: 31899.8, low24h: 29318.7, baseVolume24h: 9935.14546361, quoteVolume24h: 302140058.01215828,
      },
    ])
  })

  it('converts a linear swap ticker from contracts, taking the base volume from volCcy24h', () => {
    const raw = '{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","last":"29963","lastSz":"2","askPx":"29960","askSz":"12","bidPx":"29959.9","bidSz":"431","open24h":"31589.3","high24h":"31907.2","low24h":"29302","sodUtc0":"29805","sodUtc8":"30753.7","volCcy24h":"108540.53","vol24h":"10854053","ts":"1654166233877"}]}'
    expect(eventsOf(raw)).toMatchObject([{ symbol: 'BTC/USDT:USDT', lastSize: 0.02, askSize: 0.12, bidSize: 4.31, baseVolume24h: 108540.53 }])
  })

  it('leaves out ticker fields OKX sends as empty strings', () => {
    const raw = '{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","last":"1","lastSz":"1","askPx":"","askSz":"","bidPx":"1","bidSz":"1","open24h":"1","high24h":"1","low24h":"1","volCcy24h":"1","vol24h":"1","ts":"1"}]}'
    expect(eventsOf(raw)[0]).not.toHaveProperty('ask')
  })

  it('converts inverse contract sizes at the level price', () => {
    const raw = '{"arg":{"channel":"trades","instId":"BTC-USD-SWAP"},"data":[{"instId":"BTC-USD-SWAP","tradeId":"173543957","px":"40000","sz":"8","side":"sell","ts":"1646312664791"}]}'
    expect(eventsOf(raw)).toEqual([{ kind: 'trade', ...base, symbol: 'BTC/USD:BTC', ts: 1646312664791, id: '173543957', price: 40000, size: 0.02, side: 'sell' }])
  })

  it('maps a book snapshot with seq and without a zero checksum', () => {
    const raw = '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot","data":[{"asks":[["8476.98","415","0","13"]],"bids":[["8476.97","256","0","12"]],"ts":"1597026383085","checksum":0,"prevSeqId":-1,"seqId":123456}]}'
    expect(eventsOf(raw)).toEqual([
      { kind: 'book-snapshot', ...base, symbol: 'BTC/USDT', ts: 1597026383085, bids: [[8476.97, 256, '8476.97', '256']], asks: [[8476.98, 415, '8476.98', '415']], seq: 123456, depth: 400 },
    ])
  })

  it('maps a book update with seq, prevSeq and a non-zero checksum', () => {
    const raw = '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8476.98","0","0","0"]],"bids":[],"ts":"1597026383085","checksum":-855196043,"prevSeqId":123456,"seqId":123457}]}'
    expect(eventsOf(raw)).toMatchObject([{ kind: 'book-update', seq: 123457, prevSeq: 123456, checksum: -855196043, asks: [[8476.98, 0, '8476.98', '0']] }])
  })

  const update = (members: string, channel = 'books-l2-tbt', instId = 'BTC-USDT'): string =>
    `{"arg":{"channel":"${channel}","instId":"${instId}"},"action":"update","data":[{"asks":[["1.5","2","0","1"]],"bids":[],"ts":"7"${members}}]}`
  const updated = { kind: 'book-update', ...base, symbol: 'BTC/USDT', ts: 7, bids: [], asks: [[1.5, 2, '1.5', '2']], depth: 400 }
  it.each([
    ['a checksum only (before 2022)', update(',"checksum":-5'), { ...updated, checksum: -5 }],
    ['seqId, prevSeqId and a zero checksum (now)', update(',"checksum":0,"prevSeqId":3,"seqId":4'), { ...updated, seq: 4, prevSeq: 3 }],
    ['seqId, prevSeqId and a checksum', update(',"checksum":9,"prevSeqId":3,"seqId":4'), { ...updated, seq: 4, checksum: 9, prevSeq: 3 }],
    ['neither sequence nor checksum', update(''), updated],
    ['a zero checksum only', update(',"checksum":0'), updated],
    ['seqId alone', update(',"seqId":4'), { ...updated, seq: 4 }],
    ['sizes left in contracts', update(',"checksum":-5', 'books', 'ETH-USDT-SWAP'), { ...updated, symbol: 'ETH/USDT:USDT', checksum: -5, sizeUnit: 'contracts' }],
  ])('maps a book update with %s to exactly the fields sent', (_, raw, event) => {
    expect(eventsOf(raw)).toStrictEqual([event])
  })

  it('keeps raw contract sizes while converting option book sizes to base', () => {
    const raw = '{"arg":{"channel":"books-l2-tbt","instId":"BTC-USD-210924-66000-C"},"action":"update","data":[{"asks":[["0.0085","402","0","1"]],"bids":[],"ts":"1","checksum":5}]}'
    expect(eventsOf(raw)).toMatchObject([{ asks: [[0.0085, 40.2, '0.0085', '402']], depth: 400 }])
  })

  it('maps books5 pushes to snapshots of depth 5', () => {
    const raw = '{"arg":{"channel":"books5","instId":"BTC-USDT"},"data":[{"asks":[["30221.8","0.00439","0","2"]],"bids":[["30221.7","0.30608367","0","6"]],"instId":"BTC-USDT","ts":"1652671418459"}]}'
    expect(eventsOf(raw)).toMatchObject([{ kind: 'book-snapshot', depth: 5, bids: [[30221.7, 0.30608367, '30221.7', '0.30608367']] }])
  })

  it('maps bbo-tbt to a quote', () => {
    const raw = '{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[["31774.7","0.14368878","0","3"]],"bids":[["31774.6","0.3392211","0","3"]],"ts":"1654032991947"}]}'
    expect(eventsOf(raw)).toEqual([{ kind: 'quote', ...base, symbol: 'BTC/USDT', ts: 1654032991947, bid: 31774.6, bidSize: 0.3392211, ask: 31774.7, askSize: 0.14368878 }])
  })

  it('yields no quote from a one-sided bbo-tbt push', () => {
    expect(eventsOf('{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[],"bids":[["1","1","0","1"]],"ts":"1"}]}')).toEqual([])
  })

  it('maps a confirmed candle with base volume from volCcy for derivatives', () => {
    const raw = '{"arg":{"channel":"candle1H","instId":"BTC-USD-SWAP"},"data":[["1662716640000","20713.4","20721.5","20711.1","20721.5","1400","6.7561","140000","1"]]}'
    expect(eventsOf(raw)).toEqual([
      {
        kind: 'candle', ...base, symbol: 'BTC/USD:BTC', ts: 1662716640000, interval: '1h', openTime: 1662716640000, open: 20713.4, high: 20721.5,
        low: 20711.1, close: 20721.5, volume: 6.7561, closed: true, quoteVolume: 140000, priceType: 'last',
      },
    ])
  })

  it('maps funding-rate', () => {
    const raw = '{"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"fundingRate":"0.0001534702159002","fundingTime":"1646323200000","instId":"BTC-USDT-SWAP","instType":"SWAP","nextFundingRate":"0.0001542145319804"}]}'
    expect(eventsOf(raw)).toEqual([{ kind: 'funding-rate', ...base, symbol: 'BTC/USDT:USDT', ts: at, rate: 0.0001534702159002, fundingTime: 1646323200000, nextRate: 0.0001542145319804 }])
  })

  it('maps mark-price', () => {
    const raw = '{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"42310.6","ts":"1630049139746"}]}'
    expect(eventsOf(raw)).toEqual([{ kind: 'mark-price', ...base, symbol: 'BTC/USDT:USDT', ts: 1630049139746, markPrice: 42310.6 }])
  })

  it('routes data to the channel:instId topic', () => {
    expect(interpretRaw('{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[]}')).toEqual([{ type: 'data', topic: 'bbo-tbt:BTC-USDT', events: [] }])
  })
})

describe('interpret: derivatives whose contract value is unknown', () => {
  const noMetadata = testContext([])
  const decode = decodeJson('okx', codecFor)
  const messages = (raw: string, ctx: InterpretContext = noMetadata): readonly VenueMessage[] => {
    const out = interpretRaw(raw, ctx)
    if (typeof out === 'string') throw new Error(out)
    return out
  }
  const degraded = (instId: string) => ({ type: 'issue', code: 'degraded-data', what: `okx: contract value unknown for ${instId}: sizes left in contracts (no instrument metadata)` })
  const trade = (instId: string, id: string) =>
    `{"arg":{"channel":"trades","instId":"${instId}"},"data":[{"instId":"${instId}","tradeId":"${id}","px":"40000","sz":"8","side":"sell","ts":"1646312664791"}]}`

  it('maps a trade with its size left in contracts and marked, and reports it', () => {
    expect(messages(trade('BTC-USD-SWAP', '1'))).toEqual([
      { type: 'data', topic: 'trades:BTC-USD-SWAP', events: [{ kind: 'trade', ...base, symbol: 'BTC/USD:BTC', ts: 1646312664791, id: '1', price: 40000, size: 8, side: 'sell', sizeUnit: 'contracts' }] },
      degraded('BTC-USD-SWAP'),
    ])
  })

  it('keeps a book snapshot\'s prices and its sizes as sent, marked contracts', () => {
    const raw = '{"arg":{"channel":"books5","instId":"BTC-USDT-SWAP"},"data":[{"asks":[["29960","12","0","1"]],"bids":[["29959.9","431","0","3"]],"instId":"BTC-USDT-SWAP","ts":"1652671418459"}]}'
    const [data] = messages(raw)
    expect(data).toMatchObject({ type: 'data', events: [{ kind: 'book-snapshot', bids: [[29959.9, 431, '29959.9', '431']], asks: [[29960, 12, '29960', '12']], sizeUnit: 'contracts' }] })
  })

  it('marks a quote\'s and a ticker\'s sizes as contracts, leaving the base volume as sent in volCcy24h', () => {
    const quote = '{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT-SWAP"},"data":[{"asks":[["29960","12","0","1"]],"bids":[["29959.9","431","0","3"]],"ts":"1"}]}'
    const ticker = '{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","last":"29963","lastSz":"2","askPx":"29960","askSz":"12","bidPx":"29959.9","bidSz":"431","open24h":"1","high24h":"1","low24h":"1","volCcy24h":"108540.53","vol24h":"10854053","ts":"1"}]}'
    const events = [quote, ticker].map((raw) => {
      const [data] = messages(raw)
      return data?.type === 'data' ? data.events[0] : undefined
    })
    expect(events).toMatchObject([
      { kind: 'quote', bid: 29959.9, bidSize: 431, ask: 29960, askSize: 12, sizeUnit: 'contracts' },
      { kind: 'ticker', lastSize: 2, bidSize: 431, askSize: 12, baseVolume24h: 108540.53, sizeUnit: 'contracts' },
    ])
  })

  it('leaves spot and converted derivative events unmarked', () => {
    const [data] = messages(trade('BTC-USD-SWAP', '1'), testContext())
    expect(data?.type === 'data' && data.events[0]).not.toHaveProperty('sizeUnit')
  })

  it('needs no contract value for candles: no mark, no issue', () => {
    const raw = '{"arg":{"channel":"candle1m","instId":"ETH-USDT-SWAP"},"data":[["1662716640000","1","1","1","1","1400","6.7561","140000","1"]]}'
    const out = messages(raw)
    expect([out.length, out[0]?.type === 'data' && out[0].events[0]]).toEqual([1, expect.not.objectContaining({ sizeUnit: 'contracts' })])
  })

  it('reports an instrument once per interpreter, and each instrument on its own', () => {
    const interpret = createInterpreter()
    const types = ['BTC-USD-SWAP', 'BTC-USD-SWAP', 'BTC-USDT-SWAP'].map((instId, i) => {
      const frame = decode(trade(instId, String(i)))
      return E.isRight(frame) ? interpret(frame.right, noMetadata).map((m) => m.type) : []
    })
    expect(types).toEqual([['data', 'issue'], ['data'], ['data', 'issue']])
  })

  it('gives each interpreter its own memory', () => {
    const frame = decode(trade('BTC-USD-SWAP', '1'))
    const first = (interpret: ReturnType<typeof createInterpreter>) => (E.isRight(frame) ? interpret(frame.right, noMetadata).map((m) => m.type) : [])
    const shared = createInterpreter()
    first(shared)
    expect([first(shared), first(createInterpreter())]).toEqual([['data'], ['data', 'issue']])
  })
})

describe('interpret: control events', () => {
  const one = (raw: string): VenueMessage | string | undefined => {
    const out = interpretRaw(raw)
    return typeof out === 'string' ? out : out[0]
  }

  it('acks a subscribe by topic', () => {
    expect(one('{"event":"subscribe","arg":{"channel":"trades","instId":"BTC-USDT"},"connId":"accb8e21"}')).toEqual({ type: 'ack', topic: 'trades:BTC-USDT' })
  })

  it('acks an account channel by channel name, whatever extra fields the arg echoes', () => {
    expect(one('{"event":"subscribe","arg":{"channel":"orders","instType":"ANY","uid":"77"}}')).toEqual({ type: 'ack', topic: 'orders' })
  })

  it('makes the connection ready on a successful login', () => {
    expect(one('{"event":"login","code":"0","msg":"","connId":"a4d3ae55"}')).toEqual({ type: 'ready' })
  })

  it.each(['60009', '60006', '60007', '60024', '60005', '63999'])('makes login error %s fatal', (code) => {
    const message = one(`{"event":"error","code":"${code}","msg":"Login failed."}`)
    expect(message).toMatchObject({ type: 'fatal', error: expect.any(AuthenticationError) })
  })

  it('rejects the channel an error names in its arg', () => {
    expect(one('{"event":"error","code":"60018","msg":"bad","arg":{"channel":"tickers","instId":"BTC-XXX"}}')).toEqual({
      type: 'reject', topic: 'tickers:BTC-XXX', error: new VenueRejectedError('okx', '60018', 'bad', 'tickers:BTC-XXX'),
    })
  })

  it('rejects the channel an error names only in its text', () => {
    const raw = `{"event":"error","code":"60018","msg":"Wrong URL or channel:tickers,instId:BTC-USDT-XXX doesn't exist. Please use the correct URL, channel and parameters referring to API document.","connId":"a4d3ae55"}`
    expect(one(raw)).toMatchObject({ type: 'reject', topic: 'tickers:BTC-USDT-XXX' })
  })

  it('rejects the request by id when no channel is named', () => {
    expect(one('{"event":"error","code":"64001","msg":"channel migrated","id":"12"}')).toMatchObject({ type: 'reject', requestId: '12', error: { code: '64001' } })
  })

  it('rejects the last request when neither channel nor id is named', () => {
    expect(one('{"event":"error","code":"60012","msg":"Invalid request"}')).toEqual({ type: 'reject', error: expect.any(VenueRejectedError) })
  })

  it('asks for a reconnect on notice 64008', () => {
    expect(one('{"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade. Please reconnect."}')).toMatchObject({ type: 'reconnect' })
  })

  it('ignores channel-conn-count', () => {
    expect(one('{"event":"channel-conn-count","channel":"orders","connCount":"2","connId":"abcd1234"}')).toEqual({ type: 'ignore', what: 'channel-conn-count' })
  })

  it('reports pushes on channels it does not map as unknown', () => {
    expect(one('{"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[]}')).toEqual({ type: 'unknown', what: 'okx channel open-interest' })
  })

  it('answers a trade-op reply by its id', () => {
    const raw = '{"id":"1512","op":"order","data":[{"clOrdId":"","ordId":"12345689","tag":"","sCode":"0","sMsg":""}],"code":"0","msg":""}'
    expect(one(raw)).toMatchObject({ type: 'response', requestId: '1512', result: E.right({ op: 'order', code: '0' }) })
  })

  it('keeps per-item codes of a failed op for the caller', () => {
    const raw = '{"id":"9","op":"order","data":[{"clOrdId":"","ordId":"","tag":"","sCode":"51008","sMsg":"Insufficient balance"}],"code":"1","msg":""}'
    expect(one(raw)).toMatchObject({ type: 'response', requestId: '9', result: E.right({ data: [{ sCode: '51008' }] }) })
  })

  it('turns a request-level op failure into a rejection', () => {
    const raw = '{"id":"9","op":"order","data":[],"code":"60013","msg":"Invalid args"}'
    expect(one(raw)).toMatchObject({ type: 'response', requestId: '9', result: E.left(expect.any(VenueRejectedError)) })
  })
})
