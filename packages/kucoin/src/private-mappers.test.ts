import * as E from 'fp-ts/Either'
import { decodeJson, type InterpretContext } from '@tributary/core'
import { codecFor } from './codecs'
import { createInterpreter } from './interpret'
import { createKucoinSymbols } from './symbols'

const decode = decodeJson('kucoin', codecFor)
const ctx: InterpretContext = { receivedAt: 5, group: 'private', connection: 'private#1', instrument: () => undefined, nextId: () => 1 }
const events = (raw: string) => {
  const frame = decode(raw)
  if (E.isLeft(frame)) throw frame.left
  const [m] = createInterpreter(createKucoinSymbols())(frame.right, ctx)
  if (m?.type !== 'data') throw new Error('expected data')
  return m.events
}

const order = (data: string) =>
  `{"type":"message","topic":"/spotMarket/tradeOrdersV2","subject":"orderChange","userId":"633559791e1cbc0001f319bc","channelType":"private","data":${data}}`

describe('order changes', () => {
  it('maps an open order, normalising orderTime in ms and ts in ns', () => {
    const raw = order(
      '{"canceledSize":"0","clientOid":"5c52e11203aa677f33e493fb","filledSize":"0","orderId":"6720ecd9ec71f4000747731a","orderTime":1730211033305,"orderType":"limit","originSize":"0.00001","price":"50000","remainSize":"0.00001","side":"buy","size":"0.00001","status":"open","symbol":"BTC-USDT","ts":1730211033335000000,"type":"open"}',
    )
    expect(events(raw)).toEqual([
      {
        kind: 'order', venue: 'kucoin', symbol: 'BTC/USDT', ts: 1730211033335, receivedAt: 5, id: '6720ecd9ec71f4000747731a',
        side: 'buy', type: 'limit', status: 'open', size: 0.00001, filledSize: 0, venueStatus: 'open',
        clientId: '5c52e11203aa677f33e493fb', price: 50000,
      },
    ])
  })

  it('maps a match to the order and a fill', () => {
    const raw = order(
      '{"symbol":"KCS-USDT","orderType":"limit","side":"sell","orderId":"5efab07953bdea00089965fa","liquidity":"taker","type":"match","feeType":"takerFee","orderTime":1593487482038606180,"size":"0.1","filledSize":"0.1","price":"0.938","matchPrice":"0.96738","matchSize":"0.1","tradeId":"5efab07a4ee4c7000a82d6d9","clientOid":"1593487481000313","remainSize":"0","status":"match","originSize":"0.1","ts":1593487482038606180}',
    )
    expect(events(raw)).toEqual([
      expect.objectContaining({ kind: 'order', status: 'filled', filledSize: 0.1, ts: 1593487482038 }),
      {
        kind: 'fill', venue: 'kucoin', symbol: 'KCS/USDT', ts: 1593487482038, receivedAt: 5, id: '5efab07a4ee4c7000a82d6d9',
        orderId: '5efab07953bdea00089965fa', side: 'sell', price: 0.96738, size: 0.1, clientOrderId: '1593487481000313', liquidity: 'taker',
      },
    ])
  })

  it.each([
    ['received', 'new', '0', '1', 'open'],
    ['match', 'match', '0.4', '0.6', 'partially_filled'],
    ['canceled', 'done', '0', '0', 'canceled'],
    ['filled', 'done', '1', '0', 'filled'],
    ['update', 'open', '0.2', '0.5', 'partially_filled'],
  ])('maps event %s (status %s) to the unified status', (type, status, filled, remain, expected) => {
    const raw = order(`{"symbol":"BTC-USDT","orderId":"o1","side":"buy","type":"${type}","status":"${status}","filledSize":"${filled}","remainSize":"${remain}","ts":1730211033335000000}`)
    expect(events(raw)).toMatchObject([{ kind: 'order', status: expected }])
  })
})

describe('balances', () => {
  it('maps a balance change to the absolute balance of the currency', () => {
    const raw =
      '{"topic":"/account/balance","type":"message","subject":"account.balance","id":"354689988084000","userId":"633559791e1cbc0001f319bc","channelType":"private","data":{"accountId":"548674591753","currency":"USDT","total":"21.133773386762","available":"20.132773386762","hold":"1.001","availableChange":"-0.5005","holdChange":"0.5005","relationContext":{"symbol":"BTC-USDT","orderId":"6721d0632db25b0007071fdc"},"relationEvent":"trade.hold","relationEventId":"354689988084000","time":"1730269283892"}}'
    expect(events(raw)).toEqual([
      {
        kind: 'balance', venue: 'kucoin', symbol: 'USDT', currency: 'USDT', ts: 1730269283892, receivedAt: 5,
        total: 21.133773386762, free: 20.132773386762, used: 1.001,
      },
    ])
  })
})
