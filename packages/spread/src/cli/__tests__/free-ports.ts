import { createServer, type Server } from 'node:net'

const listen = (port: number): Promise<Server | undefined> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(undefined))
    server.listen(port, '127.0.0.1', () => resolve(server))
  })

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()))

/**
 * A first port N such that N … N + count - 1 are free on 127.0.0.1 right now (`tributary simulate --port N` takes
 * one port per venue): binds port 0, then the ports after it, and releases them all.
 */
export const freePortRange = async (count: number, attempts = 20): Promise<number> => {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const first = await listen(0)
    const address = first?.address()
    if (first === undefined || address === null || address === undefined || typeof address === 'string') throw new Error('freePortRange: could not bind an ephemeral port on 127.0.0.1')
    const held: Server[] = [first]
    for (let port = address.port + 1; port < address.port + count && port <= 65_535; port++) {
      const next = await listen(port)
      if (next === undefined) break
      held.push(next)
    }
    await Promise.all(held.map(close))
    if (held.length === count) return address.port
  }
  throw new Error(`freePortRange: no ${count} consecutive free ports on 127.0.0.1 in ${attempts} attempts`)
}
