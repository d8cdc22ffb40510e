import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { startSimulator, SyntheticMarket, type Simulator } from '@tributary/testkit'
import { kucoinSimulator } from './simulator'

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'ccxt-kucoin.mjs')
const credentials = { apiKey: 'ccxt-key-1', secret: 'ccxt-secret-1', passphrase: 'ccxt-pass-1' }

/** Runs ccxt Pro's kucoin client in its own process against the simulator (Jest cannot load ccxt's ESM dependencies). */
const ccxtWatch = (sim: Simulator, method: string, count = 1, signed = false): Promise<unknown[]> =>
  new Promise((resolve, reject) => {
    const keys = signed ? [credentials.apiKey, credentials.secret, credentials.passphrase] : []
    execFile(process.execPath, [SCRIPT, 'watch', sim.httpBase, method, String(count), ...keys], { timeout: 25_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${method}: ${stderr || error.message}`))
      else resolve(JSON.parse(stdout) as unknown[])
    })
  })

describe('ccxt Pro kucoin against the simulator', () => {
  jest.setTimeout(30_000)
  let sim: Simulator
  beforeAll(async () => {
    const market = new SyntheticMarket({ seed: 5, instruments: [{ symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001 }] })
    sim = await startSimulator(kucoinSimulator({ market, credentials, pushIntervalMs: 50 }))
  })
  afterAll(() => sim.close())

  it('resolves watchTicker with the simulated best bid and ask around the mid', async () => {
    const [ticker] = (await ccxtWatch(sim, 'watchTicker')) as { bid: number; ask: number; last: number }[]
    expect(ticker?.bid).toBeLessThan(ticker?.ask ?? 0)
    expect(ticker?.last).toBeCloseTo(65_000, -3)
  })

  it('resolves watchOrderBook by syncing its signed full snapshot with the level2 stream', async () => {
    const books = (await ccxtWatch(sim, 'watchOrderBook', 3, true)) as { bid: [number, number]; ask: [number, number]; nonce: number }[]
    expect(books.every((b) => b.bid[0] < b.ask[0])).toBe(true)
    expect(books.map((b) => b.nonce)).toEqual([...books.map((b) => b.nonce)].sort((a, b) => a - b))
    expect(sim.httpRequests.some((r) => r.path === '/api/v3/market/orderbook/level2' && r.query.get('symbol') === 'BTC-USDT')).toBe(true)
  })

  it('resolves watchTrades with trades at simulated prices', async () => {
    const [trades] = (await ccxtWatch(sim, 'watchTrades', 1)) as { price: number; side: string }[][]
    expect(trades?.length).toBeGreaterThan(0)
    expect(trades?.every((t) => Math.abs(t.price - 65_000) < 1_000 && (t.side === 'buy' || t.side === 'sell'))).toBe(true)
  })

  it('fetched a bullet token over REST before every socket it opened', () => {
    const bullets = sim.httpRequests.filter((r) => r.path === '/api/v1/bullet-public').length
    expect(bullets).toBeGreaterThanOrEqual(sim.connections.length)
  })
})
