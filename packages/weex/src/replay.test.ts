import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { createBookMachine, isRecoverable, type BookEffect, type BookLevel, type FeedEvent, type InterpretContext, type VenueChannel, type VenueMessage } from '@tributary/core'
import { fixturePath, readCapture, type CaptureLine } from '@tributary/testkit'
import { weexBookRules } from './adapter'
import { weexCloseError } from './close'
import { decodeFrame } from './codecs'
import { createInterpreter, type WeexInterpret } from './interpreter'
import { createChannelsFor } from './planner'
import { weexSymbols } from './symbols'

const FILES = readdirSync(fixturePath('weex')).filter((f) => f.endsWith('.jsonl'))
const SESSION = 'weex/weex-contract-v3-2026-09-06-btcusdt-depth-ticker-kline.jsonl'
const REJECTS = 'weex/weex-contract-v3-2026-09-06-server-ping-and-reject-close.jsonl'
const TRADES = 'weex/weex-contract-v3-2026-09-09-trades-btcusdt.jsonl'

const context = (line: CaptureLine, ids = { n: 0 }): InterpretContext => ({
  receivedAt: line.ts ?? 0,
  group: 'public',
  connection: line.conn,
  instrument: () => undefined,
  nextId: () => ++ids.n,
})

/** Decodes and interprets every incoming frame of a capture, failing the test on any decode error. */
const interpretAll = (file: string, interpret: WeexInterpret = createInterpreter()) =>
  readCapture(fixturePath(file))
    .filter((line) => line.dir === 'in')
    .map((line) => {
      const frame = decodeFrame(line.data)
      if (E.isLeft(frame)) throw frame.left
      return { line, messages: interpret(frame.right, context(line)) }
    })

const events = (messages: readonly VenueMessage[]): readonly FeedEvent[] => messages.flatMap((m) => (m.type === 'data' ? m.events : []))

/** A deliberately simple reference book: price → size per side, best found by scanning. */
class NaiveBook {
  private readonly bids = new Map<string, number>()
  private readonly asks = new Map<string, number>()
  apply(bids: readonly (readonly [string, string])[], asks: readonly (readonly [string, string])[], snapshot: boolean): void {
    if (snapshot) {
      this.bids.clear()
      this.asks.clear()
    }
    for (const [p, s] of bids) if (Number(s) === 0) this.bids.delete(p); else this.bids.set(p, Number(s))
    for (const [p, s] of asks) if (Number(s) === 0) this.asks.delete(p); else this.asks.set(p, Number(s))
  }
  best(): { bid: [number, number]; ask: [number, number] } {
    const bid = [...this.bids].reduce((a, b) => (Number(b[0]) > Number(a[0]) ? b : a))
    const ask = [...this.asks].reduce((a, b) => (Number(b[0]) < Number(a[0]) ? b : a))
    return { bid: [Number(bid[0]), bid[1]], ask: [Number(ask[0]), ask[1]] }
  }
}

describe('recorded Weex captures', () => {
  it.each(FILES)('%s decodes without a single error or unknown frame', (file) => {
    const messages = interpretAll(`weex/${file}`).flatMap((r) => r.messages)
    expect(messages.filter((m) => m.type === 'unknown')).toEqual([])
  })

  it('answers every recorded server ping with a PONG', () => {
    const pings = [SESSION, REJECTS].flatMap((f) => interpretAll(f)).filter((r) => r.line.data.includes('"ping"'))
    expect(pings.map((r) => r.messages.map((m) => (m.type === 'reply' ? JSON.parse(m.frame).method : m.type)))).toEqual([['PONG'], ['PONG'], ['PONG'], ['PONG']])
  })
})

