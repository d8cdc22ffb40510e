import * as E from 'fp-ts/Either'
import {
  createBookMachine,
  snapshotSourceOf,
  type BookEffect,
  type BookMachine,
  type BookSnapshot,
  type BookUpdate,
  type FeedEvent,
  type Instrument,
  type Issue,
  type Logger,
  type SizeUnit,
  type Venue,
  type VenueChannel,
  type VenueMessage,
} from '@tributary/core'
import { createRecordedHttp } from './recorded-http'
import type { ReplayBook, ReplaySummary } from './summary'

/** One capture line, as testkit's `readCapture` gives it. */
export interface ReplayLine {
  readonly ts: number | null
  readonly dir: 'in' | 'out' | 'http'
  readonly conn: string
  readonly url?: string
  readonly data: string
}

/** A live book as written by the replay: the top `depth` levels per side as `[price, size]`. */
export interface ReplayBookEvent {
  readonly kind: 'book'
  readonly venue: string
  readonly symbol: string
  readonly connection: string
  readonly topic: string
  readonly status: 'live'
  readonly seq: number | undefined
  readonly ts: number
  readonly receivedAt: number
  readonly bids: readonly (readonly [number, number])[]
  readonly asks: readonly (readonly [number, number])[]
  /** `contracts`: sizes are venue contracts as sent (the contract value was unknown), not base units. */
  readonly sizeUnit?: SizeUnit
}

/** What a replay writes: live books, book state changes (with their connection) and every other event as decoded. */
export type ReplayOutput = ReplayBookEvent | FeedEvent

export interface ReplayOptions {
  readonly venue: Venue
  /** Levels per side in book events. @defaultValue 1 */
  readonly depth?: number
  readonly emit: (event: ReplayOutput) => void
  readonly logger: Logger
  /** Snapshot fetches per book before giving up on it. @defaultValue 5 */
  readonly maxFetchAttempts?: number
}

export interface ReplayEngine {
  /** Feeds one capture line; resolves once everything it set off without waiting for the file is done. */
  line(line: ReplayLine): Promise<void>
  summary(): ReplaySummary
}

