import * as E from 'fp-ts/Either'
import {
  createBookMachine,
  snapshotSourceOf,
  type BookEffect,
  type BookMachine,
  type BookRules,
  type HttpClient,
  type Instrument,
  type InterpretContext,
  type Venue,
  type VenueChannel,
} from '@tributary/core'
import type { CaptureLine } from '@tributary/testkit'
import { createRecordedHttp } from '../../replay/recorded-http'

/** What one pass over a capture produced (checked, so a pass that silently did nothing is caught). */
export interface PassResult {
  readonly frames: number
  /** Wall time spent on frames (and awaiting recorded REST snapshots), ns. */
  readonly elapsedNs: number
  /** Process CPU time (user + system, all threads) over the same span, µs. */
  readonly cpuUs: number
  readonly books: number
  readonly live: number
  readonly decodeErrors: number
  readonly events: number
  readonly checksumsVerified: number
  /** The book machines, kept alive for the memory benchmark. */
  readonly held: readonly BookMachine[]
}

const STREAM: BookRules = { snapshot: { source: 'stream' } }

/** Loads the venue's instruments from the capture's REST lines, once, outside the timed passes. */
export const loadInstruments = async (venue: Venue, lines: readonly CaptureLine[]): Promise<Map<string, Instrument>> => {
  const out = new Map<string, Instrument>()
  const loader = venue.spec.instruments
  if (loader === undefined) return out
  const recorded = createRecordedHttp()
  for (const l of lines) if (l.dir === 'http') recorded.offer(l.url ?? l.conn, l.data)
  // Requests no recorded line answers stay pending: answer them with an empty 404 so the load settles.
  const http: HttpClient = (request) =>
    Promise.race([recorded.http(request), new Promise<{ status: number; body: string }>((resolve) => setTimeout(() => resolve({ status: 404, body: '' }), 50))])
  const loaded = await loader.load(http)
  if (E.isRight(loaded)) for (const i of loaded.right) out.set(i.venueSymbol, i)
  return out
}

