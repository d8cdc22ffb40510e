import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { chainedSequence, decodeJson, defineVenue, type BookLevel, type BookRules, type FeedEvent, type Venue, type VenueMessage } from '@tributary/core'

/**
 * A tiny venue protocol for replay tests: `{"t":"snap"|"upd"|"trade"|"ack"|"degraded"|…}` frames, `pong` heartbeats;
 * `"u":"contracts"` marks an event's sizes as contracts.
 */
const ToyFrame = t.intersection(
  [t.type({ t: t.string }), t.partial({ s: t.string, seq: t.number, prev: t.number, b: t.array(t.tuple([t.string, t.string])), a: t.array(t.tuple([t.string, t.string])), p: t.string, q: t.string, u: t.literal('contracts') })],
  'ToyFrame',
)
type ToyFrame = t.TypeOf<typeof ToyFrame>

const levels = (xs: readonly (readonly [string, string])[] = []): BookLevel[] => xs.map(([p, s]) => [Number(p), Number(s), p, s])
const unified = (id: string) => id.replace('-', '/')

const interpret = (f: ToyFrame, ctx: { receivedAt: number }): readonly VenueMessage[] => {
  const symbol = unified(f.s ?? '')
  const base = { venue: 'toy', symbol, ts: ctx.receivedAt, receivedAt: ctx.receivedAt, ...(f.u === undefined ? {} : { sizeUnit: f.u }) }
  const data = (event: FeedEvent): VenueMessage[] => [{ type: 'data', topic: `book:${f.s ?? ''}`, events: [event] }]
  switch (f.t) {
    case 'snap':
      return data({ kind: 'book-snapshot', ...base, bids: levels(f.b), asks: levels(f.a), ...(f.seq === undefined ? {} : { seq: f.seq }) })
    case 'upd':
      return data({ kind: 'book-update', ...base, bids: levels(f.b), asks: levels(f.a), ...(f.seq === undefined ? {} : { seq: f.seq }), ...(f.prev === undefined ? {} : { prevSeq: f.prev }) })
    case 'trade':
      return [{ type: 'data', topic: `trades:${f.s ?? ''}`, events: [{ kind: 'trade', ...base, id: '1', price: Number(f.p), size: Number(f.q), side: 'buy' }] }]
    case 'ack':
      return [{ type: 'ack' }]
    case 'degraded':
      return [{ type: 'issue', code: 'degraded-data', what: `sizes of ${f.s ?? '?'} left in contracts` }]
    default:
      return [{ type: 'unknown', what: f.t }]
  }
}

const ToySnapshotBody = t.type({ seq: t.number, b: t.array(t.tuple([t.string, t.string])), a: t.array(t.tuple([t.string, t.string])) }, 'ToySnapshotBody')

/** The toy venue; `rest: true` makes its books REST-snapshot books (KuCoin style). */
export const toyVenue = ({ rest = false } = {}): Venue => {
  const books: BookRules = rest
    ? {
        sequence: chainedSequence,
        snapshot: {
          source: 'rest',
          fetch: async (channel, http, now) => {
            const response = await http({ method: 'GET', url: `https://toy.example/api/v2/book?symbol=${channel.venueSymbol ?? ''}` })
            const body = ToySnapshotBody.decode(JSON.parse(response.body))
            if (E.isLeft(body)) throw new Error('bad toy snapshot')
            const at = now()
            return E.right({ kind: 'book-snapshot', venue: 'toy', symbol: channel.request.symbol ?? '', ts: at, receivedAt: at, seq: body.right.seq, bids: levels(body.right.b), asks: levels(body.right.a) })
          },
        },
      }
    : { sequence: chainedSequence, snapshot: { source: 'stream' } }
  return defineVenue({
    id: 'toy',
    groups: {
      public: {
        resolve: () => Promise.resolve({ url: 'ws://toy.example/ws/public' }),
        heartbeat: { isPong: (raw) => raw === 'pong', timeoutMs: 30_000 },
        limits: { maxChannels: 100, maxChannelsPerRequest: 10 },
      },
    },
    symbols: { toVenue: (s) => E.right(s.replace('/', '-')), fromVenue: unified },
    channelsFor: () => E.right([]),
    subscribe: () => '{}',
    unsubscribe: () => '{}',
    decode: decodeJson('toy', () => ToyFrame),
    interpret,
    books,
  })
}
