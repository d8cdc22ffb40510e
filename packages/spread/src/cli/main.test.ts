import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixturePath } from '@tributary/testkit'
import { memoryIo } from '../__tests__/memory-io'
import { main } from './main'

const WEEX = fixturePath('weex/weex-contract-v3-2026-09-06-btcusdt-depth-ticker-kline.jsonl')

describe('main', () => {
  it('prints usage and exits 0 on --help', async () => {
    const { io, stdout } = memoryIo()
    expect(await main(['--help'], io)).toBe(0)
    expect(stdout()).toContain('Usage: tributary <command>')
  })

  it('exits 2 with a clear message on bad usage', async () => {
    const { io, stderr } = memoryIo()
    expect(await main(['spread', 'BTC/USDT', '--venues', 'ftx'], io)).toBe(2)
    expect(stderr()).toBe("tributary: --venues: unknown venue ftx; known: okx, kucoin, weex\nRun 'tributary --help' for usage.\n")
  })

  it('exits 2 when no chosen venue serves the symbols, before connecting anywhere', async () => {
    const { io, stderr } = memoryIo()
    expect(await main(['spread', 'BTC/USDT:USDT', '--venues', 'kucoin'], io)).toBe(2)
    expect(stderr()).toMatch(/none of kucoin serves BTC\/USDT:USDT/)
  })

  it('exits 2 when an endpoint is given that the venue does not have', async () => {
    const { io, stderr } = memoryIo()
    expect(await main(['spread', 'BTC/USDT', '--venues', 'kucoin', '--url', 'kucoin=ws://127.0.0.1:1/x'], io)).toBe(2)
    expect(stderr()).toMatch(/kucoin has no public endpoint to override; it has: rest/)
  })

  it('exits 1 when the capture cannot be read', async () => {
    const { io, stderr } = memoryIo()
    expect(await main(['replay', '/nonexistent/capture.jsonl'], io)).toBe(1)
    expect(stderr()).toMatch(/cannot read \/nonexistent\/capture.jsonl/)
  })

  it('replays a recorded capture, inferring its venue, with live books as JSON lines', async () => {
    const { io, stdout } = memoryIo()
    expect(await main(['replay', WEEX, '--summary', join(mkdtempSync(join(tmpdir(), 'tributary-')), 's.json')], io)).toBe(0)
    const books = stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; venue: string; symbol: string; bids: unknown[]; asks: unknown[] })
      .filter((e) => e.kind === 'book')
    expect([books.length > 0, books.every((b) => b.venue === 'weex' && b.symbol === 'BTC/USDT:USDT' && b.bids.length === 1 && b.asks.length === 1)]).toEqual([true, true])
  })

  it('writes the replay summary with frame, decode and book integrity counts', async () => {
    const { io } = memoryIo()
    const path = join(mkdtempSync(join(tmpdir(), 'tributary-')), 'summary.json')
    await main(['replay', WEEX, '--venue', 'weex', '--summary', path], io)
    const summary = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    expect(summary).toMatchObject({ venue: 'weex', frames: 76, decodeErrors: 0, books: { symbols: ['BTC/USDT:USDT'], live: 1, sequenceGaps: 0 } })
  })

  it('writes the same output on every run', async () => {
    const runs = await Promise.all(
      [1, 2].map(async () => {
        const { io, stdout, stderr } = memoryIo()
        await main(['replay', WEEX], io)
        return stdout() + stderr()
      }),
    )
    expect(runs[0]).toBe(runs[1])
  })

  it('takes instrument lists from another capture when the replayed one has none', async () => {
    const { io, stdout } = memoryIo()
    const samples = fixturePath('okx/okx-v5-samples-2022-crypto-msg-parser.jsonl')
    const code = await main(['replay', samples, '--venue', 'okx', '--instruments', fixturePath('okx/okx-v5-2022-02-27-books-l2-tbt.jsonl'), '--summary', join(mkdtempSync(join(tmpdir(), 'tributary-')), 's.json')], io)
    const symbols = stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; symbol: string })
      .filter((e) => e.kind === 'book')
      .map((e) => e.symbol)
    expect([code, symbols]).toEqual([0, expect.arrayContaining(['BTC/USDT', 'BTC/USDT:USDT', 'BTC/USD:BTC'])])
  })

  it('exits 2 when the venue of a capture cannot be told', async () => {
    const { io, stderr } = memoryIo()
    expect(await main(['replay', fixturePath('okx/okx-v5-samples-2022-crypto-msg-parser.jsonl')], io)).toBe(2)
    expect(stderr()).toMatch(/pass --venue/)
  })
})
