import type { FeedEvent } from '@tributary/core'
import { interpretRaw } from './__tests__/support'

const eventsOf = (raw: string): readonly FeedEvent[] => {
  const out = interpretRaw(raw)
  if (typeof out === 'string') throw new Error(out)
  const [first] = out
  if (first?.type !== 'data') throw new Error(`expected data, got ${JSON.stringify(out)}`)
  return first.events
}

const order = (fields: Record<string, string>) =>
  JSON.stringify({
    arg: { channel: 'orders', instType: 'SWAP', uid: '7' },
    data: [
      {
        accFillSz: '0.03', avgPx: '103698.9', cTime: '1746947317401', clOrdId: 'c1', execType: 'M', fee: '-0.021776769', feeCcy: 'USDT',
        fillPx: '103698.9', fillSz: '0.03', fillTime: '1746947317402', fillFee: '-0.021776769', fillFeeCcy: 'USDT', instId: 'BTC-USDT-SWAP',
        instType: 'SWAP', ordId: '2497956918703120384', ordType: 'market', posSide: 'long', px: '', reduceOnly: 'false', side: 'buy',
        state: 'filled', sz: '0.03', tradeId: '1518905529', uTime: '1746947317402', ...fields,
      },
    ],
  })

describe('interpret: orders', () => {
  it('maps a filled order with contract sizes converted, fees positive when paid', () => {
    expect(eventsOf(order({}))[0]).toEqual({
      kind: 'order', venue: 'okx', symbol: 'BTC/USDT:USDT', ts: 1746947317402, receivedAt: expect.any(Number), id: '2497956918703120384',
      side: 'buy', type: 'market', status: 'filled', size: 0.0003, filledSize: 0.0003, clientId: 'c1', averagePrice: 103698.9,
      fee: 0.021776769, feeCurrency: 'USDT', reduceOnly: false, venueStatus: 'filled',
    })
  })

  it('reports the last fill of an orders push as a fill', () => {
    expect(eventsOf(order({}))[1]).toMatchObject({ kind: 'fill', id: '1518905529', orderId: '2497956918703120384', price: 103698.9, size: 0.0003, fee: 0.021776769, liquidity: 'maker' })
  })

  it('yields no fill when tradeId is empty', () => {
    expect(eventsOf(order({ tradeId: '', fillSz: '0', state: 'live', accFillSz: '0', avgPx: '' })).map((e) => e.kind)).toEqual(['order'])
  })

  it.each([
    ['live', 'open'],
    ['partially_filled', 'partially_filled'],
    ['filled', 'filled'],
    ['canceled', 'canceled'],
    ['mmp_canceled', 'canceled'],
  ])('maps state %s to %s', (state, status) => {
    expect(eventsOf(order({ state }))[0]).toMatchObject({ status, venueStatus: state })
  })

  it('reports an unknown state instead of guessing', () => {
    expect(interpretRaw(order({ state: 'paused', tradeId: '' }))).toEqual([
      { type: 'data', topic: 'orders', events: [] },
      { type: 'unknown', what: expect.stringContaining('unknown state "paused"') },
    ])
  })

  it('maps a limit order price and time in force', () => {
    expect(eventsOf(order({ ordType: 'post_only', px: '100000', state: 'live', tradeId: '' }))[0]).toMatchObject({ type: 'post_only', timeInForce: 'post_only', price: 100000 })
  })
})

describe('interpret: positions and balances', () => {
  const position = (fields: Record<string, string>) =>
    JSON.stringify({
      arg: { channel: 'positions', instType: 'SWAP' },
      data: [{ instId: 'BTC-USDT-SWAP', instType: 'SWAP', mgnMode: 'isolated', posSide: 'net', pos: '-50', avgPx: '10000', markPx: '10100', upl: '-5', lever: '10', liqPx: '11000', uTime: '1622559930237', ...fields }],
    })

  it('maps a short net position to base units with its contracts', () => {
    expect(eventsOf(position({}))).toEqual([
      {
        kind: 'position', venue: 'okx', symbol: 'BTC/USDT:USDT', ts: 1622559930237, receivedAt: expect.any(Number), side: 'short', size: 0.5,
        marginMode: 'isolated', contracts: 50, entryPrice: 10000, markPrice: 10100, unrealizedPnl: -5, leverage: 10, liquidationPrice: 11000,
      },
    ])
  })

  it('takes the side from posSide in long/short mode', () => {
    expect(eventsOf(position({ posSide: 'long', pos: '5' }))[0]).toMatchObject({ side: 'long', size: 0.05 })
  })

  it('marks a zero position flat', () => {
    expect(eventsOf(position({ pos: '0' }))[0]).toMatchObject({ side: 'flat', size: 0 })
  })

  it('maps account details to balances: free from availEq, used from frozenBal', () => {
    const raw = '{"arg":{"channel":"account","uid":"44"},"eventType":"snapshot","curPage":1,"lastPage":true,"data":[{"totalEq":"100.5","isoEq":"0","uTime":"1751531646836","details":[{"ccy":"USDT","eq":"100.5","cashBal":"100.5","availBal":"90","availEq":"80.5","frozenBal":"20","ordFrozen":"0","upl":"0","uTime":"1751526647084"}]}]}'
    expect(eventsOf(raw)).toEqual([
      { kind: 'balance', venue: 'okx', symbol: 'USDT', ts: 1751526647084, receivedAt: expect.any(Number), currency: 'USDT', total: 100.5, free: 80.5, used: 20 },
    ])
  })

  it('falls back to availBal when availEq is empty', () => {
    const raw = '{"arg":{"channel":"account"},"data":[{"uTime":"1","details":[{"ccy":"BTC","eq":"2","availEq":"","availBal":"1.5","frozenBal":"0.5"}]}]}'
    expect(eventsOf(raw)[0]).toMatchObject({ free: 1.5, used: 0.5 })
  })

  it('maps the positions of balance_and_position', () => {
    const raw = '{"arg":{"channel":"balance_and_position"},"data":[{"pTime":"1","eventType":"filled","balData":[{"ccy":"USDT","cashBal":"1","uTime":"1"}],"posData":[{"posId":"1","tradeId":"2","instId":"BTC-USDT-SWAP","instType":"SWAP","mgnMode":"cross","posSide":"net","pos":"3","ccy":"USDT","posCcy":"","avgPx":"20000","uTime":"5"}],"trades":[]}]}'
    expect(eventsOf(raw)).toMatchObject([{ kind: 'position', side: 'long', size: 0.03, marginMode: 'cross', entryPrice: 20000 }])
  })
})
