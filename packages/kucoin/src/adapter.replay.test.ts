import { execFile } from 'node:child_process'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import {
  createBookMachine,

  type BookMachine,
  type BookUpdate,
  type FeedEvent,
  type InterpretContext,
  type VenueChannel,
  type VenueMessage,
} from '@tributary/core'
import { fixturePath, readCapture } from '@tributary/testkit'
import { createKucoin } from './adapter'
import { KucoinSymbolList, toInstruments } from './instruments'
import { KucoinRestBook, toRestSnapshot } from './snapshot'
import { createKucoinSymbols } from './symbols'

const CAPTURE = 'kucoin/kucoin-spot-2021-04-25-l2-ticker-match-candles.jsonl'
const SAMPLES = 'kucoin/kucoin-spot-samples-2021-2022-crypto-msg-parser.jsonl'
const venue = createKucoin({ credentials: { apiKey: 'replay-key', secret: 'replay-secret', passphrase: 'replay-pass' } })
const { spec } = venue
const ctx = (receivedAt: number): InterpretContext => ({ receivedAt, group: 'public', connection: 'public#1', instrument: () => undefined, nextId: () => 1 })

/** An independent, deliberately naive book: KuCoin's documented per-row calibration on the raw frames. */
class NaiveBook {
  private readonly sides = { bids: new Map<string, string>(), asks: new Map<string, string>() }
  private seq: number | undefined
  private readonly pending: unknown[] = []
  seed(snapshot: { sequence: string; bids: string[][]; asks: string[][] }): void {
    this.seq = Number(snapshot.sequence)
    for (const side of ['bids', 'asks'] as const) for (const [p, s] of snapshot[side]) this.sides[side].set(String(p), String(s))
    for (const data of this.pending.splice(0)) this.apply(data)
  }
  apply(data: unknown): void {
    if (this.seq === undefined) {
      this.pending.push(data)
      return
    }
    const { changes, sequenceEnd } = data as { changes: Record<'bids' | 'asks', [string, string, string][]>; sequenceEnd: number }
    for (const side of ['bids', 'asks'] as const)
      for (const [p, s, seq] of changes[side]) {
        if (Number(seq) <= this.seq || p === '0') continue
        if (Number(s) === 0) this.sides[side].delete(p)
        else this.sides[side].set(p, s)
      }
    this.seq = Math.max(this.seq, sequenceEnd)
  }
  best(side: 'bids' | 'asks'): number | undefined {
    const prices = [...this.sides[side].keys()].map(Number)
    if (prices.length === 0) return undefined
    return side === 'bids' ? Math.max(...prices) : Math.min(...prices)
  }
}

interface Replay {
  decodeErrors: string[]
  messages: VenueMessage[]
  machines: Map<string, BookMachine>
  mismatches: string[]
  booksPublished: number
  /** Best bid/ask of every published book, by symbol and sequence. */
  tops: Map<string, Map<number, [number | null, number | null]>>
}

