import { argOf, intervalOf, okxBar, topicOf } from './topics'

describe('topics', () => {
  it('keys market data by channel and instrument', () => {
    expect(topicOf({ channel: 'books', instId: 'BTC-USDT' })).toBe('books:BTC-USDT')
  })

  it('keys account channels by channel alone, whatever the arg echoes', () => {
    expect(topicOf({ channel: 'orders', instId: 'BTC-USDT' })).toBe('orders')
  })

  it.each([
    ['tickers:BTC-USDT', { channel: 'tickers', instId: 'BTC-USDT' }],
    ['orders', { channel: 'orders', instType: 'ANY' }],
    ['positions', { channel: 'positions', instType: 'ANY' }],
    ['account', { channel: 'account' }],
  ])('turns topic %s back into its subscribe arg', (topic, arg) => {
    expect(argOf(topic)).toEqual(arg)
  })
})

describe('candle bars', () => {
  it.each([
    ['1s', '1s'],
    ['1m', '1m'],
    ['15m', '15m'],
    ['1h', '1H'],
    ['4h', '4H'],
    ['1d', '1D'],
    ['1w', '1W'],
    ['1M', '1M'],
    ['6Hutc', '6Hutc'],
  ])('maps interval %s to OKX bar %s', (interval, bar) => {
    expect(okxBar(interval)).toBe(bar)
  })

  it('refuses an interval it cannot express', () => {
    expect(okxBar('fortnight')).toBeUndefined()
  })

  it.each([
    ['1H', '1h'],
    ['1D', '1d'],
    ['1W', '1w'],
    ['1M', '1M'],
    ['3m', '3m'],
    ['1Dutc', '1Dutc'],
  ])('maps OKX bar %s back to %s', (bar, interval) => {
    expect(intervalOf(bar)).toBe(interval)
  })
})
