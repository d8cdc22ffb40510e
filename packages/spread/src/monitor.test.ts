import { map } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { feeTable } from './fees'
import { applyInput, createBoard, type MarketInput, type MarketRef } from './market'
import { evaluate, spreadMonitor, type MonitorView } from './monitor'
import { createQuoteMap } from './quote-map'
import { book, connection } from './__tests__/fixtures'

const markets: readonly MarketRef[] = [
  { venue: 'okx', symbol: 'BTC/USDT:USDT' },
  { venue: 'kucoin', symbol: 'BTC/USDC' },
  { venue: 'weex', symbol: 'BTC/USDT:USDT' },
]
const inputs: readonly MarketInput[] = [
  book('okx', 'BTC/USDT:USDT', [[99.5, 4]], [[100, 2]]),
  book('kucoin', 'BTC/USDC', [[101, 1.5]], [[101.5, 3]]),
  book('weex', 'BTC/USDT:USDT', [[100.2, 1]], [[100.4, 1]]),
]
const board = inputs.reduce(applyInput, createBoard(markets))

describe('evaluate', () => {
  it('compares USDC and USDT markets only when the quote map joins them', () => {
    const strict = evaluate(board, { now: 1_000 })
    const joined = evaluate(board, { now: 1_000, quotes: createQuoteMap([['USDT', 'USDC']]) })
    expect([strict.instruments.map((i) => i.instrument), joined.instruments.map((i) => i.instrument)]).toEqual([['BTC/USDT', 'BTC/USDC'], ['BTC/USDT']])
  })

  it('computes every ordered pair of an instrument', () => {
    const view = evaluate(board, { now: 1_000, quotes: createQuoteMap([['USDT', 'USDC']]) })
    expect(view.spreads.map((s) => `${s.buy.venue}>${s.sell.venue}`)).toEqual(['okx>kucoin', 'okx>weex', 'kucoin>okx', 'kucoin>weex', 'weex>okx', 'weex>kucoin'])
  })

  it('names the spread with the highest net edge as the best', () => {
    const view = evaluate(board, { now: 1_000, quotes: createQuoteMap([['USDT', 'USDC']]), fees: feeTable({ '*': 5 }) })
    expect(view.best && [view.best.buy.venue, view.best.sell.venue, view.best.netBps]).toEqual(['okx', 'kucoin', expect.closeTo(89.95, 9)])
  })

  it('names no best spread when none reaches the minimum edge, but keeps the leading one', () => {
    const view = evaluate(board, { now: 1_000, quotes: createQuoteMap([['USDT', 'USDC']]), minEdgeBps: 101 })
    expect([view.best, view.leading?.netBps]).toEqual([undefined, 100])
  })

  it('never names a spread with a stale leg as the best', () => {
    const view = evaluate(board, { now: 10_000, maxAgeMs: 5_000, quotes: createQuoteMap([['USDT', 'USDC']]) })
    expect([view.best, view.spreads.every((s) => !s.usable)]).toEqual([undefined, true])
  })

  it("reports each venue's connections and counters", () => {
    const withConnections = [connection('okx', 'public#1', 'reconnecting'), connection('okx', 'public#1', 'open')].reduce(applyInput, board)
    expect(evaluate(withConnections, { now: 1_000 }).venues[0]).toEqual({ venue: 'okx', connections: { 'public#1': 'open' }, reconnects: 1, resyncs: 0 })
  })
})

describe('spreadMonitor', () => {
  const scheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b))
  const edge = (v: MonitorView) => (v.best === undefined ? '-' : v.best.netBps.toFixed(0))

  it('emits on every input and every tick, and drops a spread once a leg grows old', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold<MarketInput>('a-b 4ms |', {
        a: book('okx', 'BTC/USDT:USDT', [[99.5, 4]], [[100, 2]], { receivedAt: 0 }),
        b: book('weex', 'BTC/USDT:USDT', [[101, 1]], [[102, 1]], { receivedAt: 2 }),
      })
      const monitor = source.pipe(spreadMonitor({ markets, maxAgeMs: 4, tickMs: 3 }), map(edge))
      expectObservable(monitor).toBe('a-bc--d|', { a: '-', b: '100', c: '100', d: '-' })
    })
  })

  it('passes a source error on', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const monitor = cold<MarketInput>('-#').pipe(spreadMonitor({ markets, tickMs: 5 }), map(edge))
      expectObservable(monitor).toBe('-#')
    })
  })
})