const replay = (): Replay => {
  const lines = readCapture(fixturePath(CAPTURE))
  const out: Replay = { decodeErrors: [], messages: [], machines: new Map(), mismatches: [], booksPublished: 0, tops: new Map() }
  const naive = new Map<string, NaiveBook>()
  const waiting = new Set<string>()
  const recorded = new Map<string, { data: unknown; receivedAt: number }>()
  const books = spec.books
  if (books === undefined) throw new Error('kucoin declares book rules')

  const channelFor = (symbol: string): VenueChannel => {
    const r = spec.channelsFor({ kind: 'book', symbol })
    if (E.isLeft(r) || r.right[0] === undefined) throw new Error(`no book channel for ${symbol}`)
    return r.right[0]
  }
  const compare = (symbol: string, effects: ReturnType<BookMachine['handle']>): void => {
    for (const effect of effects) {
      if (effect.type === 'fetch-snapshot') {
        waiting.add(symbol)
        answer(symbol)
      }
      if (effect.type !== 'book') continue
      out.booksPublished++
      if (effect.book.seq !== undefined) {
        const tops = out.tops.get(symbol) ?? new Map<number, [number | null, number | null]>()
        tops.set(effect.book.seq, [effect.book.bestBid?.[0] ?? null, effect.book.bestAsk?.[0] ?? null])
        out.tops.set(symbol, tops)
      }
      const ref = naive.get(symbol)
      const got = [effect.book.bestBid?.[0], effect.book.bestAsk?.[0]]
      const want = [ref?.best('bids'), ref?.best('asks')]
      if (got[0] !== want[0] || got[1] !== want[1]) out.mismatches.push(`${symbol} seq ${effect.book.seq}: ${got} != ${want}`)
    }
  }
  const answer = (symbol: string): void => {
    const snap = recorded.get(symbol)
    const machine = out.machines.get(symbol)
    if (snap === undefined || machine === undefined || !waiting.has(symbol)) return
    waiting.delete(symbol)
    recorded.delete(symbol) // one recorded answer per symbol: a refetch stays unanswered
    const book = KucoinRestBook.decode(snap.data)
    if (E.isLeft(book)) throw new Error(`recorded snapshot for ${symbol} does not decode`)
    naive.get(symbol)?.seed(snap.data as { sequence: string; bids: string[][]; asks: string[][] })
    compare(symbol, machine.handle({ type: 'rest-snapshot', snapshot: toRestSnapshot(book.right, symbol, snap.receivedAt) }))
  }

  for (const line of lines) {
    const receivedAt = line.ts ?? 0
    if (line.dir === 'http') {
      const venueSymbol = line.url === undefined ? null : new URL(line.url).searchParams.get('symbol')
      const symbol = venueSymbol === null ? undefined : spec.symbols.fromVenue(venueSymbol)
      if (symbol === undefined) continue
      recorded.set(symbol, { data: (JSON.parse(line.data) as { data: unknown }).data, receivedAt })
      answer(symbol)
      continue
    }
    if (line.dir !== 'in') continue
    const frame = spec.decode(line.data)
    if (E.isLeft(frame)) {
      out.decodeErrors.push(frame.left.message)
      continue
    }
    for (const message of spec.interpret(frame.right, ctx(receivedAt))) {
      out.messages.push(message)
      if (message.type !== 'data') continue
      for (const event of message.events) {
        if (event.kind !== 'book-update') continue
        let machine = out.machines.get(event.symbol)
        if (machine === undefined) {
          machine = createBookMachine({ venue: 'kucoin', symbol: event.symbol, channel: channelFor(event.symbol), rules: books, now: () => receivedAt })
          out.machines.set(event.symbol, machine)
          naive.set(event.symbol, new NaiveBook())
        }
        naive.get(event.symbol)?.apply((JSON.parse(line.data) as { data: unknown }).data)
        compare(event.symbol, machine.handle({ type: 'event', event: event as BookUpdate }))
      }
    }
  }
  return out
}

