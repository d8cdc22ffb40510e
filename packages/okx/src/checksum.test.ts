import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { createBookMachine, L2Book, type BookEvent, type BookLevel, type BookMachine, type OrderBook, type VenueChannel } from '@tributary/core'
import { fixturePath, readCapture } from '@tributary/testkit'
import { createOkx } from './adapter'
import { CHECKSUM_DEPTH, checksumText, crc32, okxChecksum } from './checksum'
import { parseInstruments } from './instruments'
import { testContext } from './__tests__/support'

const level = (px: string, sz: string): BookLevel => [Number(px), Number(sz), px, sz]

describe('crc32', () => {
  it.each([
    ['A (real frame)', '0.0025:20:0.003:1506', 1483419732],
    [
      'B (real frame)',
      '0.0065:5:0.008:300:0.006:305:0.0085:402:0.0055:601:0.009:301:0.001:2:0.0105:305:0.0005:10:0.019:13:0.026:6:0.14:6:0.2:2',
      -90978610,
    ],
    ['C', '3366.1:7:3366.8:9:3366:6:3368:8:3372:8', 1362239393],
    ['D', '3366.1:7', -201739918],
  ])('matches vector %s', (_name, text, expected) => {
    expect(crc32(text)).toBe(expected)
  })

  it('matches the zlib check value for "123456789"', () => {
    expect(crc32('123456789') >>> 0).toBe(0xcbf43926)
  })
})

describe('checksumText', () => {
  it('interleaves bids and asks, the longer side following', () => {
    expect(checksumText([['3366.1', '7'], ['3366', '6']], [['3366.8', '9'], ['3368', '8'], ['3372', '8']])).toBe(
      '3366.1:7:3366.8:9:3366:6:3368:8:3372:8',
    )
  })

  it('covers only the best 25 levels per side', () => {
    const bids = Array.from({ length: 30 }, (_, i) => [String(100 - i), '1'] as const)
    expect(checksumText(bids, []).split(':').length).toBe(50)
  })
})

describe('okxChecksum', () => {
  it('uses the raw strings of the book levels', () => {
    const book = { top: () => ({ bids: [level('3366.1', '7')], asks: [] }) }
    expect(okxChecksum(book)).toBe(-201739918)
  })

  it('does not reformat numbers: trailing zeros change the checksum', () => {
    const raw = { top: () => ({ bids: [level('3366.10', '7')], asks: [] }) }
    expect(okxChecksum(raw)).not.toBe(-201739918)
  })
})

