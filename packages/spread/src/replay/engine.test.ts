import { silentLogger, type Venue } from '@tributary/core'
import { createOkx } from '@tributary/okx'
import { fixturePath, readCapture } from '@tributary/testkit'
import { createReplay, type ReplayLine, type ReplayOutput } from './engine'
import { toyVenue } from '../__tests__/toy-venue'

const conn = 'ws://toy.example/ws/public#1'
const frame = (ts: number, data: unknown): ReplayLine => ({ ts, dir: 'in', conn, data: typeof data === 'string' ? data : JSON.stringify(data) })

const run = async (lines: readonly ReplayLine[], rest = false, depth = 1, venue: Venue = toyVenue({ rest })) => {
  const out: ReplayOutput[] = []
  const replay = createReplay({ venue, depth, emit: (e) => out.push(e), logger: silentLogger })
  for (const line of lines) await replay.line(line)
  return { out, summary: replay.summary() }
}

const snap = frame(1, { t: 'snap', s: 'A-B', seq: 5, b: [['100', '1'], ['99', '2']], a: [['101', '2'], ['102', '1']] })
const upd = (ts: number, seq: number, prev: number, b: [string, string][] = [], a: [string, string][] = []) => frame(ts, { t: 'upd', s: 'A-B', seq, prev, b, a })

describe('createReplay', () => {
  it('writes each live book with its top levels, venue, unified symbol and connection', async () => {
    const { out } = await run([snap, upd(2, 6, 5, [['100.5', '3']])], false, 2)
    const books = out.filter((e) => e.kind === 'book')
    expect(books).toEqual([
      { kind: 'book', venue: 'toy', symbol: 'A/B', connection: conn, topic: 'book:A-B', status: 'live', seq: 5, ts: 1, receivedAt: 1, bids: [[100, 1], [99, 2]], asks: [[101, 2], [102, 1]] },
      { kind: 'book', venue: 'toy', symbol: 'A/B', connection: conn, topic: 'book:A-B', status: 'live', seq: 6, ts: 2, receivedAt: 2, bids: [[100.5, 3], [100, 1]], asks: [[101, 2], [102, 1]] },
    ])
  })

  it('stops writing a book after a sequence gap and counts it', async () => {
    const { out, summary } = await run([snap, upd(2, 8, 7)])
    expect([out.filter((e) => e.kind === 'book').length, summary.books.sequenceGaps, summary.books.resyncs, summary.books.live]).toEqual([1, 1, 1, 0])
  })

  it('writes book state changes with their connection', async () => {
    const { out } = await run([snap])
    expect(out.find((e) => e.kind === 'book-state')).toMatchObject({ kind: 'book-state', symbol: 'A/B', state: 'live', previous: 'syncing', connection: conn })
  })

  it('writes other events as decoded and counts them by kind', async () => {
    const { out, summary } = await run([frame(1, { t: 'trade', s: 'A-B', p: '100', q: '2' })])
    expect([out, summary.events]).toEqual([[{ kind: 'trade', venue: 'toy', symbol: 'A/B', ts: 1, receivedAt: 1, id: '1', price: 100, size: 2, side: 'buy' }], { trade: 1 }])
  })

  it('counts pongs, decode errors and unknown frames, and reports the last two as issues', async () => {
    const { out, summary } = await run([frame(1, 'pong'), frame(2, 'not json'), frame(3, { t: 'gossip' }), frame(4, { t: 'ack' })])
    expect([summary.pongs, summary.decoded, summary.decodeErrors, summary.unknownFrames, summary.messages]).toEqual([1, 2, 1, 1, { unknown: 1, ack: 1 }])
    expect(out.map((e) => e.kind === 'issue' && e.code)).toEqual(['decode-error', 'unknown-frame'])
  })

  it('answers a REST snapshot fetch with the recorded response when the file reaches it', async () => {
    const { out, summary } = await run(
      [
        upd(1, 6, 5, [['100', '4']]),
        upd(2, 7, 6, [], [['101', '0']]),
        { ts: 3, dir: 'http', conn: 'rest', url: 'https://toy.example/api/v1/book?symbol=A-B', data: JSON.stringify({ seq: 6, b: [['100', '1']], a: [['101', '2'], ['102', '1']] }) },
        upd(4, 8, 7, [['100.5', '1']]),
      ],
      true,
    )
    const books = out.filter((e) => e.kind === 'book').map((e) => (e.kind === 'book' ? [e.seq, e.bids, e.asks] : []))
    expect(books).toEqual([
      [7, [[100, 1]], [[102, 1]]],
      [8, [[100.5, 1]], [[102, 1]]],
    ])
    expect(summary.http).toEqual({ answered: 1, unanswered: [], instrumentsLoaded: 0 })
  })

  it('writes a contract-sized book with its sizeUnit and counts contract-sized events', async () => {
    const { out, summary } = await run([frame(1, { t: 'snap', s: 'A-B', seq: 5, b: [['100', '431']], a: [['101', '12']], u: 'contracts' }), frame(2, { t: 'trade', s: 'A-B', p: '100', q: '8', u: 'contracts' })])
    const books = out.filter((e) => e.kind === 'book')
    expect([books.map((b) => b.kind === 'book' && [b.sizeUnit, b.bids]), summary.contractSized]).toEqual([[['contracts', [[100, 431]]]], 2])
  })

  it('writes an issue message as an issue with its code', async () => {
    const { out, summary } = await run([frame(1, { t: 'degraded', s: 'A-B' })])
    expect([out, summary.unknownFrames]).toEqual([[{ kind: 'issue', venue: 'toy', code: 'degraded-data', message: 'sizes of A-B left in contracts', raw: '{"t":"degraded","s":"A-B"}', ts: 1, receivedAt: 1, connection: conn }], 0])
  })

  it('replays OKX derivatives without instrument metadata: prices kept, sizes in contracts, one issue per instrument', async () => {
    const lines = readCapture(fixturePath('okx/okx-v5-samples-2022-crypto-msg-parser.jsonl'))
    const { out, summary } = await run(lines, false, 1, createOkx())
    const swap = out.filter((e) => e.kind === 'book' && e.symbol === 'BTC/USDT:USDT')
    const issues = out.flatMap((e) => (e.kind === 'issue' ? [e.message] : []))
    // Line 12 of the capture: books5 BTC-USDT-SWAP, best bid 31806.5 × 54 contracts, best ask 31806.6 × 159.
    expect(swap).toMatchObject([{ topic: 'books5:BTC-USDT-SWAP', sizeUnit: 'contracts', bids: [[31806.5, 54]], asks: [[31806.6, 159]] }])
    const unknown = (id: string) => `okx: contract value unknown for ${id}: sizes left in contracts (no instrument metadata)`
    expect(issues).toEqual(['BTC-USDT-220325', 'BTC-USDT-SWAP', 'BTC-USD-220325', 'BTC-USD-SWAP', 'BTC-USD-220624', 'BTC-USDT-220624'].map(unknown))
    // 4 derivative trades, 4 books5 books, 4 bbo-tbt quotes, 6 tickers; candles and funding rates need no contract value.
    expect([summary.contractSized, summary.unknownFrames]).toEqual([18, 0])
  })

  it('produces the same output on every run', async () => {
    const lines = [snap, upd(2, 6, 5, [['100.5', '3']]), upd(3, 9, 8)]
    const [a, b] = await Promise.all([run(lines), run(lines)])
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })
})
