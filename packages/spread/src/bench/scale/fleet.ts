/**
 * Many books at once through Tributary's feeds against the simulator process: `node --expose-gc fleet.js <books>
 * <depth>` prints a {@link FleetResult}. Run in a fresh process so its RSS and heap are the fleet's alone.
 */
import { createFeed, type Feed } from '@tributary/core'
import type { Subscription } from 'rxjs'
import { jsonFromChild } from '../fresh-process'
import { SIM_VENUES, type SimVenue } from '../latency/protocol'
import { startSimProcess } from '../latency/sim-process'
import { benchVenues } from '../latency/venues'
import { benchInstruments } from '../synthetic/frames'

export interface VenueFleet {
  readonly venue: SimVenue
  readonly books: number
  readonly live: number
  /** From the first subscribe call to this venue's last book going live, ms. */
  readonly allLiveMs: number
  readonly connections: number
  readonly subscribeOps: readonly number[]
  readonly channels: readonly number[]
}

export interface FleetResult {
  readonly books: number
  readonly depth: number
  readonly live: number
  readonly allLiveMs: number
  readonly venues: readonly VenueFleet[]
  readonly rssMB: number
  readonly heapMB: number
  readonly baseHeapMB: number
  /** RSS and heap after `settleMs` more of holding the books (then gc), when asked for. */
  readonly settled?: { readonly rssMB: number; readonly heapMB: number; readonly settleMs: number }
}

const usage = (): { rss: number; heap: number } => {
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < 3; i++) gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss / 2 ** 20, heap: m.heapUsed / 2 ** 20 }
}

const unified = (venue: SimVenue, base: string): string => (venue === 'weex' ? `${base}/USDT:USDT` : `${base}/USDT`)

/** Subscribes `books` books (split across the venues) of `depth` levels and waits until all are live. */
export const bookFleet = async (books: number, depth: number, timeoutMs = 120_000, settleMs = 0): Promise<FleetResult> => {
  const sim = await startSimProcess(depth)
  const venues = benchVenues(sim.endpoints)
  const feeds: Feed[] = []
  const subs: Subscription[] = []
  const base = usage()
  const live: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
  const counts: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
  const doneAt: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
  let done: () => void = () => undefined
  const allLive = new Promise<void>((resolve) => (done = resolve))
  const started = performance.now()
  SIM_VENUES.forEach((v, i) => {
    const feed = createFeed(venues[v])
    feeds.push(feed)
    counts[v] = Math.floor(books / SIM_VENUES.length) + (i < books % SIM_VENUES.length ? 1 : 0)
    for (const inst of benchInstruments(counts[v])) {
      let seen = false
      subs.push(
        feed.book(unified(v, inst.base), { depth }).subscribe(() => {
          if (seen) return
          seen = true
          live[v]++
          if (live[v] === counts[v]) doneAt[v] = performance.now() - started
          if (SIM_VENUES.every((x) => live[x] === counts[x])) done()
        }),
      )
    }
  })
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())
  await Promise.race([allLive, timer])
  const allLiveMs = performance.now() - started
  const after = usage()
  const settled = settleMs > 0 ? await new Promise<ReturnType<typeof usage>>((resolve) => setTimeout(() => resolve(usage()), settleMs)) : undefined
  const stats = await sim.request({ type: 'stats' }, 'stats')
  for (const s of subs) s.unsubscribe()
  for (const f of feeds) f.close()
  await sim.stop()
  return {
    books,
    depth,
    live: SIM_VENUES.reduce((n, v) => n + live[v], 0),
    allLiveMs,
    venues: SIM_VENUES.map((v) => {
      const used = stats.venues[v].perConnection.filter((c) => c.subscribeOps > 0)
      return {
        venue: v,
        books: counts[v],
        live: live[v],
        allLiveMs: doneAt[v],
        connections: stats.venues[v].connections,
        subscribeOps: used.map((c) => c.subscribeOps),
        channels: used.map((c) => c.channels),
      }
    }),
    rssMB: after.rss,
    heapMB: after.heap,
    baseHeapMB: base.heap,
    ...(settled === undefined ? {} : { settled: { rssMB: settled.rss, heapMB: settled.heap, settleMs } }),
  }
}

/** Runs {@link bookFleet} in a fresh `node --expose-gc` process (with `nodeFlags` before the script). */
export const fleetInChild = (books: number, depth: number, settleMs = 0, nodeFlags: readonly string[] = []): Promise<FleetResult> =>
  jsonFromChild('fleet', __filename, [String(books), String(depth), String(settleMs)], { nodeFlags, timeoutMs: 300_000 })

if (require.main === module) {
  bookFleet(Number(process.argv[2] ?? 1_000), Number(process.argv[3] ?? 200), 120_000, Number(process.argv[4] ?? 0)).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exitCode = 1
    },
  )
}
