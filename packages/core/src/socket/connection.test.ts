import { ConnectionClosedError, RequestTimeoutError } from '../errors'
import { type Logger, silentLogger, SecretRegistry } from '../log/logger'
import type { FeedEvent } from '../model/events'
import type { ConnectionState, Issue } from '../model/health'
import type { VenueChannel } from '../venue'
import { fakeDialer, type FakeServer, type FakeSocket, virtualClock } from './__tests__/fake-dialer'
import { createTestVenue, type TestVenueOptions } from './__tests__/test-venue'
import { Connection } from './connection'

const channel = (topic: string): VenueChannel => ({ key: topic, group: 'public', topic, request: { kind: 'ticker', symbol: topic } })

/** Acks every subscribe, answers pings, and (with login) accepts the login. */
const polite: FakeServer = {
  onFrame: (socket, frame) => {
    if (frame === 'ping') socket.push('pong')
    else if (frame.includes('"op":"login"')) socket.push('{"event":"login","code":"0"}')
    else if (frame.includes('"op":"subscribe"')) socket.push(`{"event":"ack","id":${String((JSON.parse(frame) as { id: number }).id)}}`)
  },
}

const setup = (venue: TestVenueOptions = {}, server: FakeServer = polite, delayMs: (attempt: number) => number = () => 100, logger: Logger = silentLogger) => {
  const { scheduler, advance } = virtualClock()
  const { dialer, sockets } = fakeDialer(scheduler, server)
  const states: ConnectionState[] = []
  const data: { topic: string; events: readonly FeedEvent[] }[] = []
  const rejected: string[] = []
  const failed: unknown[] = []
  const issues: Issue[] = []
  const resolved: number[] = []
  const spec = createTestVenue({
    resolve: (ctx) => {
      resolved.push(ctx.attempt)
      return Promise.resolve({ url: `ws://fake/${ctx.attempt}` })
    },
    ...venue,
  }).spec
  const connection = new Connection({
    spec,
    group: 'public',
    id: 'public#1',
    dial: dialer,
    http: () => Promise.reject(new Error('no http in this test')),
    now: () => scheduler.now(),
    secrets: new SecretRegistry(),
    logger,
    scheduler,
    delayMs,
    healthyAfterMs: 5_000,
    instrument: () => undefined,
    hooks: {
      data: (_c, topic, events) => data.push({ topic, events }),
      rejected: (_c, channels, error) => rejected.push(...channels.map((c) => `${c.topic}:${error.code}`)),
      failed: (_c, error) => failed.push(error),
      state: (s) => states.push(s),
      issue: (i) => issues.push(i),
    },
  })
  const sent = (s: FakeSocket | undefined): string[] => s?.sent.map((x) => x.frame).filter((f) => f !== 'ping') ?? []
  return { scheduler, advance, sockets, states, data, rejected, failed, issues, resolved, connection, sent }
}

