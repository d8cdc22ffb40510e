import { waitFor } from '@tributary/testkit'
import { memoryIo } from '../__tests__/memory-io'
import { freePortRange } from './__tests__/free-ports'
import { main } from './main'

interface Line {
  readonly markets: readonly { readonly venue: string; readonly symbol: string; readonly book?: string; readonly connection?: string; readonly flags: readonly string[] }[]
  readonly spreads: readonly { readonly usable: boolean }[]
  readonly venues: readonly { readonly venue: string; readonly reconnects: number; readonly resyncs: number }[]
}

const VENUE_IDS = ['okx', 'kucoin', 'weex']
const allLive = (l: Line): boolean => l.markets.length > 0 && l.markets.every((m) => m.book === 'live' && m.connection === 'open')
const allDown = (l: Line): boolean => l.markets.length > 0 && l.markets.every((m) => m.book !== 'live' && m.connection !== 'open')
const venuesOf = (l: Line | undefined): readonly string[] => [...new Set(l?.markets.map((m) => m.venue))]
/** Resolves with whether `predicate` held within `timeoutMs`: a wait that timed out fails the `it` that asserts it. */
const within = (predicate: () => boolean, timeoutMs: number): Promise<boolean> => waitFor(predicate, timeoutMs, { intervalMs: 20 }).then(() => true, () => false)

/** A `tributary simulate` run in process, stopped by its abort signal as Ctrl-C stops the real one. */
const simulate = (port: number) => {
  const controller = new AbortController()
  const { io, stdout } = memoryIo({}, controller.signal)
  const done = main(['simulate', '--port', String(port), '--log-level', 'silent'], io)
  const stop = async (): Promise<number> => {
    controller.abort()
    return done
  }
  return { stdout, stop, done }
}

/**
 * Issue 8: `tributary spread --url …` against a running `tributary simulate`, which is stopped and restarted on the
 * same ports mid-run. The spread command reads the endpoints simulate prints, as a user would paste them.
 */
describe('tributary spread against tributary simulate, restarted mid-run', () => {
  const spreadStop = new AbortController()
  const spreadOut = memoryIo({}, spreadStop.signal)
  let spreadDone: Promise<number> = Promise.resolve(0)
  let sim: ReturnType<typeof simulate> | undefined
  const lines = (): Line[] =>
    spreadOut
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l) as Line)
  const phases = { before: [] as Line[], outage: [] as Line[], after: [] as Line[], stoppedWith: -1, restartedWith: -1, spreadExit: -1 }

  beforeAll(async () => {
    const port = await freePortRange(3)
    sim = simulate(port)
    await waitFor(() => sim?.stdout().includes('Connect with: ') === true, 5_000)
    const connect = sim.stdout().split('\n').find((l) => l.startsWith('Connect with: tributary spread ')) ?? ''
    const spreadArgs = connect.slice('Connect with: tributary '.length).split(' ')
    spreadDone = main([...spreadArgs, '--json', '--interval', '100ms', '--max-age', '2s', '--log-level', 'silent'], spreadOut.io)
    await within(() => lines().some(allLive), 5_000)
    phases.before = lines()
    const stopped = phases.before.length
    phases.stoppedWith = await sim.stop()
    await within(() => lines().slice(stopped).some(allDown), 5_000)
    phases.outage = lines().slice(stopped)
    const restarted = lines().length
    sim = simulate(port)
    await within(() => lines().slice(restarted).some((l) => allLive(l) && l.venues.every((v) => v.reconnects > 0)), 10_000)
    phases.after = lines().slice(restarted)
    phases.restartedWith = await sim.stop()
    sim = undefined
    spreadStop.abort()
    phases.spreadExit = await spreadDone
  }, 25_000)

  afterAll(async () => {
    spreadStop.abort()
    await spreadDone
    await sim?.stop()
  })

  it('streams live books on open connections from all three simulated venues', () => {
    expect(venuesOf(phases.before.find(allLive))).toEqual(VENUE_IDS)
  })

  it('computes spreads between the venues while every book is live', () => {
    expect(phases.before.find(allLive)?.spreads.some((s) => s.usable)).toBe(true)
  })

  it('stops both simulate runs and the spread command cleanly, exit code 0', () => {
    expect([phases.stoppedWith, phases.restartedWith, phases.spreadExit]).toEqual([0, 0, 0])
  })

  it('shows every connection down and every book not live once simulate stops', () => {
    const down = phases.outage.find(allDown)
    expect([venuesOf(down), down?.markets.every((m) => m.flags.includes('connection-down') && m.flags.includes('book-not-live'))]).toEqual([VENUE_IDS, true])
  })

  it('uses no book of a stopped venue: no spread is usable during the outage', () => {
    expect(phases.outage.filter(allDown).flatMap((l) => l.spreads.filter((s) => s.usable))).toEqual([])
  })

  it('brings every book back live and usable on an open connection once simulate restarts', () => {
    const live = phases.after.find(allLive)
    expect([venuesOf(live), live?.markets.flatMap((m) => m.flags)]).toEqual([VENUE_IDS, []])
  })

  it('computes spreads again after the restart', () => {
    expect(phases.after.filter(allLive).at(-1)?.spreads.some((s) => s.usable)).toBe(true)
  })

  it('counts at least one reconnect for every venue', () => {
    const last = phases.after.at(-1)
    expect(last?.venues.filter((v) => v.reconnects > 0).map((v) => v.venue)).toEqual(VENUE_IDS)
  })

  it('counts at least one book resync for every venue, its books rebuilt after the restart', () => {
    const last = phases.after.at(-1)
    expect(last?.venues.filter((v) => v.resyncs > 0).map((v) => v.venue)).toEqual(VENUE_IDS)
  })

  it('marks every book stale while its venue is down, never serving it as live', () => {
    const stale = new Set(phases.outage.flatMap((l) => l.markets.filter((m) => m.book === 'stale').map((m) => `${m.venue} ${m.symbol}`)))
    expect([...stale].sort()).toEqual(phases.before[0]?.markets.map((m) => `${m.venue} ${m.symbol}`).sort())
  })
})
