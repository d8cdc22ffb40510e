import * as E from 'fp-ts/Either'
import { feeTable, parseFees } from './fees'

describe('feeTable', () => {
  const fees = feeTable({ okx: 5, 'okx:spot': 10, 'okx:ETH/USDT': 8, '*': 20 })

  it.each([
    ['okx', 'BTC/USDT:USDT', 5],
    ['okx', 'BTC/USDT', 10],
    ['okx', 'ETH/USDT', 8],
    ['kucoin', 'BTC/USDT', 20],
  ])('charges %s %s the most specific fee (%d bps)', (venue, symbol, bps) => {
    expect(fees(venue, symbol)).toBe(bps)
  })

  it('charges nothing when no entry matches', () => {
    expect(feeTable({ okx: 5 })('weex', 'BTC/USDT:USDT')).toBe(0)
  })
})

describe('parseFees', () => {
  it('reads venue, kind and symbol entries, rebates included', () => {
    expect(parseFees('okx=5, okx:spot=10,okx:BTC/USDT:USDT=4,weex=-1')).toEqual(E.right({ okx: 5, 'okx:spot': 10, 'okx:BTC/USDT:USDT': 4, weex: -1 }))
  })

  it.each(['okx', 'okx=', '=5', 'okx=five'])('names the bad entry %j', (text) => {
    const parsed = parseFees(text)
    expect(E.isLeft(parsed) && parsed.left).toContain(JSON.stringify(text))
  })
})