describe('replay of the recorded 2021-04-25 KuCoin spot capture', () => {
  const result = replay()
  const events = result.messages.flatMap((m): readonly FeedEvent[] => (m.type === 'data' ? m.events : []))
  const count = (kind: FeedEvent['kind']) => events.filter((e) => e.kind === kind).length

  it('decodes every frame without a single error', () => {
    expect(result.decodeErrors).toEqual([])
  })

  it('brings all 5 recorded books live', () => {
    expect([...result.machines].map(([symbol, m]) => [symbol, m.status]).sort()).toEqual(
      [['ANKR/BTC', 'live'], ['BSV/USDT', 'live'], ['CAPP/BTC', 'live'], ['FET/BTC', 'live'], ['SNX/BTC', 'live']],
    )
  })

  it('sees no sequence gap and needs no resync', () => {
    const stats = [...result.machines.values()].map((m) => m.stats)
    expect(stats.map((s) => [s.sequenceGaps, s.resyncs])).toEqual(stats.map(() => [0, 0]))
  })

  it('matches the naive reference book on best bid and ask after every published book', () => {
    expect(result.mismatches).toEqual([])
    expect(result.booksPublished).toBeGreaterThan(3000)
  })

  it('maps 3 523 book updates, 680 tickers and quotes, and 6 trades', () => {
    expect([count('book-update'), count('ticker'), count('quote'), count('trade')]).toEqual([3523, 680, 680, 6])
  })

  it('closes the first BSV/USDT candle when the next one starts', () => {
    const candles = events.flatMap((e) => (e.kind === 'candle' && e.symbol === 'BSV/USDT' ? [[e.openTime, e.closed]] : []))
    expect(candles).toEqual([[1619378280000, false], [1619378280000, true], [1619378340000, false]])
  })

  it('turns the welcome into ready and the 13 acks into acks of request "1"', () => {
    expect(result.messages.filter((m) => m.type === 'ready')).toHaveLength(1)
    expect(result.messages.filter((m) => m.type === 'ack' && m.requestId === '1')).toHaveLength(13)
  })

  it('loads instruments from the recorded symbol list with BCHSV aliased to BSV', () => {
    const line = readCapture(fixturePath(CAPTURE)).find((l) => l.url?.endsWith('/api/v1/symbols'))
    const list = KucoinSymbolList.decode((JSON.parse(line?.data ?? '{}') as { data: unknown }).data)
    if (E.isLeft(list)) throw new Error('symbol list does not decode')
    expect(toInstruments(list.right, createKucoinSymbols()).find((i) => i.venueSymbol === 'BCHSV-USDT')).toMatchObject({
      symbol: 'BSV/USDT', base: 'BSV', quote: 'USDT', kind: 'spot',
    })
  })
})

/** ccxt Pro's kucoin handlers on the same frames, in their own process (Jest cannot load ccxt's ESM dependencies). */
const ccxtTops = (): Promise<Record<string, [number, number | null, number | null][]>> =>
  new Promise((resolve, reject) => {
    const script = join(__dirname, '..', 'scripts', 'ccxt-kucoin.mjs')
    execFile(process.execPath, [script, 'replay-book', fixturePath(CAPTURE)], { timeout: 40_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(stderr || error.message))
      else resolve(JSON.parse(stdout) as Record<string, [number, number | null, number | null][]>)
    })
  })

describe('ccxt Pro as an oracle on the same capture', () => {
  jest.setTimeout(45_000)
  it('agrees on best bid and ask at every sequence where both books are synced', async () => {
    const { tops } = replay()
    const oracle = await ccxtTops()
    let compared = 0
    const disagreements: string[] = []
    for (const [symbol, rows] of Object.entries(oracle))
      for (const [seq, bid, ask] of rows) {
        const ours = tops.get(symbol)?.get(seq)
        if (ours === undefined) continue
        compared++
        if (ours[0] !== bid || ours[1] !== ask) disagreements.push(`${symbol} ${seq}: ours ${ours} ccxt ${bid},${ask}`)
      }
    expect(disagreements).toEqual([])
    expect(compared).toBeGreaterThan(3000)
  })
})

describe('the 2021-2022 single-frame samples', () => {
  const messages = readCapture(fixturePath(SAMPLES)).map((line) => {
    const frame = spec.decode(line.data)
    if (E.isLeft(frame)) throw frame.left
    return spec.interpret(frame.right, ctx(0))
  })

  it('decodes every sample, the retired /spotMarket/level3 as unknown and the rest as data', () => {
    expect(messages.map((m) => m.map((x) => x.type))).toEqual([
      ['data'], ['data'], ['data'], ['data'], ['data'], ['data'], ['unknown'], ['data'], ['data'],
    ])
  })
})
