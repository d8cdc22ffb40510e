import { WebSocket } from 'ws'
import { recordingLogger } from '../log/recording-logger'
import { closed, collectFrames, nextFrame, nextFrames, opened, waitFor } from '../wait'
import { MALFORMED_FRAME } from './faults'
import { startSimulator } from './server'
import type { SimConnection, Simulator, SimulatorScript } from './types'

/** A tiny protocol: `ping` → `pong`, `sub:<topic>` → ack or reject, `tick` → a sequenced frame, `boom` throws. */
const testScript = (): SimulatorScript => {
  let seq = 0
  return {
    name: 'test',
    onOpen: (conn) => conn.send('{"event":"welcome"}'),
    onMessage: (conn: SimConnection, text: string, sim: Simulator) => {
      if (text === 'ping') {
        if (sim.faults.answeringPings) conn.send('pong')
      } else if (text.startsWith('sub:')) {
        const reject = sim.faults.takeReject()
        conn.send(reject === undefined ? `{"ack":"${text.slice(4)}"}` : `{"error":"${reject.code}","msg":"${reject.message}"}`)
      } else if (text === 'tick') {
        seq += sim.faults.take('skip-sequence') ? 2 : 1
        conn.send(`{"seq":${seq}}`)
      } else if (text === 'boom') {
        throw new Error('script bug')
      }
    },
    schemaFailureFrame: () => '{"seq":"not a number"}',
    http: (req) => (req.path === '/token' ? { status: 200, body: `{"token":"t-${req.query.get('user') ?? ''}"}` } : undefined),
  }
}

