import { SyntheticMarket } from '@tributary/testkit'
import type { Quote, Ticker } from '@tributary/core'
import { autoCleanup, collect, startKucoin, startWeex, until, weexMarket, type Collected } from './support'

// Fault matrix, limit rows: more subscriptions than one connection (or one request) may carry are spread over
// requests and connections within the venue's caps, so the venue never refuses one for exceeding them.

autoCleanup()

const allStreaming = (streams: readonly Collected<unknown>[]): boolean => streams.every((s) => s.values.length > 0)

describe('subscription caps exceeded → sharded', () => {
  it('weex: 101 channels go over two connections (100 per connection), and every one streams', async () => {
    const instruments = Array.from({ length: 101 }, (_, i) => ({ id: `C${i}USDT`, symbol: `C${i}/USDT:USDT`, tickSize: 0.01, lotSize: 0.01 }))
    const rig = await startWeex({ sim: { instruments, market: weexMarket(instruments), tickMs: 100 } })
    const tickers = instruments.map((i) => collect<Ticker>(rig.feed.ticker(i.symbol)))
    await until(() => allStreaming(tickers), 10_000)
    const channels = (i: number) => rig.subscribes(i).flatMap((f) => (JSON.parse(f) as { params: string[] }).params)
    const refusals = rig.sim.connections.flatMap((c) => c.sent).filter((f) => f.includes('"result":false'))
    expect({ connections: rig.sim.connections.length, perConnection: [channels(0).length, channels(1).length], refusals }).toEqual({
      connections: 2, perConnection: [100, 1], refusals: [],
    })
  })

  it('kucoin: 310 channels are batched 100 per request and 300 per connection, and every one streams', async () => {
    const symbols = Array.from({ length: 310 }, (_, i) => ({ symbol: `C${i}/USDT`, mid: 10 + i, tickSize: 0.01, lotSize: 0.01 }))
    const rig = await startKucoin({ sim: { market: new SyntheticMarket({ seed: 9, instruments: symbols }), pushIntervalMs: 200 } })
    const quotes = symbols.map((s) => collect<Quote>(rig.feed.quotes(s.symbol)))
    await until(() => allStreaming(quotes), 10_000)
    const sizes = [0, 1].map((i) => rig.subscribes(i).map((f) => (JSON.parse(f) as { topic: string }).topic.split(':')[1]?.split(',').length))
    const refusals = rig.sim.connections.flatMap((c) => c.sent).filter((f) => f.includes('"type":"error"'))
    expect({ sizes, refusals, errors: quotes.filter((q) => q.error !== undefined).length }).toEqual({ sizes: [[100, 100, 100], [10]], refusals: [], errors: 0 })
  })
})
