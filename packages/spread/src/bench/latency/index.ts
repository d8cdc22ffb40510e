import { runInChild } from '../fresh-process'
import type { Measurement } from '../report'
import { percentile, summarize } from '../stats'
import type { PumpKind } from './bench-scripts'
import { ccxtClient, tributaryClient, type BenchClient } from './clients'
import { wsFloorClient } from './floor-client'
import { SIM_VENUES, type SimEndpoints, type SimReply, type SimVenue } from './protocol'
import { createRecorder, type Recorder } from './recorder'
import { startSimProcess, type SimProcess } from './sim-process'

export interface LatencyOptions {
  readonly quick: boolean
  readonly log: (line: string) => void
}

const RATES = [1_000, 10_000, 20_000] as const
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

interface Setup {
  readonly label: string
  readonly kind: PumpKind
  readonly make: (endpoints: Readonly<Record<SimVenue, SimEndpoints>>, recorder: Recorder) => Promise<BenchClient>
  /** Targets apply to Tributary's never-dropped stream. */
  readonly targets: boolean
}

const SETUPS: readonly Setup[] = [
  { label: 'ws + JSON.parse floor', kind: 'trades', make: (e, r) => wsFloorClient(e, 'trades', r), targets: false },
  { label: 'tributary trades', kind: 'trades', make: (e, r) => Promise.resolve(tributaryClient(e, 'trades', r)), targets: true },
  { label: 'tributary ticker', kind: 'ticker', make: (e, r) => Promise.resolve(tributaryClient(e, 'ticker', r)), targets: false },
  { label: 'ccxt watchTicker', kind: 'ticker', make: (e, r) => ccxtClient(e, r), targets: false },
]

/** Pumps a trickle until every venue has delivered a frame (subscriptions acknowledged and streaming). */
const warmUp = async (sim: SimProcess, kind: PumpKind, recorder: Recorder): Promise<void> => {
  for (let i = 0; i < 20; i++) {
    await sim.request({ type: 'pump', kind, rate: 600, durationMs: 250, paced: true }, 'pumped')
    await delay(50)
    if (SIM_VENUES.every((v) => recorder.delivered[v] > 0)) return
  }
  throw new Error(`no frames delivered for ${SIM_VENUES.filter((v) => recorder.delivered[v] === 0).join(', ')} after warm-up`)
}

interface Rep {
  readonly sent: number
  /** Times the paced sender reached slots over 1 ms late, and the frames of those slots it skipped. */
  readonly stalls: number
  readonly skipped: number
  readonly delivered: number
  readonly p50: number
  readonly p99: number
  readonly p999: number
}

const repetition = (recorder: Recorder, pumped: Extract<SimReply, { type: 'pumped' }>): Rep => {
  const sorted = Array.from(recorder.latencies().sort())
  const delivered = SIM_VENUES.reduce((n, v) => n + recorder.delivered[v], 0)
  const sent = SIM_VENUES.reduce((n, v) => n + pumped.sent[v], 0)
  return { sent, stalls: pumped.stalls, skipped: pumped.skipped, delivered, p50: percentile(sorted, 50, true), p99: percentile(sorted, 99, true), p999: percentile(sorted, 99.9, true) }
}

/**
 * End-to-end latency over loopback: the simulator process stamps each frame with CLOCK_MONOTONIC µs as it writes it;
 * the consumer subtracts it from its own clock read in the callback. The three venues stream at once, the rate split
 * evenly among them, each frame paced on its own slot (no timer-tick bursts; slots the sender itself reached over
 * 1 ms late are skipped, and the note says how many). Each rate is warmed up, then measured in repetitions:
 * percentiles per repetition, reported as median [min..max] across them.
 *
 * Each client runs in a fresh process of its own (see {@link measureInChild}), beside its own simulator process: a
 * consumer's tail depends on its process's heap, and the bench's own process holds ccxt (≈ 40 MB of heap) and the
 * throughput benchmark's leftovers, which lengthen every scavenge (measured: max pause 1.2–1.5 ms alone, 1.9–2.5 ms
 * with ccxt loaded; p99.9 at 20k frames/s 1.2–1.4 ms against 1.6–2.7 ms).
 */
export const runLatency = async (options: LatencyOptions): Promise<Measurement[]> => {
  const out: Measurement[] = []
  for (const setup of SETUPS) out.push(...(await measureInChild(setup.label, options)))
  return out
}

