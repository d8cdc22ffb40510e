import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { startSimulator, type Simulator } from '@tributary/testkit'
import { weexScript } from './simulator'

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'ccxt-weex.mjs')

/** Runs ccxt Pro's weex client in its own process against the simulator (Jest cannot load ccxt's ESM dependencies). */
const ccxtWatch = (sim: Simulator, method: string, count = 1): Promise<unknown[]> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [SCRIPT, 'watch', sim.wsBase, method, String(count)], { timeout: 12_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${method}: ${stderr || error.message}`))
      else resolve(JSON.parse(stdout) as unknown[])
    })
  })

describe('ccxt Pro weex against the simulator', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator(weexScript({ tickMs: 50 }))
  })
  afterAll(() => sim.close())

  it('resolves watchTicker with the simulated last price and mark', async () => {
    const [ticker] = (await ccxtWatch(sim, 'watchTicker')) as { last: number; markPrice: number }[]
    expect([ticker?.last, ticker?.markPrice]).toEqual([expect.closeTo(65_000, -3), expect.closeTo(65_000, -3)])
  })

  it('resolves watchOrderBook with an uncrossed book', async () => {
    const books = (await ccxtWatch(sim, 'watchOrderBook', 3)) as { bid: [number, number]; ask: [number, number] }[]
    expect(books.every((b) => b.bid[0] < b.ask[0])).toBe(true)
  })

  it('resolves watchTrades with trades at simulated prices', async () => {
    const [trades] = (await ccxtWatch(sim, 'watchTrades', 1)) as { price: number; side: string }[][]
    expect(trades?.length).toBeGreaterThan(0)
    expect(trades?.every((t) => Math.abs(t.price - 65_000) < 1_000 && (t.side === 'buy' || t.side === 'sell'))).toBe(true)
  })
})