describe('recorded depth session', () => {
  const channel = E.getOrElseW((e: Error) => { throw e })(createChannelsFor({ symbols: weexSymbols, hasCredentials: false })({ kind: 'book', symbol: 'BTC/USDT:USDT' }))[0] as VenueChannel
  const frames = interpretAll(SESSION).filter((r) => r.line.data.includes('"e":"depth'))

  const replay = () => {
    const machine = createBookMachine({ venue: 'weex', symbol: 'BTC/USDT:USDT', channel, rules: weexBookRules, now: () => 0 })
    const reference = new NaiveBook()
    const tops: { ours: unknown; naive: unknown }[] = []
    const effects: BookEffect[] = []
    for (const { line, messages } of frames) {
      const raw = JSON.parse(line.data) as { e: string; d: string; b: [string, string][]; a: [string, string][] }
      reference.apply(raw.b, raw.a, raw.e === 'depthSnapshot')
      for (const event of events(messages)) {
        if (event.kind !== 'book-snapshot' && event.kind !== 'book-update') throw new Error(event.kind)
        effects.push(...machine.handle({ type: 'event', event }))
      }
      const best = (l: BookLevel | undefined) => (l === undefined ? undefined : [l[0], l[1]])
      tops.push({ ours: { bid: best(machine.book?.bestBid), ask: best(machine.book?.bestAsk) }, naive: reference.best() })
    }
    return { machine, tops, effects }
  }

  it('routes one snapshot and 63 deltas to the depth15 channel', () => {
    const topics = frames.flatMap((r) => r.messages.map((m) => (m.type === 'data' ? m.topic : m.type)))
    expect([topics.length, new Set(topics)]).toEqual([64, new Set([channel.topic])])
  })

  it('applies every delta through the book engine with no gap or resync', () => {
    const { machine } = replay()
    expect([machine.status, machine.stats.applied, machine.stats.sequenceGaps, machine.stats.resyncs, machine.stats.skipped]).toEqual(['live', 64, 0, 0, 0])
  })

  it('verifies the U/u chain of all 63 deltas', () => {
    const seqs = frames.flatMap((r) => events(r.messages)).map((e) => (e.kind === 'book-update' ? [e.prevSeq, e.seq] : [undefined, e.kind === 'book-snapshot' ? e.seq : undefined]))
    const breaks = seqs.slice(1).filter(([prev], i) => prev !== seqs[i]?.[1])
    expect([seqs.length - 1, breaks]).toEqual([63, []])
  })

  it('matches a naive reference book on best bid and ask after every frame', () => {
    const { tops } = replay()
    expect(tops.map((t) => t.ours)).toEqual(tops.map((t) => t.naive))
  })

  it('matches ccxt Pro (run on the same frames) on best bid and ask after every frame', () => {
    const script = join(__dirname, '..', 'scripts', 'ccxt-weex.mjs')
    const ccxtTops = JSON.parse(execFileSync(process.execPath, [script, 'replay-book', fixturePath(SESSION)], { encoding: 'utf8', timeout: 20_000 })) as unknown[]
    const { tops } = replay()
    expect(tops.map((t) => t.ours)).toEqual(ccxtTops)
  })

  it('resyncs this book when a delta is dropped from the chain', () => {
    const machine = createBookMachine({ venue: 'weex', symbol: 'BTC/USDT:USDT', channel, rules: weexBookRules, now: () => 0 })
    const all = frames.flatMap((r) => events(r.messages))
    const effects = [...all.slice(0, 5), ...all.slice(6)].flatMap((event) =>
      event.kind === 'book-snapshot' || event.kind === 'book-update' ? machine.handle({ type: 'event', event }) : [],
    )
    expect(effects.filter((e) => e.type === 'resubscribe')).toEqual([{ type: 'resubscribe', reason: 'sequence-gap', attempt: 1 }])
  })
})

describe('recorded rejections and close', () => {
  const session = interpretAll(REJECTS).filter((r) => r.line.conn.endsWith('#reject-session'))

  it('turns all six rejected subscribes into typed rejections with the venue code', () => {
    const rejects = session.flatMap((r) => r.messages).flatMap((m) => (m.type === 'reject' ? [[m.requestId, m.error.kind, m.error.code]] : []))
    expect(rejects).toEqual([1, 2, 3, 4, 5, 6].map((id) => [String(id), 'venue-rejected', 'INVALID_ARGUMENT']))
  })

  it('surfaces the 1007 close that follows as a recoverable typed error', () => {
    const error = weexCloseError('public#1', 1007, 'Unrecognized message sent multiple times')
    expect([error.kind, isRecoverable(error)]).toEqual(['connection-closed', true])
  })

  it('maps the rejected subscribe in the depth session and keeps its acks', () => {
    const replies = interpretAll(SESSION).flatMap((r) => r.messages).filter((m) => m.type === 'ack' || m.type === 'reject')
    expect(replies.map((m) => `${m.type} ${m.type === 'ack' || m.type === 'reject' ? (m.requestId ?? '') : ''}`)).toEqual(['ack 7', 'ack 1', 'ack 2', 'ack 3', 'ack 1002', 'reject 99'])
  })
})

describe('recorded trades session', () => {
  it('emits each of the 82 venue trades exactly once, taker side from the maker flag', () => {
    const lines = readCapture(fixturePath(TRADES)).filter((l) => l.dir === 'in')
    const venueTrades = lines.flatMap((l) => (JSON.parse(l.data) as { d?: { t: string; m: boolean }[] }).d ?? [])
    const emitted = interpretAll(TRADES).flatMap((r) => events(r.messages)).flatMap((e) => (e.kind === 'trade' ? [e] : []))
    expect(emitted.map((t) => t.id).sort()).toEqual([...new Set(venueTrades.map((t) => t.t))].sort())
    expect(emitted.length).toBe(82)
    const side = new Map(venueTrades.map((t) => [t.t, t.m ? 'sell' : 'buy']))
    expect(emitted.filter((t) => side.get(t.id) !== t.side)).toEqual([])
  })

  it('drops the overlap when the same frames arrive twice (resubscribe snapshot)', () => {
    const interpret = createInterpreter()
    const once = interpretAll(TRADES, interpret).flatMap((r) => events(r.messages)).length
    const twice = interpretAll(TRADES, interpret).flatMap((r) => events(r.messages)).length
    expect([once, twice]).toEqual([82, 0])
  })
})
