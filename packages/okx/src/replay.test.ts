import * as E from 'fp-ts/Either'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { createBookMachine, type BookMachine, type Instrument, type OrderBook, type VenueChannel } from '@tributary/core'
import { fixturePath, readCapture, type CaptureLine } from '@tributary/testkit'
import { createOkx } from './adapter'
import { decodeOkx } from './decode'
import { parseInstruments } from './instruments'
import { interpret } from './mappers'
import { testContext } from './__tests__/support'

/** Recorded captures and their book frames (all with a non-zero checksum: they predate OKX's deprecation). */
const BOOK_FILES: readonly [string, number][] = [
  ['okx/okx-v5-2021-07-22-books-l2-tbt-3conn.jsonl', 2955],
  ['okx/okx-v5-2022-02-27-books-l2-tbt.jsonl', 3679],
]
const decode = decodeOkx
const rules = createOkx().spec.books
if (rules === undefined) throw new Error('okx has book rules')

const instrumentsOf = (lines: readonly CaptureLine[]): readonly Instrument[] =>
  lines.filter((l) => l.dir === 'http').flatMap((l) => E.getOrElseW(() => ({ instruments: [] }))(parseInstruments(l.data)).instruments)

/** A reference book written independently of the adapter: price string → size string, straight from the JSON. */
class NaiveBook {
  readonly bids = new Map<string, string>()
  readonly asks = new Map<string, string>()
  apply(data: { bids: string[][]; asks: string[][] }, snapshot: boolean): void {
    if (snapshot) {
      this.bids.clear()
      this.asks.clear()
    }
    for (const [side, levels] of [[this.bids, data.bids], [this.asks, data.asks]] as const) {
      for (const [px, sz] of levels) {
        if (px === undefined || sz === undefined) continue
        if (Number(sz) === 0) side.delete(px)
        else side.set(px, sz)
      }
    }
  }
  best(side: 'bids' | 'asks'): [number, number] | undefined {
    let best: [number, number] | undefined
    for (const [px, sz] of this[side]) {
      const p = Number(px)
      if (best === undefined || (side === 'bids' ? p > best[0] : p < best[0])) best = [p, Number(sz)]
    }
    return best
  }
}

/** ccxt Pro's best levels after every book frame, computed in a child process (ccxt is ESM; Jest runs CJS). */
const ccxtTops = (file: string): { line: number; key: string; bid: number[] | null; ask: number[] | null }[] =>
  JSON.parse(execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'ccxt-okx.mjs'), 'replay-book', fixturePath(file)], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 })) as never

const topOf = (book: OrderBook | undefined, side: 'bids' | 'asks') => {
  const level = side === 'bids' ? book?.bestBid : book?.bestAsk
  return level === undefined ? undefined : [level[0], Number(level[3])]
}

describe.each(BOOK_FILES)('replay of %s', (file, expectedBookFrames) => {
  const lines = readCapture(fixturePath(file))
  const instruments = instrumentsOf(lines)
  const ctx = testContext(instruments)

  const machines = new Map<string, BookMachine>()
  const naive = new Map<string, NaiveBook>()
  const tops: { line: number; key: string; bid: number[] | null; ask: number[] | null }[] = []
  let decodeErrors = 0
  let bookFrames = 0
  let nonZeroChecksums = 0
  let issues = 0
  const disagreements: string[] = []

  beforeAll(() => {
    for (const line of lines.filter((l) => l.dir === 'in')) {
      const frame = decode(line.data)
      if (E.isLeft(frame)) {
        decodeErrors++
        continue
      }
      const messages = interpret(frame.right, { ...ctx, connection: line.conn })
      if (frame.right.type !== 'book') continue
      const json = JSON.parse(line.data) as { arg: { channel: string; instId: string }; action: string; data: { bids: string[][]; asks: string[][]; checksum?: number }[] }
      bookFrames++
      if (json.data.some((d) => d.checksum !== undefined && d.checksum !== 0)) nonZeroChecksums++
      const key = `${line.conn} ${json.arg.channel}:${json.arg.instId}`

      const reference = naive.get(key) ?? new NaiveBook()
      naive.set(key, reference)
      for (const d of json.data) reference.apply(d, json.action === 'snapshot')

      for (const message of messages) {
        if (message.type === 'unknown') issues++
        if (message.type !== 'data') continue
        for (const event of message.events) {
          if (event.kind !== 'book-snapshot' && event.kind !== 'book-update') continue
          let machine = machines.get(key)
          if (machine === undefined) {
            const channel: VenueChannel = { key: message.topic, group: 'public', topic: message.topic, request: { kind: 'book', symbol: event.symbol } }
            machine = createBookMachine({ venue: 'okx', symbol: event.symbol, channel, rules, now: () => 0 })
            machines.set(key, machine)
          }
          machine.handle({ type: 'event', event })
          const ours = machine.book
          for (const side of ['bids', 'asks'] as const) {
            const expected = reference.best(side)
            const mine = topOf(ours, side)
            if (JSON.stringify(mine) !== JSON.stringify(expected)) {
              disagreements.push(`${key} line ${line.line} ${side}: ours ${JSON.stringify(mine)} naive ${JSON.stringify(expected)}`)
            }
          }
          tops.push({ line: line.line, key, bid: topOf(ours, 'bids') ?? null, ask: topOf(ours, 'asks') ?? null })
        }
      }
    }
  })

  it('decodes every inbound frame', () => {
    expect(decodeErrors).toBe(0)
  })

  it('maps every book frame without an issue (instrument metadata from the capture)', () => {
    expect([bookFrames > 0, issues]).toEqual([true, 0])
  })

  it('verifies every non-zero checksum, with no mismatch', () => {
    const stats = [...machines.values()].map((m) => m.stats)
    const sum = (k: 'checksumsVerified' | 'checksumMismatches' | 'resyncs') => stats.reduce((n, s) => n + s[k], 0)
    expect({ frames: nonZeroChecksums, verified: sum('checksumsVerified'), mismatches: sum('checksumMismatches'), resyncs: sum('resyncs') }).toEqual({
      frames: expectedBookFrames,
      verified: expectedBookFrames,
      mismatches: 0,
      resyncs: 0,
    })
  })

  it('keeps every book live', () => {
    expect([...machines.values()].filter((m) => m.status !== 'live')).toEqual([])
  })

  it('agrees with a naive reference book on the best bid and ask after every book frame', () => {
    expect([tops.length, disagreements.slice(0, 5)]).toEqual([bookFrames, []])
  })

  it('agrees with ccxt Pro (fed the same frames) on the best bid and ask after every book frame', () => {
    expect(tops).toEqual(ccxtTops(file))
  })
})

describe('replay of okx/okx-v5-samples-2022-crypto-msg-parser.jsonl', () => {
  const lines = readCapture(fixturePath('okx/okx-v5-samples-2022-crypto-msg-parser.jsonl'))
  const instruments = instrumentsOf(readCapture(fixturePath('okx/okx-v5-2022-02-27-books-l2-tbt.jsonl')))

  it('decodes every inbound frame', () => {
    expect(lines.filter((l) => l.dir === 'in' && E.isLeft(decode(l.data))).map((l) => l.line)).toEqual([])
  })

  it('maps every frame to data for its topic', () => {
    const kinds = lines.flatMap((l) => E.getOrElseW(() => [])(E.map((f: Parameters<typeof interpret>[0]) => interpret(f, testContext(instruments)))(decode(l.data))).map((m) => m.type))
    expect(new Set(kinds)).toEqual(new Set(['data']))
  })
})
