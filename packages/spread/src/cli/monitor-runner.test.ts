import { concat, NEVER, of, throwError } from 'rxjs'
import { silentLogger } from '@tributary/core'
import { feeTable } from '../fees'
import { strictQuotes } from '../quote-map'
import type { MarketSource } from '../sources'
import { book, connection } from '../__tests__/fixtures'
import { memoryIo } from '../__tests__/memory-io'
import { runMonitor, type MonitorRun } from './monitor-runner'

const now = Date.now()
const source = (venue: string, symbol: string, bid: number, ask: number): MarketSource => ({
  venue,
  book: (s) => (s === symbol ? concat(of(book(venue, symbol, [[bid, 1]], [[ask, 1]], { receivedAt: now })), NEVER) : NEVER),
  quotes: () => NEVER,
  status$: concat(of(connection(venue, 'public#1', 'open')), NEVER),
})

const run = (overrides: Partial<MonitorRun> = {}): MonitorRun => ({
  sources: [source('okx', 'BTC/USDT', 99, 100), source('kucoin', 'BTC/USDT', 101, 102)],
  markets: [
    { venue: 'okx', symbol: 'BTC/USDT' },
    { venue: 'kucoin', symbol: 'BTC/USDT' },
  ],
  via: 'book',
  fees: feeTable({}),
  quotes: strictQuotes,
  maxAgeMs: 60_000,
  minEdgeBps: 0,
  json: true,
  durationMs: 60,
  intervalMs: 10,
  logger: silentLogger,
  ...overrides,
})

describe('runMonitor', () => {
  it('writes JSON lines with the best opportunity and stops after the duration with code 0', async () => {
    const { io, stdout } = memoryIo()
    expect(await runMonitor(run({ label: 'SIMULATED DATA' }), io)).toBe(0)
    const last = JSON.parse(stdout().trim().split('\n').at(-1) ?? '{}') as { label: string; best: { buy: { venue: string }; sell: { venue: string }; grossBps: number } }
    expect([last.label, last.best.buy.venue, last.best.sell.venue, last.best.grossBps]).toEqual(['SIMULATED DATA', 'okx', 'kucoin', 100])
  })

  it('stops with code 0 when the signal aborts', async () => {
    const controller = new AbortController()
    const { io } = memoryIo({}, controller.signal)
    const done = runMonitor(run({ durationMs: 0 }), io)
    controller.abort()
    expect(await done).toBe(0)
  })

  it('flags a market whose stream fails and goes on with the others', async () => {
    const failing: MarketSource = { ...source('kucoin', 'BTC/USDT', 101, 102), book: () => throwError(() => new Error('kucoin: rejected')) }
    const { io, stdout } = memoryIo()
    await runMonitor(run({ sources: [source('okx', 'BTC/USDT', 99, 100), failing] }), io)
    const last = JSON.parse(stdout().trim().split('\n').at(-1) ?? '{}') as { markets: { venue: string; flags: string[]; failure?: string }[] }
    expect(last.markets.map((m) => [m.venue, m.flags, m.failure])).toEqual([
      ['okx', [], undefined],
      ['kucoin', ['no-quote', 'stream-failed'], 'kucoin: rejected'],
    ])
  })
})