const groupOfUrl = (groups: readonly string[], conn: string): string => {
  const url = conn.replace(/#[^#]*$/, '')
  const segments = URL.canParse(url) ? new URL(url).pathname.split('/') : []
  return groups.find((g) => segments.includes(g)) ?? (groups.includes('public') ? 'public' : (groups[0] ?? 'public'))
}

// The connection group of a capture's connection, worked out once per venue and connection, not in every pass.
const groupMemo = new WeakMap<object, Map<string, string>>()
const groupOf = (spec: Venue['spec'], conn: string): string => {
  let byConn = groupMemo.get(spec.groups)
  if (byConn === undefined) groupMemo.set(spec.groups, (byConn = new Map()))
  let group = byConn.get(conn)
  if (group === undefined) byConn.set(conn, (group = groupOfUrl(Object.keys(spec.groups), conn)))
  return group
}

/** How far down the path a pass goes: `decode` (parse + io-ts), `interpret` (+ mapping), `book` (the full path). */
export type Stage = 'decode' | 'interpret' | 'book'

/**
 * One pass of Tributary's full path over a capture: heartbeat check, JSON parse + io-ts validation (`decode`),
 * mapping (`interpret`), and one book machine per (connection, topic, symbol) with sequence, checksum and crossed-book
 * checks. REST snapshots (KuCoin) are answered where the capture recorded them.
 */
export const tributaryPass = async (
  venue: Venue,
  lines: readonly CaptureLine[],
  instruments: ReadonlyMap<string, Instrument>,
  stage: Stage = 'book',
): Promise<PassResult> => {
  const spec = venue.spec
  const rules = spec.books ?? STREAM
  const recorded = createRecordedHttp()
  type Book = { readonly machine: BookMachine; readonly channel: VenueChannel }
  // One context per connection, its clock updated in place before each frame, as the connection's session does.
  type Conn = {
    readonly group: string
    readonly isPong: (raw: string) => boolean
    readonly ctx: { -readonly [K in keyof InterpretContext]: InterpretContext[K] }
    readonly books: Map<string, Map<string, Book>>
    lastTopic: string
    lastSymbol: string
    last: Book | undefined
  }
  const byConn = new Map<string, Conn>()
  const pending: Promise<void>[] = []
  let clock = 0
  let nextId = 1
  let frames = 0
  let decodeErrors = 0
  let events = 0
  const now = (): number => clock
  const instrument = (id: string): Instrument | undefined => instruments.get(id)

  const apply = (book: Book, effects: readonly BookEffect[]): void => {
    for (const effect of effects) {
      if (effect.type !== 'fetch-snapshot') continue
      const source = snapshotSourceOf(rules, book.channel)
      if (source.source !== 'rest') continue
      pending.push(
        source.fetch(book.channel, recorded.http, now).then((r) => {
          apply(book, book.machine.handle(E.isRight(r) ? { type: 'rest-snapshot', snapshot: r.right } : { type: 'rest-snapshot-failed', error: r.left }))
        }),
      )
    }
  }

  const cpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  for (const line of lines) {
    if (line.ts !== null) clock = line.ts
    if (line.dir === 'http') {
      if (recorded.offer(line.url ?? line.conn, line.data) && pending.length > 0) await Promise.all(pending.splice(0))
      continue
    }
    if (line.dir !== 'in') continue
    frames++
    let conn = byConn.get(line.conn)
    if (conn === undefined) {
      const group = groupOf(spec, line.conn)
      const heartbeat = spec.groups[group]?.heartbeat
      // the connection's heartbeat, at hand as a live connection has it
      const isPong = heartbeat === undefined ? () => false : (raw: string) => heartbeat.isPong(raw)
      conn = { group, isPong, ctx: { receivedAt: 0, group, connection: line.conn, instrument, nextId: () => nextId++ }, books: new Map(), lastTopic: '', lastSymbol: '', last: undefined }
      byConn.set(line.conn, conn)
    }
    if (conn.isPong(line.data)) continue
    const frame = spec.decode(line.data)
    if (E.isLeft(frame)) {
      decodeErrors++
      continue
    }
    if (stage === 'decode') continue
    conn.ctx.receivedAt = clock
    for (const m of spec.interpret(frame.right, conn.ctx)) {
      if (m.type !== 'data' || stage === 'interpret') continue
      for (const event of m.events) {
        events++
        if (event.kind !== 'book-snapshot' && event.kind !== 'book-update') continue
        // the last book a connection routed to, as a live connection's topic table keeps its last topic
        let book = m.topic === conn.lastTopic && event.symbol === conn.lastSymbol ? conn.last : undefined
        book ??= conn.books.get(m.topic)?.get(event.symbol)
        if (book === undefined) {
          const venueSymbol = spec.symbols.toVenue(event.symbol)
          const channel: VenueChannel = {
            key: m.topic,
            group: conn.group,
            topic: m.topic,
            request: { kind: 'book', symbol: event.symbol },
            ...(E.isRight(venueSymbol) ? { venueSymbol: venueSymbol.right } : {}),
          }
          book = { machine: createBookMachine({ venue: venue.id, symbol: event.symbol, channel, rules, now }), channel }
          const topicBooks = conn.books.get(m.topic)
          if (topicBooks === undefined) conn.books.set(m.topic, new Map([[event.symbol, book]]))
          else topicBooks.set(event.symbol, book)
        }
        conn.lastTopic = m.topic
        conn.lastSymbol = event.symbol
        conn.last = book
        apply(book, book.machine.handle({ type: 'event', event }))
      }
    }
  }
  const elapsedNs = Number(process.hrtime.bigint() - started)
  const used = process.cpuUsage(cpu)
  const all = [...byConn.values()].flatMap((c) => [...c.books.values()].flatMap((topic) => [...topic.values()]))
  return {
    frames,
    elapsedNs,
    cpuUs: used.user + used.system,
    books: all.length,
    live: all.filter((b) => b.machine.status === 'live').length,
    decodeErrors,
    events,
    checksumsVerified: all.reduce((n, b) => n + b.machine.stats.checksumsVerified, 0),
    held: all.map((b) => b.machine),
  }
}