describe('Connection', () => {
  it('resolves the endpoint afresh before every attempt', async () => {
    const t = setup({}, { refuse: (n) => (n < 3 ? 401 : undefined) })
    t.connection.add([channel('a')])
    await t.advance(1_000)
    expect(t.resolved).toEqual([1, 2, 3])
    expect(t.sockets.map((s) => s.endpoint.url)).toEqual(['ws://fake/1', 'ws://fake/2', 'ws://fake/3'])
  })

  it('retries when the endpoint cannot be resolved, saying why', async () => {
    let calls = 0
    const t = setup({ resolve: () => (++calls === 1 ? Promise.reject(new Error('token endpoint down')) : Promise.resolve({ url: 'ws://fake' })) })
    t.connection.add([channel('a')])
    await t.advance(200)
    expect(t.states.find((s) => s.state === 'reconnecting')?.reason).toBe('test public#1: connection closed: endpoint could not be resolved: token endpoint down')
    expect(t.sockets).toHaveLength(1)
  })

  it('sends login, waits for the ready signal, then subscribes, on every reconnect', async () => {
    const t = setup({ login: true })
    t.connection.add([channel('a'), channel('b')])
    await t.advance(50)
    t.sockets[0]?.drop(1006)
    await t.advance(500)
    for (const socket of t.sockets) {
      expect(t.sent(socket).map((f) => (JSON.parse(f) as { op: string }).op)).toEqual(['login', 'subscribe'])
      const login = socket.sent[0]?.at ?? 0
      const subscribe = socket.sent.find((s) => s.frame.includes('subscribe'))?.at ?? 0
      expect(subscribe).toBeGreaterThan(login)
    }
    expect(t.sockets).toHaveLength(2)
  })

  it('subscribes channels added in the same tick in one request, chunked by maxChannelsPerRequest', async () => {
    const t = setup({ limits: { maxChannelsPerRequest: 2 } })
    t.connection.add([channel('a')])
    await t.advance(10)
    t.connection.add([channel('b')])
    t.connection.add([channel('c'), channel('d')])
    await t.advance(10)
    expect(t.sent(t.sockets[0])).toEqual([
      '{"op":"subscribe","id":1,"args":["a"]}',
      '{"op":"subscribe","id":2,"args":["b","c"]}',
      '{"op":"subscribe","id":3,"args":["d"]}',
    ])
  })

  it('pings every intervalMs from the moment the socket opens', async () => {
    const t = setup({ heartbeat: { intervalMs: 100, timeoutMs: 1_000 } })
    t.connection.add([channel('a')])
    await t.advance(350)
    expect(t.sockets[0]?.sent.filter((s) => s.frame === 'ping').map((s) => s.at)).toEqual([101, 201, 301])
  })

  it('takes heartbeat figures handed out with the endpoint', async () => {
    const t = setup({ resolve: () => Promise.resolve({ url: 'ws://fake', heartbeat: { intervalMs: 40 } }) })
    t.connection.add([channel('a')])
    await t.advance(130)
    expect(t.sockets[0]?.sent.filter((s) => s.frame === 'ping').map((s) => s.at)).toEqual([41, 81, 121])
  })

  it('stays open while pongs keep arriving', async () => {
    const t = setup({ heartbeat: { intervalMs: 100, timeoutMs: 250 } })
    t.connection.add([channel('a')])
    await t.advance(2_000)
    expect(t.sockets).toHaveLength(1)
  })

  it('declares the connection stale after timeoutMs without any frame and reconnects', async () => {
    const t = setup({ heartbeat: { intervalMs: 100, timeoutMs: 250 } }, {})
    t.connection.add([channel('a')])
    await t.advance(400)
    const reconnecting = t.states.find((s) => s.state === 'reconnecting')
    expect(reconnecting?.ts).toBe(251)
    expect(reconnecting?.reason).toMatch(/no frame for 250 ms/)
    expect(t.sockets).toHaveLength(2)
  })

  it('reports reconnecting with the attempt, the delay and the close code', async () => {
    const t = setup({}, polite, (n) => n * 10)
    t.connection.add([channel('a')])
    await t.advance(5)
    t.sockets[0]?.drop(4001, 'bye')
    await t.advance(5)
    expect(t.states.map((s) => [s.state, s.attempt, s.delayMs, s.code, s.reason])).toEqual([
      ['connecting', 1, undefined, undefined, undefined],
      ['open', 1, undefined, undefined, undefined],
      ['reconnecting', 1, 10, 4001, 'test public#1: connection closed (4001): bye'],
    ])
  })

  it('waits delayMs(attempt) before each consecutive redial', async () => {
    const t = setup({}, { refuse: () => 503 }, (n) => n * 100)
    t.connection.add([channel('a')])
    await t.advance(1_000)
    expect(t.states.filter((s) => s.state === 'connecting').map((s) => s.ts)).toEqual([0, 101, 302, 603]) // refused 1 ms after each dial, then 100, 200, 300
  })

  it('restarts backoff at attempt 1 once a connection stayed open for healthyAfterMs', async () => {
    const t = setup({}, polite, (n) => n * 100)
    t.connection.add([channel('a')])
    await t.advance(6_000)
    t.sockets[0]?.drop()
    await t.advance(300)
    t.sockets[1]?.drop()
    await t.advance(500)
    expect(t.states.filter((s) => s.state === 'reconnecting').map((s) => s.attempt)).toEqual([1, 2])
    await t.advance(6_000)
    t.sockets[2]?.drop()
    await t.advance(10)
    expect(t.states.filter((s) => s.state === 'reconnecting').map((s) => s.attempt)).toEqual([1, 2, 1])
  })

  it('never retries a failed login: the connection closes for good', async () => {
    const t = setup({ login: true }, { onFrame: (s, f) => f.includes('login') && s.push('{"event":"login","code":"60009","msg":"bad key"}') })
    t.connection.add([channel('a')])
    await t.advance(2_000)
    expect(t.sockets).toHaveLength(1)
    expect(t.failed).toHaveLength(1)
    expect(t.states.at(-1)).toMatchObject({ state: 'closed', reason: 'test: authentication failed: 60009 bad key' })
  })

  it('reconnects when the ready signal does not come in time', async () => {
    const t = setup({ awaitReady: true, readyTimeoutMs: 200 }, polite, () => 0)
    t.connection.add([channel('a')])
    await t.advance(250)
    expect(t.states.find((s) => s.state === 'reconnecting')?.reason).toMatch(/ready signal timed out after 200 ms/)
    expect(t.sent(t.sockets[0])).toEqual([])
  })

  it('errors only the rejected channel and does not resubscribe it after a reconnect', async () => {
    const server: FakeServer = {
      onFrame: (s, f) => f.includes('"bad"') && s.push('{"event":"error","topic":"bad","code":"60018","msg":"no such symbol"}'),
    }
    const t = setup({ limits: { maxChannelsPerRequest: 1 } }, server, () => 0)
    t.connection.add([channel('good'), channel('bad')])
    await t.advance(10)
    t.sockets[0]?.drop()
    await t.advance(10)
    expect(t.rejected).toEqual(['bad:60018'])
    expect(t.sent(t.sockets[1])).toEqual(['{"op":"subscribe","id":3,"args":["good"]}'])
  })

  it('correlates a rejection without topic to the request id', async () => {
    const server: FakeServer = { onFrame: (s, f) => f.includes('"b"') && s.push(`{"event":"error","id":${String((JSON.parse(f) as { id: number }).id)},"code":"1"}`) }
    const t = setup({ limits: { maxChannelsPerRequest: 1 } }, server)
    t.connection.add([channel('a'), channel('b')])
    await t.advance(10)
    expect(t.rejected).toEqual(['b:1'])
  })

  it('errors only the channel a rejection names, not the whole request it came with', async () => {
    const server: FakeServer = {
      onFrame: (s, f) => f.includes('"op":"subscribe"') && s.push(`{"event":"error","id":${String((JSON.parse(f) as { id: number }).id)},"topic":"b","code":"2"}`),
    }
    const t = setup({}, server)
    t.connection.add([channel('a'), channel('b')])
    await t.advance(10)
    expect(t.rejected).toEqual(['b:2'])
  })

  it('queues subscribes beyond opsPerWindow until the window has room', async () => {
    const t = setup({ limits: { maxChannelsPerRequest: 1, opsPerWindow: { ops: 2, windowMs: 1_000 } } })
    t.connection.add([channel('a'), channel('b'), channel('c')])
    await t.advance(1_100)
    expect(t.sockets[0]?.sent.filter((s) => s.frame !== 'ping').map((s) => s.at)).toEqual([1, 1, 1001])
  })

  it('warns once when a subscribe must wait for the venue rate limit, and counts every held frame', async () => {
    const warnings: [string, unknown][] = []
    const logger = { ...silentLogger, warn: (m: string, meta?: unknown) => void warnings.push([m, meta]), child: () => logger }
    const t = setup({ limits: { maxChannelsPerRequest: 1, opsPerWindow: { ops: 1, windowMs: 60_000 } } }, polite, undefined, logger)
    t.connection.add([channel('a'), channel('b'), channel('c')])
    await t.advance(10)
    expect(warnings).toEqual([
      ["uplink frames held by the venue's rate limit", { connection: 'public#1', kind: 'op', waitMs: 60_000, limit: '1 subscribe/unsubscribe/login requests per 60 s' }],
    ])
    expect(t.connection.counters.framesHeld).toBe(2)
    expect(t.connection.framesWaiting).toBe(2)
    await t.advance(60_000)
    expect(t.connection.framesWaiting).toBe(1)
    expect(warnings).toHaveLength(1)
  })

  it('answers the server ping with the reply frame', async () => {
    const t = setup({}, { onOpen: (s) => s.push('{"event":"ping","t":7}') })
    t.connection.add([channel('a')])
    await t.advance(10)
    expect(t.sent(t.sockets[0])).toContain('{"event":"pong","t":7}')
  })

  it('routes data frames to the topic and publishes unknown frames as issues', async () => {
    const t = setup({}, { onOpen: (s) => {
      s.push('{"topic":"a","data":[{"kind":"ticker","symbol":"A/B","ts":1}]}')
      s.push('{"event":"surprise"}')
      s.push('not json')
    } })
    t.connection.add([channel('a')])
    await t.advance(10)
    expect(t.data.map((d) => d.topic)).toEqual(['a'])
    expect(t.issues.map((i) => i.code)).toEqual(['unknown-frame', 'decode-error'])
    expect(t.connection.counters).toMatchObject({ framesIn: 3, decodeErrors: 1, unknownFrames: 1 })
  })

  it('publishes an issue message as an issue with its code, without counting an unknown frame', async () => {
    const t = setup({}, { onOpen: (s) => s.push('{"event":"degraded","msg":"contract value unknown for A-B-SWAP"}') })
    t.connection.add([channel('a')])
    await t.advance(10)
    expect(t.issues.map((i) => [i.code, i.message, i.connection])).toEqual([['degraded-data', 'contract value unknown for A-B-SWAP', 'public#1']])
    expect(t.connection.counters).toMatchObject({ framesIn: 1, unknownFrames: 0 })
  })

  it('on a close notice opens the replacement, resubscribes there, then drops the old socket', async () => {
    const t = setup()
    const open: boolean[] = []
    t.connection.open$.subscribe((o) => open.push(o))
    t.connection.add([channel('a')])
    await t.advance(10)
    t.sockets[0]?.push('{"event":"notice","msg":"upgrade"}')
    await t.advance(10)
    expect(t.sockets).toHaveLength(2)
    expect(t.sockets[0]?.open).toBe(false)
    expect(t.sent(t.sockets[1])).toEqual(['{"op":"subscribe","id":2,"args":["a"]}'])
    expect(t.states.map((s) => s.state)).toEqual(['connecting', 'open', 'open'])
    expect(open).toEqual([false, true, false, true])
  })

  it('closes a replacement still dialing when the connection closes', async () => {
    const t = setup({ login: true }, { onFrame: (s, f) => s.n === 1 && polite.onFrame?.(s, f) })
    t.connection.add([channel('a')])
    await t.advance(10)
    t.sockets[0]?.push('{"event":"notice"}')
    await t.advance(10)
    expect(t.sockets[1]?.open).toBe(true)
    t.connection.close()
    expect(t.sockets.map((s) => s.open)).toEqual([false, false])
  })

  it('sends the unsubscribe, then closes, when closed', async () => {
    const t = setup()
    t.connection.add([channel('a')])
    await t.advance(10)
    t.connection.remove([channel('a')])
    t.connection.close()
    expect(t.sent(t.sockets[0])).toEqual(['{"op":"subscribe","id":1,"args":["a"]}', '{"op":"unsubscribe","id":2,"args":["a"]}'])
    expect(t.sockets[0]?.open).toBe(false)
    expect(t.states.at(-1)?.state).toBe('closed')
  })

  it('never delivers a frame of a socket it has dropped', async () => {
    const t = setup({}, polite, () => 50)
    t.connection.add([channel('a')])
    await t.advance(10)
    const dead = t.sockets[0]
    dead?.drop()
    dead?.leak('{"topic":"a","data":[{"kind":"ticker","symbol":"A/B","ts":1}]}')
    await t.advance(100)
    dead?.leak('{"topic":"a","data":[{"kind":"ticker","symbol":"A/B","ts":2}]}')
    t.sockets[1]?.push('{"topic":"a","data":[{"kind":"ticker","symbol":"A/B","ts":3}]}')
    await t.advance(10)
    expect(t.data.flatMap((d) => d.events.map((e) => e.ts))).toEqual([3])
    expect(t.connection.counters.framesIn).toBe(3) // the ack of each socket and the live frame
  })

  it('rejects a request that gets no response in time', async () => {
    const t = setup()
    const answer = t.connection.request((id) => JSON.stringify({ op: 'order', id }), 100)
    const settled = answer.catch((e: unknown) => e)
    await t.advance(150)
    expect(await settled).toBeInstanceOf(RequestTimeoutError)
  })

  it('rejects pending requests when the connection closes', async () => {
    const t = setup()
    const settled = t.connection.request((id) => JSON.stringify({ op: 'order', id }), 1_000).catch((e: unknown) => e)
    await t.advance(10)
    t.connection.close()
    expect(await settled).toBeInstanceOf(ConnectionClosedError)
  })

  it('resolves a request with the matching response', async () => {
    const t = setup({}, { onFrame: (s, f) => f.includes('order') && s.push(`{"event":"response","id":${String((JSON.parse(f) as { id: number }).id)},"result":"ok"}`) })
    const answer = t.connection.request((id) => JSON.stringify({ op: 'order', id }), 1_000)
    await t.advance(10)
    await expect(answer).resolves.toBe('ok')
  })
})
