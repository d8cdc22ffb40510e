import { startSimulator, type Simulator, waitFor } from '@tributary/testkit'
import { ConnectionClosedError } from '../errors'
import { wsDialer, type Wire, type WireEvent, type WsDialerOptions } from './wire'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const ctx = { venue: 'test', connection: 'public#1' }
const echo = { name: 'echo', onMessage: (conn: { send(text: string): void }, text: string) => conn.send(`echo:${text}`) }

const dialed = (url: string, headers?: Record<string, string>, options?: WsDialerOptions) => {
  const events: WireEvent[] = []
  const box: { error: unknown } = { error: undefined }
  const subscription = wsDialer(options)({ url, ...(headers === undefined ? {} : { headers }) }, ctx).subscribe({
    next: (e) => events.push(e),
    error: (e: unknown) => (box.error = e),
  })
  const wire = (): Wire | undefined => events.find((e): e is Wire => typeof e !== 'string')
  return { events, box, subscription, wire, frames: () => events.filter((e): e is string => typeof e === 'string') }
}

describe('wsDialer', () => {
  it('emits the wire on open, then every text frame, and sends the headers with the upgrade', async () => {
    sim = await startSimulator(echo)
    const d = dialed(`${sim.wsBase}/ws`, { 'User-Agent': 'tributary-test/1' })
    await waitFor(() => d.wire() !== undefined)
    d.wire()?.send('hello')
    await waitFor(() => d.frames().length === 1)
    expect(d.frames()).toEqual(['echo:hello'])
    expect(sim.connections[0]?.headers['user-agent']).toBe('tributary-test/1')
    d.subscription.unsubscribe()
  })

  it('offers permessage-deflate with the upgrade unless told not to', async () => {
    sim = await startSimulator(echo)
    const offered = dialed(`${sim.wsBase}/ws`)
    const plain = dialed(`${sim.wsBase}/ws`, undefined, { perMessageDeflate: false })
    await waitFor(() => offered.wire() !== undefined && plain.wire() !== undefined && sim?.connections.length === 2)
    const extensions = sim.connections.map((c) => c.headers['sec-websocket-extensions'] ?? 'none').sort()
    expect(extensions).toEqual(['none', expect.stringContaining('permessage-deflate')])
    offered.subscription.unsubscribe()
    plain.subscription.unsubscribe()
  })

  it('errors with the close code and reason the server sent', async () => {
    sim = await startSimulator(echo)
    const d = dialed(`${sim.wsBase}/ws`)
    await waitFor(() => d.wire() !== undefined)
    sim.faults.dropConnections({ code: 4001, reason: 'bye' })
    await waitFor(() => d.box.error !== undefined)
    expect(d.box.error).toBeInstanceOf(ConnectionClosedError)
    expect(d.box.error).toMatchObject({ code: 4001, reason: 'bye' })
  })

  it('errors with the HTTP status of a refused upgrade', async () => {
    sim = await startSimulator(echo)
    sim.faults.refuseConnects(1, 401)
    const d = dialed(`${sim.wsBase}/ws`)
    await waitFor(() => d.box.error !== undefined)
    expect(d.box.error).toMatchObject({ kind: 'connection-closed', code: 401 })
  })

  it('detaches at once on unsubscribe: frames still in flight are never delivered, and the socket closes', async () => {
    sim = await startSimulator(echo)
    const d = dialed(`${sim.wsBase}/ws`)
    await waitFor(() => d.wire() !== undefined && sim?.openConnections.length === 1)
    const server = sim.openConnections[0]
    d.subscription.unsubscribe()
    server?.send('late')
    await sim.waitFor(() => server?.closedWith !== undefined)
    expect(d.frames()).toEqual([])
    expect(server?.closedWith?.code).toBe(1000)
  })
})
