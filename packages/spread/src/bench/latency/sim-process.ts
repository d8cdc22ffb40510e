import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { SimCommand, SimEndpoints, SimReply, SimVenue } from './protocol'

/** The simulator running in its own process, driven over IPC. */
export interface SimProcess {
  readonly endpoints: Readonly<Record<SimVenue, SimEndpoints>>
  readonly pid: number
  request<T extends SimReply['type']>(command: SimCommand, expect: T, timeoutMs?: number): Promise<Extract<SimReply, { type: T }>>
  stop(): Promise<void>
}

/** Forks `sim-child.js` (serving books of `bookDepth` levels per side) and waits until it listens. */
export const startSimProcess = (bookDepth = 200): Promise<SimProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(__dirname, 'sim-child.js'), [String(bookDepth)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const waiting: { type: string; resolve: (r: SimReply) => void }[] = []
    child.on('message', (m: SimReply) => {
      if (m.type === 'ready') {
        resolve(handle(m.endpoints))
        return
      }
      const i = waiting.findIndex((w) => w.type === m.type)
      if (i >= 0) waiting.splice(i, 1)[0]?.resolve(m)
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`simulator process exited early (${String(code)})`)))
    const handle = (endpoints: Readonly<Record<SimVenue, SimEndpoints>>): SimProcess => ({
      endpoints,
      pid: child.pid ?? 0,
      request: <T extends SimReply['type']>(command: SimCommand, expect: T, timeoutMs = 120_000) =>
        new Promise<Extract<SimReply, { type: T }>>((ok, fail) => {
          const timer = setTimeout(() => fail(new Error(`simulator: no ${expect} reply in ${timeoutMs} ms`)), timeoutMs)
          waiting.push({
            type: expect,
            resolve: (r) => {
              clearTimeout(timer)
              ok(r as Extract<SimReply, { type: T }>)
            },
          })
          child.send(command)
        }),
      stop: () =>
        new Promise<void>((ok) => {
          if (child.exitCode !== null) return ok()
          child.removeAllListeners('exit')
          child.once('exit', () => ok())
          child.send({ type: 'stop' } satisfies SimCommand)
          setTimeout(() => child.kill(), 2_000).unref()
        }),
    })
  })
