/**
 * Reconnect soak (issue 3): Tributary feeds on the three venues, streaming trades from the simulator process, whose
 * connections are all dropped `cycles` times; each cycle waits until every venue has reconnected, resubscribed and
 * delivered again. Heap (after gc), RSS and open handles (`process.getActiveResourcesInfo()`) are sampled along
 * the way and must stay flat.
 *   node --expose-gc packages/spread/dist/bench/soak-reconnect.js [cycles] [samples]   → JSON on stdout
 */
import { getHeapSpaceStatistics } from 'node:v8'
import { createFeed, type Feed } from '@tributary/core'
import type { Subscription } from 'rxjs'
import { jsonFromChild } from './fresh-process'
import { SIM_VENUES, type SimVenue } from './latency/protocol'
import { startSimProcess } from './latency/sim-process'
import { BENCH_SYMBOLS, benchVenues } from './latency/venues'
import type { Measurement } from './report'
import { slope } from './stats'

export interface SoakSample {
  readonly cycle: number
  readonly heapMB: number
  /** V8 code space (compiled code; grows with re-optimisation, not with retained objects). */
  readonly codeMB: number
  readonly rssMB: number
  readonly handles: number
  readonly byType: Readonly<Record<string, number>>
}

export interface SoakResult {
  readonly cycles: number
  readonly durationMs: number
  readonly opens: Readonly<Record<SimVenue, number>>
  readonly samples: readonly SoakSample[]
}

const sample = (cycle: number): SoakSample => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  const byType: Record<string, number> = {}
  const resources = process.getActiveResourcesInfo()
  for (const r of resources) byType[r] = (byType[r] ?? 0) + 1
  const code = getHeapSpaceStatistics()
    .filter((s) => s.space_name.startsWith('code'))
    .reduce((n, s) => n + s.space_used_size, 0)
  return { cycle, heapMB: m.heapUsed / 2 ** 20, codeMB: code / 2 ** 20, rssMB: m.rss / 2 ** 20, handles: resources.length, byType }
}

/** Runs the soak in this process. */
export const soak = async (cycles: number, samples = 20): Promise<SoakResult> => {
  const sim = await startSimProcess()
  const venues = benchVenues(sim.endpoints)
  const opens: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
  const delivered: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
  let wake: (() => void) | undefined
  const until = (predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> =>
    predicate()
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`soak: timed out waiting for ${what}`)), timeoutMs)
          wake = () => {
            if (!predicate()) return
            clearTimeout(timer)
            wake = undefined
            resolve()
          }
        })
  const feeds: Feed[] = []
  const subs: Subscription[] = []
  for (const v of SIM_VENUES) {
    const feed = createFeed(venues[v], { backoff: { baseMs: 2, capMs: 20, healthyAfterMs: 0 } })
    feeds.push(feed)
    subs.push(
      feed.trades(BENCH_SYMBOLS[v]).subscribe(() => {
        delivered[v]++
        wake?.()
      }),
      feed.status$.subscribe((s) => {
        if (s.kind === 'connection' && s.state === 'open') opens[v]++
        wake?.()
      }),
    )
  }
  const pumping = sim.request({ type: 'pump', kind: 'trades', rate: 1_500, durationMs: 3_600_000 }, 'pumped', 3_700_000)
  const started = Date.now()
  const every = Math.max(1, Math.floor(cycles / samples))
  const out: SoakSample[] = []
  try {
    await until(() => SIM_VENUES.every((v) => delivered[v] > 0), 'first frames')
    out.push(sample(0))
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const o = { ...opens }
      await sim.request({ type: 'drop' }, 'dropped')
      await until(() => SIM_VENUES.every((v) => opens[v] > o[v]), `reconnects in cycle ${cycle}`)
      const d = { ...delivered }
      await until(() => SIM_VENUES.every((v) => delivered[v] > d[v]), `frames after reconnect in cycle ${cycle}`)
      if (cycle % every === 0 || cycle === cycles) out.push(sample(cycle))
    }
  } finally {
    await sim.request({ type: 'halt' }, 'halted').catch(() => undefined)
    await pumping.catch(() => undefined)
    for (const s of subs) s.unsubscribe()
    for (const f of feeds) f.close()
    await sim.stop()
  }
  return { cycles, durationMs: Date.now() - started, opens, samples: out }
}

/** Runs the soak in a fresh `node --expose-gc` process and returns its result. */
export const soakInChild = (cycles: number): Promise<SoakResult> => jsonFromChild('soak', __filename, [String(cycles)], { timeoutMs: 1_800_000 })

/** The soak as benchmark figures: growth from the first sample after warm-up (10 % of the cycles) to the last. */
export const runSoak = async (options: { readonly quick: boolean; readonly log: (line: string) => void }): Promise<Measurement[]> => {
  const cycles = options.quick ? 300 : 10_000
  const r = await soakInChild(cycles)
  const steady = r.samples.filter((s) => s.cycle >= cycles / 10)
  const first = steady[0]
  const last = steady[steady.length - 1]
  if (first === undefined || last === undefined) throw new Error('soak: no samples')
  const perK = (f: (s: SoakSample) => number) => 1000 * slope(steady.map((s) => s.cycle), steady.map(f))
  const heapGrowth = last.heapMB - first.heapMB
  const handleGrowth = last.handles - first.handles
  const file = `${r.cycles} reconnect cycles x 3 venues`
  const base = { benchmark: 'soak' as const, venue: 'all', file, samples: steady.length }
  options.log(`  soak: ${r.cycles} cycles in ${(r.durationMs / 1000).toFixed(1)} s; heap ${first.heapMB.toFixed(2)} → ${last.heapMB.toFixed(2)} MB; handles ${first.handles} → ${last.handles}`)
  return [
    { ...base, name: 'cycle time', unit: 'ms', median: r.durationMs / r.cycles, min: r.durationMs / r.cycles, max: r.durationMs / r.cycles, note: `opens: ${SIM_VENUES.map((v) => `${v} ${r.opens[v]}`).join(', ')}` },
    {
      ...base, name: 'heap', unit: 'MB', median: last.heapMB, min: Math.min(...steady.map((s) => s.heapMB)), max: Math.max(...steady.map((s) => s.heapMB)),
      note: `after gc, by cycle: ${r.samples.map((s) => `${s.cycle}:${s.heapMB.toFixed(2)}`).join(' ')}`,
    },
    { ...base, name: 'heap growth', unit: 'MB', median: heapGrowth, min: heapGrowth, max: heapGrowth, target: 'no growth (< 1 MB)', met: heapGrowth < 1, note: `slope ${perK((s) => s.heapMB).toFixed(3)} MB per 1000 cycles; of which V8 code space ${(last.codeMB - first.codeMB).toFixed(2)} MB` },
    { ...base, name: 'rss', unit: 'MB', median: last.rssMB, min: Math.min(...steady.map((s) => s.rssMB)), max: Math.max(...steady.map((s) => s.rssMB)) },
    { ...base, name: 'open handles', unit: 'count', median: last.handles, min: Math.min(...steady.map((s) => s.handles)), max: Math.max(...steady.map((s) => s.handles)), target: 'flat', met: handleGrowth <= 0, note: JSON.stringify(last.byType) },
  ]
}

if (require.main === module) {
  const cycles = Number(process.argv[2] ?? 10_000)
  soak(cycles, Number(process.argv[3] ?? 20)).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exitCode = 1
    },
  )
}