describe('okxChecksum on a book-engine view', () => {
  const meta = { venue: 'okx', symbol: 'X', status: 'live' as const, seq: undefined, ts: 0, receivedAt: 0 }
  const decimal = fc.oneof(
    fc.tuple(fc.nat({ max: 10 ** 9 }), fc.nat({ max: 12 })).map(([n, d]) => (n / 10 ** d).toFixed(d)),
    fc.constantFrom('3366.10', '0.00000167', '458105.370372', '1e-7', '.5', '007', '123456789.123456789'),
  )
  const level = fc.tuple(decimal, decimal).map(([px, sz]): BookLevel => [Number(px), Number(sz), px, sz])
  /** The checksum as OKX documents it: the text built from `top(25)`'s raw strings, then CRC32. */
  const byText = (book: OrderBook): number => {
    const { bids, asks } = book.top(CHECKSUM_DEPTH)
    return crc32(checksumText(bids.map((l) => [l[2], l[3]] as const), asks.map((l) => [l[2], l[3]] as const)))
  }

  it('equals the CRC32 of the text built from top(25)', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 60 }), fc.array(level, { maxLength: 60 }), (bids, asks) => {
        const book = new L2Book()
        book.replace({ bids, asks })
        const view = book.view(meta)
        expect(okxChecksum(view)).toBe(byText(view))
      }),
      { numRuns: 300 },
    )
  })

  it('matches real-frame vector B from the levels of a book', () => {
    const raw = (px: string, sz: string): BookLevel => [Number(px), Number(sz), px, sz]
    const book = new L2Book()
    book.replace({
      bids: [raw('0.0065', '5'), raw('0.006', '305'), raw('0.0055', '601'), raw('0.001', '2'), raw('0.0005', '10')],
      asks: [raw('0.008', '300'), raw('0.0085', '402'), raw('0.009', '301'), raw('0.0105', '305'), raw('0.019', '13'), raw('0.026', '6'), raw('0.14', '6'), raw('0.2', '2')],
    })
    expect(okxChecksum(book.view(meta))).toBe(-90978610)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// The recorded captures through the book engine, against a reference book and zlib over the venue's own strings.

const okx = createOkx()
const rules = okx.spec.books
if (rules === undefined) throw new Error('okx has book rules')

/** The book events of a capture, keyed by connection and topic, in order. */
const eventsOf = (file: string): { key: string; topic: string; event: BookEvent }[] => {
  const lines = readCapture(fixturePath(file))
  const instruments = lines.filter((l) => l.dir === 'http').flatMap((l) => E.getOrElseW(() => ({ instruments: [] }))(parseInstruments(l.data)).instruments)
  const ctx = testContext(instruments)
  return lines.flatMap((line) => {
    const frame = line.dir === 'in' ? okx.spec.decode(line.data) : E.left(undefined)
    if (E.isLeft(frame)) return []
    return okx.spec.interpret(frame.right, { ...ctx, connection: line.conn }).flatMap((m) =>
      m.type !== 'data' ? [] : m.events.flatMap((event) => (event.kind === 'book-snapshot' || event.kind === 'book-update' ? [{ key: `${line.conn} ${m.topic}`, topic: m.topic, event }] : [])),
    )
  })
}

/** A reference side: best-first array, linear search, splice. */
const applyTo = (side: BookLevel[], levels: readonly BookLevel[], better: (a: number, b: number) => boolean): void => {
  for (const level of levels) {
    const at = side.findIndex((l) => !better(l[0], level[0]))
    const found = at >= 0 && side[at]?.[0] === level[0]
    if (level[1] === 0) {
      if (found) side.splice(at, 1)
    } else if (found) side[at] = level
    else side.splice(at < 0 ? side.length : at, 0, level)
  }
}

/** Feeds the events to one machine per book; calls `check` after each with the machine and the reference book. */
const replay = (events: readonly { key: string; topic: string; event: BookEvent }[], check: (i: number, machine: BookMachine, reference: { bids: BookLevel[]; asks: BookLevel[] }) => void) => {
  const books = new Map<string, { machine: BookMachine; reference: { bids: BookLevel[]; asks: BookLevel[] }; depth: number }>()
  events.forEach(({ key, topic, event }, i) => {
    let book = books.get(key)
    if (book === undefined) {
      const channel: VenueChannel = { key: topic, group: 'public', topic, request: { kind: 'book', symbol: event.symbol } }
      book = { machine: createBookMachine({ venue: 'okx', symbol: event.symbol, channel, rules, now: () => 0 }), reference: { bids: [], asks: [] }, depth: rules.maxDepth?.(channel) ?? Infinity }
      books.set(key, book)
    }
    const { reference } = book
    if (event.kind === 'book-snapshot') {
      reference.bids = []
      reference.asks = []
    }
    applyTo(reference.bids, event.bids, (a, b) => a > b)
    applyTo(reference.asks, event.asks, (a, b) => a < b)
    reference.bids.length = Math.min(reference.bids.length, book.depth)
    reference.asks.length = Math.min(reference.asks.length, book.depth)
    book.machine.handle({ type: 'event', event })
    check(i, book.machine, reference)
  })
  return books
}

const raw = (levels: readonly BookLevel[]) => levels.map((l) => [l[2], l[3]] as const)

describe.each(['okx/okx-v5-2021-07-22-books-l2-tbt-3conn.jsonl', 'okx/okx-v5-2022-02-27-books-l2-tbt.jsonl'])('the book engine over %s', (file) => {
  const events = eventsOf(file)

  it('publishes after every event the reference book, whose top-25 text zlib checksums to the venue checksum', () => {
    const wrong: string[] = []
    replay(events, (i, machine, reference) => {
      const book = machine.book
      const { event } = events[i] ?? {}
      if (book === undefined || event === undefined) return void wrong.push(`${i}: no book`)
      const top = book.top(CHECKSUM_DEPTH)
      const expected = { bids: reference.bids.slice(0, CHECKSUM_DEPTH), asks: reference.asks.slice(0, CHECKSUM_DEPTH) }
      if (JSON.stringify(top) !== JSON.stringify(expected)) wrong.push(`${i}: top`)
      if (i % 50 === 0 && JSON.stringify([book.bids, book.asks]) !== JSON.stringify([reference.bids, reference.asks])) wrong.push(`${i}: every level`)
      const venue = event.checksum
      if (venue !== undefined && (crc32(checksumText(raw(top.bids), raw(top.asks))) !== venue || okxChecksum(book) !== venue)) wrong.push(`${i}: checksum`)
    })
    expect(wrong.slice(0, 5)).toEqual([])
  })

  it('resyncs only the book whose level text changed, even to the same number (a trailing zero)', () => {
    // events whose first level lands within the best 25 of its side: retyping its size must fail the checksum
    const candidates: number[] = []
    replay(events, (i, _machine, reference) => {
      const event = events[i]?.event
      const first = event?.kind === 'book-update' ? (event.bids[0] ?? event.asks[0]) : undefined
      const side = event?.bids[0] === undefined ? reference.asks : reference.bids
      if (first !== undefined && first[1] !== 0 && !first[3].includes('.') && side.slice(0, CHECKSUM_DEPTH).includes(first)) candidates.push(i)
    })
    expect(candidates.length).toBeGreaterThan(100)
    fc.assert(
      fc.property(fc.constantFrom(...candidates), (k) => {
        const target = events[k]
        if (target === undefined || target.event.kind !== 'book-update') throw new Error('a candidate is an update')
        const retyped = (levels: readonly BookLevel[]) => levels.map((l, j): BookLevel => (j === 0 ? [l[0], l[1], l[2], `${l[3]}.0`] : l))
        const event = target.event.bids.length > 0 ? { ...target.event, bids: retyped(target.event.bids) } : { ...target.event, asks: retyped(target.event.asks) }
        const altered = events.slice(0, k + 1).map((e, i) => (i === k ? { ...e, event } : e))
        const books = replay(altered, () => undefined)
        const states = [...books].map(([key, b]) => [key === target.key, b.machine.status, b.machine.stats.checksumMismatches])
        expect(states).toEqual([...books.keys()].map((key) => (key === target.key ? [true, 'resyncing', 1] : [false, 'live', 0])))
      }),
      { numRuns: 8 },
    )
  })
})
