import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '@tributary/core'
import { waitFor } from '@tributary/testkit'
import { demoMarket } from '../simulation/market'
import { startVenues, type RunningVenue } from '../simulation/serve'
import { venueEntry } from '../venues'
import { memoryIo } from '../__tests__/memory-io'
import { main } from './main'
import { endpointFlags } from './simulate'

/** End to end over loopback: the Weex simulator, the real Weex adapter and the CLI commands. */
describe('CLI commands against a loopback simulator', () => {
  let running: readonly RunningVenue[] = []
  const weex = venueEntry('weex')
  beforeAll(async () => {
    if (weex === undefined) throw new Error('weex is not listed')
    running = await startVenues([weex], demoMarket(3), { port: 0, logger: silentLogger })
  })
  afterAll(async () => {
    await Promise.all(running.map((r) => r.sim.close()))
  })

  const flags = () => endpointFlags(running).split(' ')

  it('spread writes JSON lines with the live books of the simulated venue, until stopped', async () => {
    const controller = new AbortController()
    const { io, stdout } = memoryIo({}, controller.signal)
    const done = main(['spread', 'BTC/USDT:USDT', 'ETH/USDT:USDT', '--venues', 'weex', '--json', ...flags()], io)
    const live = () => stdout().split('\n').some((l) => l.includes('"book":"live"') && l.includes('ETH/USDT:USDT'))
    await waitFor(live, 5_000)
    controller.abort()
    expect(await done).toBe(0)
    const last = JSON.parse(stdout().trim().split('\n').at(-1) ?? '{}') as { markets: { venue: string; symbol: string; book: string; connection: string }[] }
    expect(last.markets.map((m) => [m.venue, m.symbol, m.book, m.connection])).toEqual([
      ['weex', 'BTC/USDT:USDT', 'live', 'open'],
      ['weex', 'ETH/USDT:USDT', 'live', 'open'],
    ])
  })

  it('record writes a capture that replay turns back into the same live books', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-record-'))
    const capture = join(dir, 'weex.jsonl')
    const controller = new AbortController()
    const { io } = memoryIo({}, controller.signal)
    const done = main(['record', '--venue', 'weex', '--channels', 'book,trades', '--symbols', 'BTC/USDT:USDT', '--out', capture, ...flags()], io)
    await waitFor(() => readFileSyncSafe(capture).split('\n').filter((l) => l.includes('"dir":"in"')).length >= 5, 5_000)
    controller.abort()
    expect(await done).toBe(0)
    const replay = memoryIo()
    const summaryPath = join(dir, 'summary.json')
    expect(await main(['replay', capture, '--venue', 'weex', '--summary', summaryPath], replay.io)).toBe(0)
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as { decodeErrors: number; books: { symbols: string[]; live: number; sequenceGaps: number } }
    expect(summary).toMatchObject({ decodeErrors: 0, books: { symbols: ['BTC/USDT:USDT'], live: 1, sequenceGaps: 0 } })
    expect(replay.stdout()).toContain('"kind":"book"')
  })
})

describe('demo', () => {
  it('connects the real adapters to every simulated venue and labels its output as simulated', async () => {
    const controller = new AbortController()
    const { io, stdout } = memoryIo({}, controller.signal)
    const done = main(['demo', '--duration', '0', '--json', '--no-faults', '--log-level', 'silent'], io)
    type Line = { label: string; markets: { venue: string; book?: string }[] }
    const lines = (): Line[] => stdout().trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line)
    const allLive = () => lines().some((l) => l.markets.length > 0 && l.markets.every((m) => m.book === 'live'))
    await waitFor(allLive, 10_000)
    controller.abort()
    expect(await done).toBe(0)
    const live = lines().find((l) => l.markets.every((m) => m.book === 'live'))
    expect([live?.label, [...new Set(live?.markets.map((m) => m.venue))]]).toEqual(['SIMULATED DATA: loopback simulators, synthetic market', ['okx', 'kucoin', 'weex']])
  })
})

describe('simulate', () => {
  it('serves the simulated venues, prints their URLs and stops cleanly on Ctrl-C', async () => {
    const controller = new AbortController()
    const { io, stdout } = memoryIo({}, controller.signal)
    const done = main(['simulate', '--venues', 'weex,kucoin'], io)
    await waitFor(() => stdout().includes('Connect with:'), 5_000)
    controller.abort()
    expect(await done).toBe(0)
    expect(stdout()).toMatch(/weex +ws:\/\/127\.0\.0\.1:\d+ +symbols BTC\/USDT:USDT, ETH\/USDT:USDT/)
    expect(stdout()).toMatch(/--rest kucoin=http:\/\/127\.0\.0\.1:\d+/)
  })
})

const readFileSyncSafe = (path: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw e
  }
}