interface Book {
  readonly machine: BookMachine
  readonly connection: string
  readonly topic: string
  readonly symbol: string
  readonly channel: VenueChannel
  published: number
  fetches: number
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Replays a capture through a venue adapter without network: decode → interpret → one book machine per
 * (connection, topic, symbol). Recorded REST responses answer instrument loads and snapshot fetches when the file
 * reaches them. The clock is the capture's: output is the same on every run.
 */
export const createReplay = (options: ReplayOptions): ReplayEngine => {
  const { venue, depth = 1, emit, logger, maxFetchAttempts = 5 } = options
  const spec = venue.spec
  const interpret = spec.createInterpreter?.() ?? spec.interpret
  const rules = spec.books ?? { snapshot: { source: 'stream' as const } }
  const recorded = createRecordedHttp()
  const groups = Object.keys(spec.groups)
  const books = new Map<string, Book>()
  const instruments = new Map<string, Instrument>()
  const messages: Record<string, number> = {}
  const events: Record<string, number> = {}
  const lines = { in: 0, out: 0, http: 0 }
  let clock = 0
  let pongs = 0
  let decoded = 0
  let decodeErrors = 0
  let unknownFrames = 0
  let contractSized = 0
  let inflight = 0
  let nextId = 1

  const now = (): number => clock
  const out = (event: ReplayOutput): void => {
    bump(events, event.kind)
    if ('sizeUnit' in event && event.sizeUnit === 'contracts') contractSized++
    emit(event)
  }
  const track = <A>(promise: Promise<A>, then: (a: A) => void): void => {
    inflight++
    void promise.then(
      (a) => {
        inflight--
        then(a)
      },
      (error: unknown) => {
        inflight--
        logger.error('replay: a recorded request failed', { error: error instanceof Error ? error.message : String(error) })
      },
    )
  }

  if (spec.instruments !== undefined) {
    track(spec.instruments.load(recorded.http), (loaded) => {
      if (E.isLeft(loaded)) logger.warn('replay: instruments not loaded', { error: loaded.left.message })
      else for (const i of loaded.right) instruments.set(i.venueSymbol, i)
    })
  }

  const groupOf = (conn: string): string => {
    const url = conn.replace(/#[^#]*$/, '')
    const segments = URL.canParse(url) ? new URL(url).pathname.split('/') : []
    return groups.find((g) => segments.includes(g)) ?? (groups.includes('public') ? 'public' : (groups[0] ?? 'public'))
  }

  const effects = (book: Book, list: readonly BookEffect[]): void => {
    for (const effect of list) {
      switch (effect.type) {
        case 'book': {
          const top = effect.book.top(depth)
          book.published++
          out({
            kind: 'book',
            venue: venue.id,
            symbol: book.symbol,
            connection: book.connection,
            topic: book.topic,
            status: 'live',
            seq: effect.book.seq,
            ts: effect.book.ts,
            receivedAt: effect.book.receivedAt,
            ...(effect.book.sizeUnit === undefined ? {} : { sizeUnit: effect.book.sizeUnit }),
            bids: top.bids.map(([p, s]) => [p, s] as const),
            asks: top.asks.map(([p, s]) => [p, s] as const),
          })
          break
        }
        case 'state':
          out({ ...effect.state, connection: book.connection })
          break
        case 'resubscribe':
          logger.info('replay: book wants a resubscribe; the capture decides what comes next', { symbol: book.symbol, reason: effect.reason })
          break
        case 'fetch-snapshot':
          fetchSnapshot(book)
          break
      }
    }
  }

  const fetchSnapshot = (book: Book): void => {
    const source = snapshotSourceOf(rules, book.channel)
    if (source.source !== 'rest') return
    if (++book.fetches > maxFetchAttempts) {
      logger.warn('replay: giving up on a book snapshot', { symbol: book.symbol, attempts: book.fetches - 1 })
      return
    }
    track(source.fetch(book.channel, recorded.http, now), (result) =>
      effects(book, book.machine.handle(E.isRight(result) ? { type: 'rest-snapshot', snapshot: result.right } : { type: 'rest-snapshot-failed', error: result.left })),
    )
  }

  const bookFor = (conn: string, group: string, topic: string, event: BookSnapshot | BookUpdate): Book => {
    const key = `${conn}\u0000${topic}\u0000${event.symbol}`
    const known = books.get(key)
    if (known !== undefined) return known
    const venueSymbol = spec.symbols.toVenue(event.symbol)
    const channel: VenueChannel = {
      key: topic,
      group,
      topic,
      request: { kind: 'book', symbol: event.symbol },
      ...(E.isRight(venueSymbol) ? { venueSymbol: venueSymbol.right } : {}),
    }
    const machine = createBookMachine({ venue: venue.id, symbol: event.symbol, channel, rules, now })
    const book: Book = { machine, connection: conn, topic, symbol: event.symbol, channel, published: 0, fetches: 0 }
    books.set(key, book)
    return book
  }

  const message = (conn: string, group: string, m: VenueMessage, raw: string): void => {
    bump(messages, m.type)
    if (m.type === 'unknown' || m.type === 'issue') {
      if (m.type === 'unknown') unknownFrames++
      const code = m.type === 'unknown' ? 'unknown-frame' : m.code
      const issue: Issue = { kind: 'issue', venue: venue.id, code, message: m.what, raw: raw.slice(0, 500), ts: clock, receivedAt: clock, connection: conn }
      out(issue)
      return
    }
    if (m.type !== 'data') return
    for (const event of m.events) {
      if (event.kind === 'book-snapshot' || event.kind === 'book-update') {
        const book = bookFor(conn, group, m.topic, event)
        effects(book, book.machine.handle({ type: 'event', event }))
      } else {
        out(event)
      }
    }
  }

  const inbound = (conn: string, raw: string): void => {
    const group = groupOf(conn)
    const heartbeat = spec.groups[group]?.heartbeat
    if (heartbeat?.isPong(raw) === true) {
      pongs++
      return
    }
    const frame = spec.decode(raw)
    if (E.isLeft(frame)) {
      decodeErrors++
      const e = frame.left
      out({ kind: 'issue', venue: venue.id, code: 'decode-error', message: e.message, raw: e.raw, ts: clock, receivedAt: clock, connection: conn, codec: e.codec, paths: e.paths })
      return
    }
    decoded++
    const ctx = { receivedAt: clock, group, connection: conn, instrument: (id: string) => instruments.get(id), nextId: () => nextId++ }
    for (const m of interpret(frame.right, ctx)) message(conn, group, m, raw)
  }

  return {
    line: async (line) => {
      if (line.ts !== null) clock = line.ts
      lines[line.dir]++
      if (line.dir === 'in') inbound(line.conn, line.data)
      else if (line.dir === 'http') recorded.offer(line.url ?? line.conn, line.data)
      if (inflight > 0) await flush()
    },
    summary: () => {
      const each: ReplayBook[] = [...books.values()].map((b) => ({ connection: b.connection, topic: b.topic, symbol: b.symbol, status: b.machine.status, published: b.published, ...b.machine.stats }))
      const sum = (f: (b: ReplayBook) => number): number => each.reduce((n, b) => n + f(b), 0)
      return {
        venue: venue.id,
        lines,
        frames: lines.in,
        pongs,
        decoded,
        decodeErrors,
        unknownFrames,
        contractSized,
        messages,
        events,
        http: { answered: recorded.answered, unanswered: recorded.waiting, instrumentsLoaded: instruments.size },
        books: {
          count: each.length,
          symbols: [...new Set(each.map((b) => b.symbol))].sort(),
          live: each.filter((b) => b.status === 'live').length,
          checksumsVerified: sum((b) => b.checksumsVerified),
          checksumMismatches: sum((b) => b.checksumMismatches),
          sequenceGaps: sum((b) => b.sequenceGaps),
          resyncs: sum((b) => b.resyncs),
          applied: sum((b) => b.applied),
          skipped: sum((b) => b.skipped),
          each,
        },
      }
    },
  }
}
