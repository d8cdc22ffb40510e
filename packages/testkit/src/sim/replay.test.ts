import { WebSocket } from 'ws'
import { fixturePath, readCapture, type CaptureLine } from '../capture'
import { collectFrames, opened, waitFor } from '../wait'
import { replayScript, type ReplayScript } from './replay'
import { startSimulator } from './server'
import type { Simulator } from './types'

const weex = readCapture(fixturePath('weex/weex-contract-v3-2026-09-06-server-ping-and-reject-close.jsonl'))
const inFrames = (label: string): readonly string[] => weex.filter((l) => l.dir === 'in' && l.conn.endsWith(label)).map((l) => l.data)

const line = (n: number, ts: number, dir: CaptureLine['dir'], data: string, url?: string): CaptureLine => ({
  line: n,
  ts,
  dir,
  conn: dir === 'http' ? 'rest' : 'wss://venue.example/ws/public#1',
  data,
  ...(url === undefined ? {} : { url }),
})

describe('replayScript', () => {
  let sim: Simulator | undefined
  const clients: WebSocket[] = []

  const connect = async (path: string): Promise<{ ws: WebSocket; frames: readonly string[] }> => {
    if (sim === undefined) throw new Error('no simulator')
    const ws = new WebSocket(`${sim.wsBase}${path}`)
    clients.push(ws)
    const frames = collectFrames(ws)
    await opened(ws)
    return { ws, frames }
  }

  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate()
    await sim?.close()
    sim = undefined
  })

  it('streams each recorded connection to one client, in recorded order, as fast as possible', async () => {
    const script = replayScript(weex)
    sim = await startSimulator(script)
    const first = await connect('/v3/ws/public')
    const second = await connect('/v3/ws/public')
    await waitFor(() => first.frames.length === 3 && second.frames.length === 6)
    expect(first.frames).toEqual(inFrames('#ping-session'))
    expect(second.frames).toEqual(inFrames('#reject-session'))
    expect(sim.connections.map((c) => script.finished(c))).toEqual([true, true])
  })

  it('records what the client sent during a replay', async () => {
    sim = await startSimulator(replayScript(weex))
    const { ws } = await connect('/v3/ws/public')
    ws.send('{"method":"SUBSCRIBE","params":["btcusdt@bogus_1"],"id":1}')
    await waitFor(() => sim?.connections[0]?.received.length === 1)
    expect(sim.connections[0]?.received).toEqual(['{"method":"SUBSCRIBE","params":["btcusdt@bogus_1"],"id":1}'])
  })

  it('gives a client nothing when no recorded connection is left', async () => {
    const script = replayScript(weex)
    sim = await startSimulator(script)
    await connect('/v3/ws/public')
    await connect('/v3/ws/public')
    const third = await connect('/v3/ws/public')
    await waitFor(() => sim?.connections.slice(0, 2).every((c) => script.finished(c)) === true)
    expect(third.frames).toEqual([])
    expect(sim.connections[2] && script.progress(sim.connections[2])).toBeUndefined()
  })

  it('keeps the recorded gaps, divided by speed, under recorded pacing', async () => {
    const recorded = weex.filter((l) => l.conn.endsWith('#reject-session'))
    const firstTs = recorded[0]?.ts ?? 0
    const lastTs = recorded[recorded.length - 1]?.ts ?? 0
    const speed = 50
    sim = await startSimulator(replayScript(recorded, { pacing: 'recorded', speed }))
    const startedAt = Date.now()
    const { frames } = await connect('/v3/ws/public')
    await waitFor(() => frames.length === 6, 3000)
    expect(frames).toEqual(inFrames('#reject-session'))
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(((lastTs - firstTs) / speed) * 0.9)
  })

  it('holds an HTTP response back until the frames recorded before it have been sent', async () => {
    const lines = [
      line(1, 0, 'in', '{"n":1}'),
      line(2, 100, 'in', '{"n":2}'),
      line(3, 150, 'http', '{"snapshot":true}', 'https://venue.example/api/book?symbol=A&depth=5'),
      line(4, 200, 'in', '{"n":3}'),
    ]
    sim = await startSimulator(replayScript(lines, { pacing: 'recorded', speed: 1 }))
    await connect('/ws/public')
    const response = await fetch(`${sim.httpBase}/api/book?depth=5&symbol=A`)
    const seenAtResponse = sim.connections[0]?.sent.length
    expect(await response.json()).toEqual({ snapshot: true })
    expect(seenAtResponse).toBeGreaterThanOrEqual(2)
  })

  it('answers a recorded KuCoin snapshot only after the updates recorded before it', async () => {
    const kucoin = readCapture(fixturePath('kucoin/kucoin-spot-2021-04-25-l2-ticker-match-candles.jsonl'))
    const snapshotLine = kucoin.findIndex((l) => l.dir === 'http' && l.url?.includes('symbol=SNX-BTC') === true)
    const framesBefore = kucoin.slice(0, snapshotLine).filter((l) => l.dir === 'in').length
    sim = await startSimulator(replayScript(kucoin, { pacing: 'recorded', speed: 20 }))
    await connect('/endpoint?token=redacted')
    const response = await fetch(`${sim.httpBase}/api/v3/market/orderbook/level2?symbol=SNX-BTC`)
    const sentAtResponse = sim.connections[0]?.sent.length ?? 0
    const body = (await response.json()) as { data: { sequence: string } }
    expect(body.data.sequence).toBe('1612844051657')
    expect(sentAtResponse).toBeGreaterThanOrEqual(framesBefore)
  })

  it('routes URLs missing from the capture to the fallback, else 404', async () => {
    const lines = [line(1, 0, 'http', '{"a":1}', 'https://venue.example/api/a')]
    sim = await startSimulator(replayScript(lines, { http: (req) => (req.path === '/bullet' ? { status: 200, body: '{"token":"x"}' } : undefined) }))
    const [a, again, bullet, missing] = await Promise.all(
      ['/api/a', '/api/a', '/bullet', '/nope'].map((path) => fetch(`${sim?.httpBase ?? ''}${path}`, path === '/bullet' ? { method: 'POST' } : {})),
    )
    expect(await a?.text()).toBe('{"a":1}')
    expect(await again?.text()).toBe('{"a":1}')
    expect(await bullet?.text()).toBe('{"token":"x"}')
    expect(missing?.status).toBe(404)
  })

  it('waits for the first client frame when asked to', async () => {
    const script: ReplayScript = replayScript(weex, { startOn: 'first-message' })
    sim = await startSimulator(script)
    const { ws, frames } = await connect('/v3/ws/public')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(frames).toEqual([])
    ws.send('{"method":"SUBSCRIBE"}')
    await waitFor(() => frames.length === 3)
    expect(frames).toEqual(inFrames('#ping-session'))
  })
})
