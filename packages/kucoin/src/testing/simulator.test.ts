import * as E from 'fp-ts/Either'
import { WebSocket } from 'ws'
import { createBookMachine, decodeJson, type BookUpdate } from '@tributary/core'
import { closed, collectFrames, nextFrame, opened, startSimulator, SyntheticMarket, waitFor, type Simulator } from '@tributary/testkit'
import { signHeaders } from '../auth'
import { codecFor } from '../codecs'
import { createKucoin } from '../adapter'
import { toRestSnapshot, KucoinRestBook } from '../snapshot'
import { kucoinSimulator, type KucoinSimulatorScript } from './simulator'

const credentials = { apiKey: 'sim-key-1', secret: 'sim-secret-1', passphrase: 'sim-pass-1' }
const decode = decodeJson('kucoin', codecFor)
const market = () =>
  new SyntheticMarket({
    seed: 11,
    instruments: [
      { symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001 },
      { symbol: 'ETH/USDT', mid: 3_000, tickSize: 0.01, lotSize: 0.001 },
      { symbol: 'BSV/USDT', mid: 50, tickSize: 0.001, lotSize: 0.01 },
    ],
  })

describe('kucoinSimulator', () => {
  let sim: Simulator
  let script: KucoinSimulatorScript
  const sockets: WebSocket[] = []

  beforeEach(async () => {
    script = kucoinSimulator({ market: market(), credentials, pushIntervalMs: 20 })
    sim = await startSimulator(script)
  })
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate()
    await sim.close()
  })

  const post = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sim.httpBase}${path}`, { method: 'POST', headers })
    return { status: res.status, body: (await res.json()) as { code: string; data: { token: string; instanceServers: { endpoint: string }[] } } }
  }
  const signed = (method: 'GET' | 'POST', endpoint: string) => signHeaders({ credentials, method, endpoint, body: '', timestamp: Date.now() })
  const connect = async (privateToken = false): Promise<{ ws: WebSocket; frames: readonly string[]; welcome: string }> => {
    const { body } = privateToken ? await post('/api/v1/bullet-private', { ...signed('POST', '/api/v1/bullet-private') }) : await post('/api/v1/bullet-public')
    const ws = new WebSocket(`${body.data.instanceServers[0]?.endpoint ?? ''}?token=${body.data.token}&connectId=c-1`)
    sockets.push(ws)
    const frames = collectFrames(ws)
    const welcome = nextFrame(ws)
    await opened(ws)
    return { ws, frames, welcome: await welcome }
  }
  /** Generous: the machine is shared, and a loaded CI box must not make these flaky. */
  const until = (predicate: () => boolean) => waitFor(predicate, 8000)
  const send = (ws: WebSocket, frame: object) => ws.send(JSON.stringify(frame))

  it('welcomes a connection with its connectId and answers a ping with a pong of the same id', async () => {
    const { ws, welcome } = await connect()
    const pong = nextFrame(ws)
    send(ws, { id: 'ping-1', type: 'ping' })
    expect([welcome, await pong]).toEqual(['{"id":"c-1","type":"welcome"}', '{"id":"ping-1","type":"pong"}'])
  })

  it('acks a batched subscribe with the id as a string and then streams frames that all decode', async () => {
    const { ws, frames } = await connect()
    send(ws, { id: 5, type: 'subscribe', topic: '/market/ticker:BTC-USDT,ETH-USDT', privateChannel: false, response: true })
    send(ws, { id: 6, type: 'subscribe', topic: '/market/candles:BTC-USDT_1min', privateChannel: false, response: true })
    send(ws, { id: 7, type: 'subscribe', topic: '/market/match:BTC-USDT', privateChannel: false, response: true })
    await until(() => frames.filter((f) => f.includes('trade.candles')).length >= 2 && frames.filter((f) => f.includes('/market/ticker:ETH-USDT')).length >= 2)
    expect(frames.slice(1, 4)).toEqual(['{"id":"5","type":"ack"}', '{"id":"6","type":"ack"}', '{"id":"7","type":"ack"}'])
    expect(frames.filter((f) => E.isLeft(decode(f)))).toEqual([])
  })

  it('refuses more than 100 symbols in one request with 509', async () => {
    const { ws } = await connect()
    const reply = nextFrame(ws)
    send(ws, { id: 8, type: 'subscribe', topic: `/market/ticker:${Array.from({ length: 101 }, () => 'BTC-USDT').join(',')}`, response: true })
    expect(JSON.parse(await reply)).toEqual({ id: '8', type: 'error', code: 509, data: 'exceed max subscription count limitation of 100 per time' })
  })

  it('refuses an unknown symbol with 404 naming its topic', async () => {
    const { ws } = await connect()
    const reply = nextFrame(ws)
    send(ws, { id: 9, type: 'subscribe', topic: '/market/level2:BTC-USDT,NOPE-USDT', response: true })
    expect(JSON.parse(await reply)).toEqual({ id: '9', type: 'error', code: 404, data: 'topic /market/level2:NOPE-USDT is not found' })
  })

  it('serves a signed full-depth snapshot that aligns with the level2 stream (sequence-only rows included)', async () => {
    const { ws, frames } = await connect()
    send(ws, { id: 1, type: 'subscribe', topic: '/market/level2:BSV-USDT,BTC-USDT'.replace('BSV', 'BCHSV'), response: true })
    await until(() => frames.filter((f) => f.includes('BCHSV-USDT')).length >= 3)
    const path = '/api/v3/market/orderbook/level2?symbol=BCHSV-USDT'
    const res = await fetch(`${sim.httpBase}${path}`, { headers: signed('GET', path) })
    const book = KucoinRestBook.decode(((await res.json()) as { data: unknown }).data)
    if (E.isLeft(book)) throw new Error('snapshot does not decode')
    await until(() => frames.filter((f) => f.includes('"0","0"') && f.includes('BCHSV')).length >= 2)
    const venue = createKucoin({ credentials })
    const channel = E.getOrElseW(() => [])(venue.spec.channelsFor({ kind: 'book', symbol: 'BSV/USDT' }))[0]
    if (channel === undefined || venue.spec.books === undefined) throw new Error('no channel')
    const machine = createBookMachine({ venue: 'kucoin', symbol: 'BSV/USDT', channel, rules: venue.spec.books, now: () => 0 })
    machine.handle({ type: 'connected' })
    for (const f of frames.filter((x) => x.includes('/market/level2:BCHSV-USDT'))) {
      const frame = venue.spec.decode(f)
      if (E.isLeft(frame)) throw frame.left
      for (const m of venue.spec.interpret(frame.right, { receivedAt: 0, group: 'public', connection: 'p', instrument: () => undefined, nextId: () => 1 }))
        if (m.type === 'data') for (const e of m.events) machine.handle({ type: 'event', event: e as BookUpdate })
    }
    machine.handle({ type: 'rest-snapshot', snapshot: toRestSnapshot(book.right, 'BSV/USDT', 0) })
    expect([machine.status, machine.stats.sequenceGaps]).toEqual(['live', 0])
  })

  it('refuses bullet-private with a bad signature (400005) and issues a token for a good one', async () => {
    const bad = await post('/api/v1/bullet-private', { ...signed('POST', '/api/v1/bullet-public') })
    const good = await post('/api/v1/bullet-private', { ...signed('POST', '/api/v1/bullet-private') })
    expect([bad.status, bad.body.code, good.status, good.body.code]).toEqual([401, '400005', 200, '200000'])
  })

  it('pushes order changes and balances to a private subscriber', async () => {
    const { ws, frames } = await connect(true)
    send(ws, { id: 1, type: 'subscribe', topic: '/spotMarket/tradeOrdersV2', privateChannel: true, response: true })
    send(ws, { id: 2, type: 'subscribe', topic: '/account/balance', privateChannel: true, response: true })
    await until(() => frames.length >= 3)
    script.placeOrder({ symbol: 'BTC-USDT', side: 'buy', price: 1_000_000, size: 0.01 })
    await until(() => frames.some((f) => f.includes('"type":"filled"')))
    const subjects = frames.slice(3).map((f) => {
      const j = JSON.parse(f) as { subject: string; data: { type?: string; currency?: string } }
      return `${j.subject}:${j.data.type ?? j.data.currency}`
    })
    expect(subjects).toEqual([
      'orderChange:received', 'account.balance:USDT', 'orderChange:open', 'orderChange:match',
      'account.balance:USDT', 'account.balance:BTC', 'orderChange:filled',
    ])
    expect(frames.filter((f) => E.isLeft(decode(f)))).toEqual([])
  })

  it('refuses a private topic on a public token', async () => {
    const { ws } = await connect()
    const reply = nextFrame(ws)
    send(ws, { id: 3, type: 'subscribe', topic: '/account/balance', privateChannel: true, response: true })
    expect(JSON.parse(await reply)).toMatchObject({ id: '3', type: 'error', code: 403 })
  })

  it('expires every token on the expire-token fault: 401 then close, and the old token is refused', async () => {
    const { ws } = await connect()
    const token = new URL(ws.url).searchParams.get('token') ?? ''
    const error = nextFrame(ws)
    const ended = closed(ws)
    sim.faults.expireToken()
    expect(JSON.parse(await error)).toEqual({ type: 'error', code: 401, data: 'token is expired' })
    await ended
    const again = new WebSocket(`${sim.wsBase}/endpoint?token=${token}`)
    sockets.push(again)
    const refused = nextFrame(again)
    expect(JSON.parse(await refused)).toEqual({ type: 'error', code: 401, data: 'token is expired' })
  })

  it('drops one level2 message on the skip-sequence fault', async () => {
    const { ws, frames } = await connect()
    send(ws, { id: 1, type: 'subscribe', topic: '/market/level2:BTC-USDT', response: true })
    await until(() => frames.length >= 4)
    sim.faults.skipSequence()
    await until(() => frames.length >= 12)
    const ranges = frames.filter((f) => f.includes('l2update')).map((f) => JSON.parse(f) as { data: { sequenceStart: number; sequenceEnd: number } })
    const gaps = ranges.slice(1).filter((r, i) => r.data.sequenceStart !== (ranges[i]?.data.sequenceEnd ?? 0) + 1)
    expect(gaps).toHaveLength(1)
  })

  it('closes a socket that sends nothing for pingInterval + pingTimeout', async () => {
    await sim.close()
    sim = await startSimulator(kucoinSimulator({ market: market(), pushIntervalMs: 20, pingIntervalMs: 60, pingTimeoutMs: 60 }))
    const { ws } = await connect()
    expect(await closed(ws, 3000)).toEqual({ code: 1000, reason: 'ping timeout' })
  })

  it('closes a connection older than its lifetime', async () => {
    await sim.close()
    sim = await startSimulator(kucoinSimulator({ market: market(), pushIntervalMs: 20, connectionTtlMs: 100 }))
    const { ws } = await connect()
    send(ws, { id: 'p', type: 'ping' })
    expect(await closed(ws, 3000)).toEqual({ code: 1000, reason: 'connection lifetime exceeded' })
  })

  it('answers the armed reject-subscribe fault with its code', async () => {
    const { ws } = await connect()
    sim.faults.rejectNextSubscribe('404', 'topic /market/match:BTC-USDT is not found')
    const reply = nextFrame(ws)
    send(ws, { id: 4, type: 'subscribe', topic: '/market/match:BTC-USDT', response: true })
    expect(JSON.parse(await reply)).toEqual({ id: '4', type: 'error', code: 404, data: 'topic /market/match:BTC-USDT is not found' })
  })
})
