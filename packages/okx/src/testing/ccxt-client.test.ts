import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DEFAULT_ACCOUNT } from './sim-state'
import { startOkxSimulator, type OkxSimulator } from './simulator'

const run = promisify(execFile)

interface Watched {
  readonly ticker: { bid: number; ask: number; last: number }
  readonly book: { bid: [number, number] | null; ask: [number, number] | null; bids: number; asks: number }
  readonly trades: readonly { id: string; price: number; amount: number; side: string }[]
}

/** ccxt Pro (4.5.84), an independent OKX client, run in a child process against the simulator. */
describe('ccxt Pro against the OKX simulator', () => {
  let okx: OkxSimulator
  let watched: Record<string, Watched>

  beforeAll(async () => {
    okx = await startOkxSimulator({ tickMs: 20 })
    const script = join(__dirname, '..', '..', 'scripts', 'ccxt-okx.mjs')
    const { stdout } = await run(process.execPath, [script, 'watch', okx.wsBase, 'BTC/USDT'], { timeout: 20_000 })
    watched = JSON.parse(stdout) as Record<string, Watched>
  })
  afterAll(async () => {
    await okx.close()
  })

  it('resolves watchTicker with a bid below the ask', () => {
    const t = watched['BTC/USDT']?.ticker
    expect(t !== undefined && t.bid > 0 && t.bid < t.ask).toBe(true)
  })

  it('resolves watchOrderBook with a book of both sides, uncrossed', () => {
    const b = watched['BTC/USDT']?.book
    expect(b !== undefined && b.bids > 0 && b.asks > 0 && b.bid !== null && b.ask !== null && b.bid[0] < b.ask[0]).toBe(true)
  })

  it('resolves watchTrades with trades of a side and a positive size', () => {
    const trades = watched['BTC/USDT']?.trades ?? []
    expect(trades.length > 0 && trades.every((t) => (t.side === 'buy' || t.side === 'sell') && t.amount > 0)).toBe(true)
  })

  it('subscribed to tickers, books and trades on the public socket', () => {
    const frames = okx.sim.connections.filter((c) => c.path === '/ws/v5/public').flatMap((c) => c.received)
    expect(['tickers', 'books', 'trades'].filter((ch) => !frames.some((f) => f.includes(`"channel":"${ch}"`)))).toEqual([])
  })
})

describe('ccxt Pro private streams against the OKX simulator', () => {
  let okx: OkxSimulator
  let result: { balance: { usdt: { total: number } | null }; placed: { id: string }; orders: { id: string; status: string; filled: number; side: string }[] }

  beforeAll(async () => {
    okx = await startOkxSimulator({ tickMs: 0 })
    const script = join(__dirname, '..', '..', 'scripts', 'ccxt-okx.mjs')
    const { apiKey, secret, passphrase } = DEFAULT_ACCOUNT
    const { stdout } = await run(process.execPath, [script, 'private', okx.wsBase, apiKey, secret, passphrase], { timeout: 20_000 })
    result = JSON.parse(stdout) as typeof result
  })
  afterAll(async () => {
    await okx.close()
  })

  it('logs in with its own signature and resolves watchBalance from the account snapshot', () => {
    expect(result.balance.usdt?.total).toBe(100_000)
  })

  it('places an order over the socket (createOrderWs) and sees it filled on watchOrders', () => {
    expect(result.orders).toEqual([{ id: result.placed.id, status: 'closed', filled: 0.01, side: 'buy' }])
  })
})
