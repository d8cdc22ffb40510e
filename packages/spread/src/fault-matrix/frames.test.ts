import type { Ticker, Trade } from '@tributary/core'
import { VENUES, autoCleanup, collect, pause, startOkx, startRig, streamsOn, until, type Rig, type VenueName } from './support'

// Fault matrix, frame rows: a frame that cannot be understood becomes a published issue with its codec and dotted
// paths; the socket and every stream on it go on. A subscribe the venue refuses errors that one stream only.

autoCleanup()

/** Starts a rig with a live ticker on each of its two instruments. */
const streaming = async (venue: VenueName) => {
  const rig = await startRig(venue)
  const [a, b] = rig.symbols
  const first = collect<Ticker>(rig.feed.ticker(a))
  const second = collect<Ticker>(rig.feed.ticker(b))
  await until(() => first.values.length > 0 && second.values.length > 0)
  return { rig, first, second }
}

const sendRaw = (rig: Rig, frame: string): void => {
  for (const conn of rig.sim.openConnections) conn.send(frame)
}

describe('malformed JSON', () => {
  it.each(VENUES)('%s: publishes a decode-error issue and both instruments stream on', async (venue) => {
    const { rig, first, second } = await streaming(venue)
    rig.sim.faults.sendMalformed()
    await until(() => rig.issues.length > 0)
    await streamsOn(first)
    await streamsOn(second)
    expect(rig.issues.map((i) => [i.code, i.codec])).toEqual([['decode-error', 'JSON']])
    expect([rig.sim.connections.length, first.error, second.error]).toEqual([1, undefined, undefined])
  })
})

describe('schema drift', () => {
  const SCHEMA_FAILURE: Readonly<Record<VenueName, readonly [string, string]>> = {
    okx: ['OkxTickersPush', 'data.0.last'],
    kucoin: ['KucoinL2Update', 'data.sequenceStart'],
    weex: ['WeexDepthPush', 'U'],
  }

  it.each(VENUES)('%s: a field of the wrong type is a decode-error issue naming the codec and the path', async (venue) => {
    const { rig, first, second } = await streaming(venue)
    rig.sim.faults.sendSchemaFailure()
    await until(() => rig.issues.length > 0)
    await streamsOn(first)
    await streamsOn(second)
    const [issue] = rig.issues
    expect([issue?.code, issue?.codec, issue?.paths?.[0]]).toEqual(['decode-error', ...SCHEMA_FAILURE[venue]])
    expect([rig.sim.connections.length, first.error, second.error]).toEqual([1, undefined, undefined])
  })

  /** The last ticker frame the simulator sent for BTC-USDT, parsed, to be altered and sent again. */
  const lastTicker = (rig: Rig): { arg: unknown; data: Record<string, unknown>[] } => {
    const frame = rig.sim.connections[0]?.sent.filter((f) => f.includes('"tickers"') && f.includes('"BTC-USDT"') && f.includes('"data"')).at(-1) ?? '{}'
    return JSON.parse(frame) as { arg: unknown; data: Record<string, unknown>[] }
  }

  it('okx: a missing field is a decode-error issue at its path, and nothing is emitted for that frame', async () => {
    const rig = await startOkx({ sim: { tickMs: 0 } })
    const tickers = collect<Ticker>(rig.feed.ticker('BTC/USDT'))
    await until(() => tickers.values.length === 1)
    const frame = lastTicker(rig)
    const { bidPx: _dropped, ...withoutBid } = frame.data[0] ?? {}
    sendRaw(rig, JSON.stringify({ ...frame, data: [withoutBid] }))
    await until(() => rig.issues.length > 0)
    const emittedForIt = tickers.values.length - 1
    rig.okx.tick()
    await until(() => tickers.values.length === 2)
    expect([rig.issues[0]?.code, rig.issues[0]?.paths, emittedForIt, tickers.error]).toEqual(['decode-error', ['data.0.bidPx'], 0, undefined])
  })

  it('okx: a new field the venue adds is accepted and ignored', async () => {
    const rig = await startOkx({ sim: { tickMs: 0 } })
    const tickers = collect<Ticker>(rig.feed.ticker('BTC/USDT'))
    await until(() => tickers.values.length === 1)
    const frame = lastTicker(rig)
    sendRaw(rig, JSON.stringify({ ...frame, newTopLevel: { x: 1 }, data: [{ ...frame.data[0], last: '12345.6', brandNewField: 'x' }] }))
    await until(() => tickers.values.length === 2)
    expect([tickers.values[1]?.last, rig.issues]).toEqual([12_345.6, []])
  })
})

describe('unknown frame type', () => {
  const UNKNOWN: Readonly<Record<VenueName, string>> = {
    okx: '{"event":"mystery","msg":"new in v6"}',
    kucoin: '{"type":"notice","data":{"msg":"new in v4"}}',
    weex: '{"e":"mystery","E":1,"s":"BTCUSDT"}',
  }

  it.each(VENUES)('%s: publishes an unknown-frame issue and streams on', async (venue) => {
    const { rig, first, second } = await streaming(venue)
    sendRaw(rig, UNKNOWN[venue])
    await until(() => rig.issues.length > 0)
    await streamsOn(first)
    await streamsOn(second)
    expect([rig.issues.map((i) => [i.code, i.raw]), rig.sim.connections.length, first.error]).toEqual([[['unknown-frame', UNKNOWN[venue]]], 1, undefined])
  })
})

describe('subscribe rejected beside live ones', () => {
  const venueId = (rig: Rig, symbol: string): string => (rig.venue === 'weex' ? symbol.replace(/[/:].*$/, 'USDT') : symbol.replace('/', '-'))

  it.each(VENUES)('%s: errors the refused stream alone, never retries it, and the live one goes on', async (venue) => {
    const rig = await startRig(venue)
    const [a, b] = rig.symbols
    const live = collect<Ticker>(rig.feed.ticker(a))
    await until(() => live.values.length > 0)
    rig.sim.faults.rejectNextSubscribe('40001', 'matrix: refused')
    const refused = collect<Trade>(rig.feed.trades(b))
    await until(() => refused.error !== undefined)
    await pause(150)
    await streamsOn(live)
    const id = venueId(rig, b)
    expect([refused.error, live.error, rig.sim.connections.length]).toEqual([expect.objectContaining({ kind: 'venue-rejected' }), undefined, 1])
    expect(rig.subscribes(0).filter((f) => f.includes(id))).toHaveLength(1)
  })
})