/** {@link measureSetup} in a fresh `node` process: its log lines are passed on, its measurements returned. */
const measureInChild = async (label: string, options: LatencyOptions): Promise<Measurement[]> => {
  const { stdout, stderr } = await runInChild(`latency ${label}`, __filename, [label, options.quick ? 'quick' : 'full'])
  for (const line of stderr.split('\n')) if (line.startsWith('  latency ')) options.log(line)
  return JSON.parse(stdout) as Measurement[]
}

/** One client setup (by label) against a simulator process of its own, at every rate. */
export const measureSetup = async (label: string, options: LatencyOptions): Promise<Measurement[]> => {
  const setup = SETUPS.find((s) => s.label === label)
  if (setup === undefined) throw new Error(`no latency setup "${label}" (${SETUPS.map((s) => s.label).join(', ')})`)
  const sim = await startSimProcess()
  try {
    const recorder = createRecorder()
    const client = await setup.make(sim.endpoints, recorder)
    try {
      await warmUp(sim, setup.kind, recorder)
      const out: Measurement[] = []
      for (const rate of RATES) out.push(...(await measureRate({ sim, setup, client, recorder, rate }, options)))
      return out
    } finally {
      await client.close()
    }
  } finally {
    await sim.stop()
  }
}

interface RateRun {
  readonly sim: SimProcess
  readonly setup: Setup
  readonly client: BenchClient
  readonly recorder: Recorder
  readonly rate: number
}

/** One rate: warmed up at the rate itself (JIT, buffers), then measured in repetitions from a clean slate. */
const measureRate = async ({ sim, setup, client, recorder, rate }: RateRun, { quick, log }: LatencyOptions): Promise<Measurement[]> => {
  const durationMs = quick ? 1_000 : 3_000
  const repetitions = quick ? 1 : 3
  await sim.request({ type: 'pump', kind: setup.kind, rate, durationMs: quick ? 300 : 1_000, paced: true }, 'pumped')
  await delay(200)
  const reps: Rep[] = []
  for (let i = 0; i < repetitions; i++) {
    recorder.reset()
    const pumped = await sim.request({ type: 'pump', kind: setup.kind, rate, durationMs, paced: true }, 'pumped')
    await delay(300)
    reps.push(repetition(recorder, pumped))
  }
  const total = reps.reduce((n, r) => n + r.sent, 0)
  const delivered = reps.reduce((n, r) => n + r.delivered, 0)
  const at20k = setup.targets && rate === 20_000
  const file = `${setup.label} @ ${rate / 1000}k frames/s`
  const errors = client.errors.length === 0 ? '' : `; client errors: ${client.errors.length} (${client.errors.slice(-2).join('; ')})`
  const stalls = reps.reduce((n, r) => n + r.stalls, 0)
  const skipped = reps.reduce((n, r) => n + r.skipped, 0)
  const paced = stalls === 0 ? 'paced, no sender stall' : `paced; the sender stalled ${stalls} times and skipped ${skipped} slots`
  const note = `${total} frames sent in ${repetitions} x ${durationMs / 1000} s across ${SIM_VENUES.join(', ')} (${paced}); ${delivered} delivered${errors}; client in a fresh process`
  const stat = (name: string, pick: (r: Rep) => number, limit: number | undefined, target: string) => {
    const s = summarize(reps.map(pick))
    return { benchmark: 'latency' as const, name, venue: 'all', file, unit: 'us', samples: reps.length, ...s, ...(at20k && limit !== undefined ? { target, met: s.median <= limit } : {}) }
  }
  const share = summarize(reps.map((r) => (r.sent === 0 ? 0 : (100 * r.delivered) / r.sent)))
  log(
    `  latency ${file}: p50 ${reps.map((r) => r.p50).join('/')} us, p99 ${reps.map((r) => r.p99).join('/')} us, p99.9 ${reps.map((r) => r.p999).join('/')} us, delivered ${((100 * delivered) / Math.max(1, total)).toFixed(1)} % of ${total}, sender stalls ${stalls} (${skipped} slots skipped)`,
  )
  return [
    { ...stat('latency p50', (r) => r.p50, 100, '<= 100 us'), note },
    stat('latency p99', (r) => r.p99, 500, '<= 500 us'),
    stat('latency p99.9', (r) => r.p999, 2_000, '<= 2000 us'),
    { benchmark: 'latency', name: 'delivered', venue: 'all', file, unit: '%', samples: reps.length, ...share, ...(at20k ? { target: '100 %', met: delivered >= total } : {}) },
  ]
}

if (require.main === module) {
  const [label = '', mode = 'full'] = process.argv.slice(2)
  measureSetup(label, { quick: mode === 'quick', log: (line) => process.stderr.write(`${line}\n`) }).then(
    (measurements) => process.stdout.write(JSON.stringify(measurements)),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exitCode = 1
    },
  )
}
