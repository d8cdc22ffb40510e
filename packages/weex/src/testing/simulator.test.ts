import * as E from 'fp-ts/Either'
import { WebSocket } from 'ws'
import { createBookMachine, type BookSnapshot, type BookUpdate, type InterpretContext, type VenueMessage } from '@tributary/core'
import { closed, collectFrames, opened, startSimulator, waitFor, type Simulator } from '@tributary/testkit'
import { privateHeaders } from '../auth'
import { weexBookRules } from '../adapter'
import { decodeFrame } from '../codecs'
import { createInterpreter } from '../interpreter'
import { weexScript, type WeexSimScript } from './simulator'

const credentials = { apiKey: 'sim-key', secret: 'sim-secret', passphrase: 'sim-pass' }

describe('weexScript', () => {
  let sim: Simulator
  let script: WeexSimScript
  const clients: WebSocket[] = []

  beforeEach(async () => {
    script = weexScript({ credentials, tickMs: 20, pingIntervalMs: 40, maxMissedPongs: 5 })
    sim = await startSimulator(script)
  })
  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate()
    await sim.close()
  })

  const socket = (path: string, headers: Record<string, string> = { 'User-Agent': 'test' }) => {
    const ws = new WebSocket(`${sim.wsBase}${path}`, { headers })
    clients.push(ws)
    return { ws, frames: collectFrames(ws) }
  }
  const connect = async (path = '/v3/ws/public', headers?: Record<string, string>) => {
    const s = socket(path, headers)
    await opened(s.ws)
    return s
  }
  const json = (frames: readonly string[]) => frames.map((f) => JSON.parse(f) as Record<string, unknown>)
  const interpretAll = (frames: readonly string[]): readonly VenueMessage[] => {
    const interpret = createInterpreter()
    let id = 0
    const ctx: InterpretContext = { receivedAt: 0, group: 'public', connection: 'c', instrument: () => undefined, nextId: () => ++id }
    return frames.flatMap((f) => {
      const frame = decodeFrame(f)
      if (E.isLeft(frame)) throw frame.left
      return interpret(frame.right, ctx)
    })
  }

  it('refuses an upgrade without a User-Agent with 403', async () => {
    const { ws } = socket('/v3/ws/public', {})
    await expect(opened(ws)).rejects.toThrow('403')
  })

  it('greets every connection with a connected event', async () => {
    const { frames } = await connect()
    await waitFor(() => frames.length > 0)
    expect(json(frames)[0]).toMatchObject({ event: 'connected' })
  })

  it('pings and closes after five unanswered pings', async () => {
    const { ws, frames } = await connect()
    const { code } = await closed(ws, 2_000)
    expect([code, json(frames).filter((f) => f['event'] === 'ping').length]).toEqual([1000, 5])
  })

  it('acknowledges a PONG with a reply of its id on the public socket', async () => {
    const { ws, frames } = await connect()
    await waitFor(() => frames.some((f) => f.includes('"ping"')))
    ws.send('{"method":"PONG","id":1000000001}')
    await waitFor(() => frames.some((f) => f === '{"result":true,"id":1000000001}'))
  })

  it('acknowledges a subscribe with one reply echoing the id', async () => {
    const { ws, frames } = await connect()
    ws.send('{"method":"SUBSCRIBE","params":["BTCUSDT@ticker","BTCUSDT@trade"],"id":"7"}')
    await waitFor(() => frames.some((f) => f.includes('"result"')))
    expect(json(frames).filter((f) => 'result' in f)).toEqual([{ result: true, id: '7' }])
  })

  it('rejects an unknown symbol with the venue error text', async () => {
    const { ws, frames } = await connect()
    ws.send('{"method":"SUBSCRIBE","params":["FOOUSDT@ticker"],"id":3}')
    await waitFor(() => frames.some((f) => f.includes('"result"')))
    expect(json(frames).find((f) => 'result' in f)).toEqual({ result: false, id: 3, msg: 'INVALID_ARGUMENT: invalid symbol : FOOUSDT' })
  })

  it('rejects the next subscribe when the fault is armed', async () => {
    const { ws, frames } = await connect()
    sim.faults.rejectNextSubscribe('INVALID_ARGUMENT', 'armed')
    ws.send('{"method":"SUBSCRIBE","params":["BTCUSDT@ticker"],"id":4}')
    await waitFor(() => frames.some((f) => f.includes('"result"')))
    expect(json(frames).find((f) => 'result' in f)).toEqual({ result: false, id: 4, msg: 'INVALID_ARGUMENT: armed' })
  })

  it('closes with 1007 right after the sixth invalid request', async () => {
    const { ws, frames } = await connect()
    for (let i = 1; i <= 6; i++) ws.send(`{"method":"SUBSCRIBE","params":["btcusdt@bogus_${i}"],"id":${i}}`)
    const { code } = await closed(ws)
    expect([code, json(frames).filter((f) => f['result'] === false).length]).toEqual([1007, 6])
  })

  it('sends a depth snapshot then deltas that chain U onto the previous u', async () => {
    const { ws, frames } = await connect()
    ws.send('{"method":"SUBSCRIBE","params":["BTCUSDT@depth15"],"id":1}')
    await waitFor(() => frames.filter((f) => f.includes('"e":"depth"')).length >= 10)
    const events = interpretAll(frames).flatMap((m) => (m.type === 'data' ? m.events : [])) as (BookSnapshot | BookUpdate)[]
    const machine = createBookMachine({ venue: 'weex', symbol: 'BTC/USDT:USDT', channel: { key: 'k', group: 'public', topic: 'BTCUSDT@depth15', request: { kind: 'book' } }, rules: weexBookRules, now: () => 0 })
    for (const event of events) machine.handle({ type: 'event', event })
    expect([events[0]?.kind, machine.status, machine.stats.sequenceGaps, machine.book?.bids.length]).toEqual(['book-snapshot', 'live', 0, 15])
  })

  it('breaks the chain once when the skip-sequence fault is armed', async () => {
    const { ws, frames } = await connect()
    ws.send('{"method":"SUBSCRIBE","params":["BTCUSDT@depth15"],"id":1}')
    await waitFor(() => frames.some((f) => f.includes('"e":"depth"')))
    sim.faults.skipSequence()
    await waitFor(() => frames.filter((f) => f.includes('"e":"depth"')).length >= 4)
    const depth = json(frames).filter((f) => f['e'] === 'depth' || f['e'] === 'depthSnapshot')
    const breaks = depth.slice(1).filter((f, i) => f['U'] !== depth[i]?.['u'])
    expect(breaks.length).toBe(1)
  })

  it('streams ticker, trades and klines that decode into model events', async () => {
    const { ws, frames } = await connect()
    ws.send('{"method":"SUBSCRIBE","params":["BTCUSDT@ticker","BTCUSDT@trade","BTCUSDT@kline_1m_LAST_PRICE"],"id":1}')
    await waitFor(() => frames.some((f) => f.includes('"e":"trade"')) && frames.some((f) => f.includes('"e":"kline"')))
    const kinds = new Set(interpretAll(frames).flatMap((m) => (m.type === 'data' ? m.events.map((e) => e.kind) : [])))
    expect([...kinds].sort()).toEqual(['candle', 'mark-price', 'ticker', 'trade'])
  })

  it('refuses a private upgrade with a bad signature with 401', async () => {
    const headers = { ...privateHeaders(credentials, Date.now(), 'test'), 'ACCESS-SIGN': 'bad' }
    await expect(opened(socket('/v3/ws/private', headers).ws)).rejects.toThrow('401')
  })

  it('refuses a private upgrade with an expired timestamp with 401', async () => {
    await expect(opened(socket('/v3/ws/private', privateHeaders(credentials, Date.now() - 60_000, 'test')).ws)).rejects.toThrow('401')
  })

  it('pushes orders, fill, positions and account for an executed order', async () => {
    const { ws, frames } = await connect('/v3/ws/private', privateHeaders(credentials, Date.now(), 'test'))
    ws.send('{"method":"SUBSCRIBE","params":["orders","fill","positions","account"],"id":1}')
    await waitFor(() => frames.some((f) => f.includes('"result":true')))
    script.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', size: 0.01 })
    await waitFor(() => frames.some((f) => f.includes('"e":"account"')))
    const events = interpretAll(frames).flatMap((m) => (m.type === 'data' ? m.events : []))
    expect(events.map((e) => (e.kind === 'order' ? `order ${e.status}` : e.kind))).toEqual(['order open', 'order filled', 'fill', 'position', 'balance'])
  })

  it('sends private pings keyed by type', async () => {
    const { frames } = await connect('/v3/ws/private', privateHeaders(credentials, Date.now(), 'test'))
    await waitFor(() => frames.some((f) => f.includes('"ping"')))
    expect(json(frames).find((f) => f['type'] === 'ping')).toBeDefined()
  })
})