describe('startSimulator', () => {
  let sim: Simulator
  const clients: WebSocket[] = []
  const logger = recordingLogger()

  const connect = async (path = '/ws'): Promise<WebSocket> => {
    const ws = new WebSocket(`${sim.wsBase}${path}`)
    clients.push(ws)
    const welcome = nextFrame(ws)
    await opened(ws)
    await welcome
    return ws
  }

  beforeEach(async () => {
    sim = await startSimulator(testScript(), { logger })
  })

  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate()
    await sim.close()
  })

  it('listens on an ephemeral port of 127.0.0.1 and records what the client sent', async () => {
    const ws = await connect('/ws?x=1')
    const ack = nextFrame(ws)
    ws.send('sub:trades')
    expect(await ack).toBe('{"ack":"trades"}')
    expect(sim.port).toBeGreaterThan(0)
    expect(sim.connections[0]?.path).toBe('/ws')
    expect(sim.connections[0]?.query.get('x')).toBe('1')
    expect(sim.connections[0]?.received).toEqual(['sub:trades'])
    expect(sim.connections[0]?.sent).toEqual(['{"event":"welcome"}', '{"ack":"trades"}'])
  })

  it('serves the script routes over HTTP on the same port and 404s the rest', async () => {
    const token = await fetch(`${sim.httpBase}/token?user=u1`, { method: 'POST', body: 'hello' })
    const missing = await fetch(`${sim.httpBase}/nowhere`)
    expect(await token.json()).toEqual({ token: 't-u1' })
    expect(missing.status).toBe(404)
    expect(sim.httpRequests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/token', 'hello'], ['GET', '/nowhere', '']])
  })

  it('drops every open connection with a close frame and the given code', async () => {
    const [a, b] = [await connect(), await connect()]
    const seen = [closed(a as WebSocket), closed(b as WebSocket)]
    sim.faults.dropConnections({ code: 4000, reason: 'maintenance' })
    expect(await Promise.all(seen)).toEqual([{ code: 4000, reason: 'maintenance' }, { code: 4000, reason: 'maintenance' }])
    await waitFor(() => sim.connections.every((c) => c.closedWith !== undefined))
    expect(sim.connections.map((c) => c.closedWith?.code)).toEqual([4000, 4000])
  })

  it('drops a connection without a close frame, so the client sees 1006', async () => {
    const ws = await connect()
    const seen = closed(ws)
    sim.faults.dropConnections({ closeFrame: false })
    expect((await seen).code).toBe(1006)
  })

  it('goes silent while keeping the socket open, and still records what the client sends', async () => {
    const ws = await connect()
    const frames = collectFrames(ws)
    sim.faults.silence()
    ws.send('ping')
    ws.ping()
    await waitFor(() => sim.connections[0]?.received.length === 1 && sim.connections[0].pings === 1)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(frames).toEqual([])
    expect(ws.readyState).toBe(WebSocket.OPEN)
    sim.faults.silence(false)
    const pong = nextFrame(ws)
    ws.send('ping')
    expect(await pong).toBe('pong')
  })

  it('stops answering application and protocol pings', async () => {
    const ws = await connect()
    const frames = collectFrames(ws)
    let pongs = 0
    ws.on('pong', () => (pongs += 1))
    sim.faults.stopAnsweringPings()
    ws.send('ping')
    ws.ping()
    ws.send('tick')
    await waitFor(() => frames.length === 1)
    expect(frames).toEqual(['{"seq":1}'])
    expect(pongs).toBe(0)
    expect(sim.connections[0]?.received).toEqual(['ping', 'tick'])
  })

  it('answers protocol pings by default', async () => {
    const ws = await connect()
    const pong = new Promise<void>((resolve) => ws.once('pong', () => resolve()))
    ws.ping()
    await pong
    expect(sim.connections[0]?.pings).toBe(1)
  })

  it('refuses the next N connects with an HTTP status, then accepts', async () => {
    sim.faults.refuseConnects(2, 429)
    const attempts = [new WebSocket(`${sim.wsBase}/ws`), new WebSocket(`${sim.wsBase}/ws`)]
    clients.push(...attempts)
    const errors = await Promise.all(attempts.map((ws) => opened(ws).then(() => 'opened', (e: Error) => e.message)))
    expect(errors).toEqual(['Unexpected server response: 429', 'Unexpected server response: 429'])
    await connect()
    expect(sim.refused.map((r) => r.status)).toEqual([429, 429])
    expect(sim.connections).toHaveLength(1)
  })

  it('refuses an upgrade the script does not authorize', async () => {
    await sim.close()
    sim = await startSimulator({ ...testScript(), authorize: (req) => (req.query.get('token') === 'ok' ? { ok: true } : { ok: false, status: 401 }) })
    const bad = new WebSocket(`${sim.wsBase}/ws?token=nope`)
    clients.push(bad)
    await expect(opened(bad)).rejects.toThrow('Unexpected server response: 401')
    await connect('/ws?token=ok')
    expect(sim.refused.map((r) => [r.query.get('token'), r.status])).toEqual([['nope', 401]])
  })

  it('rejects the next subscribe with the armed code, once', async () => {
    const ws = await connect()
    sim.faults.rejectNextSubscribe('60018', 'bad symbol')
    expect(sim.faults.pendingReject).toEqual({ code: '60018', message: 'bad symbol' })
    const replies = nextFrames(ws, 2)
    ws.send('sub:a')
    ws.send('sub:b')
    expect(await replies).toEqual(['{"error":"60018","msg":"bad symbol"}', '{"ack":"b"}'])
    expect(sim.faults.pendingReject).toBeUndefined()
  })

  it('sends a malformed frame to every open connection', async () => {
    const ws = await connect()
    const frame = nextFrame(ws)
    sim.faults.sendMalformed()
    const text = await frame
    expect(text).toBe(MALFORMED_FRAME)
    expect(() => JSON.parse(text) as unknown).toThrow()
  })

  it("sends the script's schema-failure frame", async () => {
    const ws = await connect()
    const frame = nextFrame(ws)
    sim.faults.sendSchemaFailure()
    expect(await frame).toBe('{"seq":"not a number"}')
    expect(sim.connections[0]?.sent).toContain('{"seq":"not a number"}')
  })

  it('arms one-shot flags that the script consumes once', async () => {
    const ws = await connect()
    sim.faults.skipSequence()
    const frames = nextFrames(ws, 3)
    ws.send('tick')
    ws.send('tick')
    ws.send('tick')
    expect(await frames).toEqual(['{"seq":2}', '{"seq":3}', '{"seq":4}'])
    sim.faults.corruptChecksum()
    sim.faults.expireToken()
    expect([sim.faults.take('corrupt-checksum'), sim.faults.take('corrupt-checksum')]).toEqual([true, false])
    expect([sim.faults.take('expire-token'), sim.faults.take('expire-token')]).toEqual([true, false])
  })

  it('delays frames and keeps their order', async () => {
    const ws = await connect()
    const frames = collectFrames(ws)
    sim.faults.delayFrames(80)
    ws.send('tick')
    ws.send('tick')
    await waitFor(() => sim.connections[0]?.received.length === 2)
    expect(frames).toEqual([])
    sim.faults.delayFrames(0)
    ws.send('tick')
    await waitFor(() => frames.length === 3)
    expect(frames).toEqual(['{"seq":1}', '{"seq":2}', '{"seq":3}'])
  })

  it('logs a script exception and keeps serving', async () => {
    const ws = await connect()
    const ack = nextFrame(ws)
    ws.send('boom')
    ws.send('sub:after')
    expect(await ack).toBe('{"ack":"after"}')
    expect(logger.lines.some((l) => l.level === 'error' && l.meta['callback'] === 'onMessage')).toBe(true)
  })

  it('answers 500 when a route throws, and keeps serving', async () => {
    await sim.close()
    sim = await startSimulator({ ...testScript(), http: (req) => (req.path === '/bad' ? Promise.reject(new Error('route bug')) : { status: 200, body: '{}' }) }, { logger })
    const [bad, good] = [await fetch(`${sim.httpBase}/bad`), await fetch(`${sim.httpBase}/good`)]
    expect([bad.status, good.status]).toEqual([500, 200])
    expect(logger.lines.some((l) => l.level === 'error' && l.meta['callback'] === 'http')).toBe(true)
  })

  it('refuses the upgrade with 500 when authorize throws', async () => {
    await sim.close()
    sim = await startSimulator({ ...testScript(), authorize: () => { throw new Error('auth bug') } }, { logger })
    const ws = new WebSocket(`${sim.wsBase}/ws`)
    clients.push(ws)
    await expect(opened(ws)).rejects.toThrow('Unexpected server response: 500')
  })

  it('runs and cancels script timers', async () => {
    const ticks: string[] = []
    const cancel = sim.every(5, () => ticks.push('every'))
    sim.after(5, () => ticks.push('after'))
    await waitFor(() => ticks.includes('after') && ticks.filter((t) => t === 'every').length >= 2)
    cancel()
    const count = ticks.length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(ticks).toHaveLength(count)
  })

  it('terminates its connections and timers on close', async () => {
    const ws = await connect()
    let runs = 0
    sim.every(5, () => (runs += 1))
    const seen = closed(ws)
    await sim.close()
    const after = runs
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect((await seen).code).toBe(1006)
    expect(runs).toBe(after)
  })
})
