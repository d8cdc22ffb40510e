import { describeExample, exampleView } from './offline-spread'

describe('the offline spread example', () => {
  it('finds the OKX to KuCoin spread net of fees, rounded to whole contracts, and leaves the stale Weex quote out', () => {
    expect(describeExample(exampleView())).toEqual([
      'consolidated BTC/USDT: best bid 65120 on kucoin, best ask 65000 on okx',
      'excluded weex BTC/USDT:USDT: quote-stale',
      'best: buy okx @ 65000, sell kucoin @ 65120: gross 18.46 bps, net 3.44 bps, size 0.53 BTC (53 contracts on okx)',
    ])
  })
})
