/**
 * The benchmark simulator process: testkit's engine serving protocol-minimal OKX, KuCoin and Weex scripts on
 * loopback, driven over IPC (`SimCommand`). Frames carry their send stamp (CLOCK_MONOTONIC µs) as event time.
 */
import { startSimulator, type Simulator } from '@tributary/testkit'
import { bookServer } from '../synthetic/book-server'
import { kucoinBench, okxBench, stampUs, weexBench, type BenchScript, type PumpKind } from './bench-scripts'
import { SIM_VENUES, type SimCommand, type SimReply, type SimVenue } from './protocol'

const reply = (message: SimReply): void => void process.send?.(message)

/** Frame numbers keep counting across pumps: trade ids never repeat (clients may drop repeated ids). */
const seqs: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
/** Running pumps' early-finish switches. */
const running = new Set<() => void>()

type Sims = ReadonlyMap<SimVenue, { sim: Simulator; script: BenchScript }>

/** Frames due longer ago than this when the sender gets to them are skipped (counted), not sent in a burst. */
const MAX_LATE_NS = 1_000_000

const sendOne = (sims: Sims, venue: SimVenue, kind: PumpKind, sent: Record<SimVenue, number>): void => {
  const entry = sims.get(venue)
  if (entry === undefined) return
  const seq = ++seqs[venue]
  for (const [conn, symbol] of entry.script.subscribers(kind)) {
    conn.send(entry.script.render(kind, symbol, seq, stampUs()))
    sent[venue]++
  }
}

/** Sleeps the thread (a futex wait, not a spin) for `ns`; it may overshoot by the kernel's timer slack (~60 µs). */
const sleepCell = new Int32Array(new SharedArrayBuffer(4))
const sleep = (ns: number): void => void Atomics.wait(sleepCell, 0, 0, ns / 1e6)
/** The paced sender hands the event loop a turn (pings, IPC) at least this often. */
const SLICE_NS = 2_000_000

/**
 * Paced: frame `i` (round-robin over the venues) is due at `i / rate` s, stamped when written. The sender sleeps the
 * thread until the next slot and writes what is due when it wakes (one frame, or the few a sleep's overshoot let
 * pile up: at 20k frames/s a slot is 50 µs), and yields to the event loop (pings, IPC) every 2 ms. The timer-driven
 * pump instead sent every millisecond's frames at once, 20 at 20k frames/s, and the last of each burst waited for
 * the client to take the 19 before it: queueing no client can avoid. Slots the sender reaches over
 * {@link MAX_LATE_NS} late (it was descheduled, or in its own GC) are skipped and counted, not burst out: the run
 * keeps its length, and `sent` says how many frames it carried.
 */
const pacedPump = (sims: Sims, kind: PumpKind, rate: number, durationMs: number): Promise<PumpResult> =>
  new Promise((resolve) => {
    const sent: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
    const venues = [...sims.keys()]
    const periodNs = 1e9 / rate
    const total = Math.floor((rate * durationMs) / 1000)
    const maxLateSlots = Math.floor(MAX_LATE_NS / periodNs)
    const started = process.hrtime.bigint()
    const elapsedNs = (): number => Number(process.hrtime.bigint() - started)
    let next = 0
    let skipped = 0
    let stalls = 0
    let done = false
    const step = (): void => {
      if (done) return
      const sliceEnd = elapsedNs() + SLICE_NS
      for (let nowNs = elapsedNs(); next < total && nowNs < sliceEnd; nowNs = elapsedNs()) {
        const due = Math.min(total - 1, Math.floor(nowNs / periodNs))
        if (due - next > maxLateSlots) {
          stalls++
          skipped += due - maxLateSlots - next
          next = due - maxLateSlots
        }
        for (; next <= due; next++) {
          sendOne(sims, venues[next % venues.length] as SimVenue, kind, sent)
        }
        const gapNs = Math.min(next * periodNs, sliceEnd) - elapsedNs()
        if (gapNs > 0) sleep(gapNs)
      }
      if (next >= total) finish()
      else setImmediate(step)
    }
    const finish = (): void => {
      if (done) return
      done = true
      running.delete(finish)
      resolve({ sent, stalls, skipped })
    }
    running.add(finish)
    setImmediate(step)
  })

/** Timer-driven (soaks, long pumps): every millisecond, whatever is due, so frames leave in bursts of rate/1000. */
const timedPump = (sims: Sims, kind: PumpKind, rate: number, durationMs: number): Promise<PumpResult> =>
  new Promise((resolve) => {
    const sent: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
    const perVenue = rate / sims.size
    const base: Record<SimVenue, number> = { ...seqs }
    const started = process.hrtime.bigint()
    const tick = (): void => {
      const elapsedS = Number(process.hrtime.bigint() - started) / 1e9
      const due = Math.floor(perVenue * Math.min(elapsedS, durationMs / 1000))
      for (const venue of sims.keys()) while (seqs[venue] - base[venue] < due) sendOne(sims, venue, kind, sent)
      if (elapsedS * 1000 >= durationMs) finish()
    }
    const finish = (): void => {
      clearInterval(timer)
      running.delete(finish)
      resolve({ sent, stalls: 0, skipped: 0 })
    }
    const timer = setInterval(tick, 1)
    running.add(finish)
  })

interface PumpResult {
  readonly sent: Record<SimVenue, number>
  readonly stalls: number
  readonly skipped: number
}

/** Subscribe requests among client frames, and the channels they name (OKX args, KuCoin topic list, Weex params). */
const subscribeStats = (received: readonly string[]): { subscribeOps: number; channels: number } => {
  let subscribeOps = 0
  let channels = 0
  for (const text of received) {
    if (!/"(op|type|method)":"(subscribe|SUBSCRIBE)"/.test(text)) continue
    subscribeOps++
    const m = JSON.parse(text) as { args?: unknown[]; params?: unknown[]; topic?: string }
    channels += m.args?.length ?? m.params?.length ?? (m.topic?.split(':')[1]?.split(',').length ?? 1)
  }
  return { subscribeOps, channels }
}

const main = async (): Promise<void> => {
  const books = bookServer(Number(process.argv[2] ?? 200))
  const scripts: Record<SimVenue, BenchScript> = { okx: okxBench(books), kucoin: kucoinBench(books), weex: weexBench(books) }
  const sims = new Map<SimVenue, { sim: Simulator; script: BenchScript }>()
  for (const venue of SIM_VENUES) sims.set(venue, { sim: await startSimulator(scripts[venue], { recordSent: false }), script: scripts[venue] })
  const endpoint = (v: SimVenue) => {
    const s = sims.get(v)?.sim
    return { wsBase: s?.wsBase ?? '', httpBase: s?.httpBase ?? '' }
  }
  process.on('message', (raw: SimCommand) => {
    switch (raw.type) {
      case 'pump':
        void (raw.paced === true ? pacedPump : timedPump)(sims, raw.kind, raw.rate, raw.durationMs).then((r) => reply({ type: 'pumped', ...r }))
        return
      case 'halt': {
        const pumps = [...running]
        for (const finish of pumps) finish()
        reply({ type: 'halted', pumps: pumps.length })
        return
      }
      case 'drop': {
        let count = 0
        for (const { sim } of sims.values()) {
          count += sim.openConnections.length
          sim.faults.dropConnections({ code: 1001, reason: 'bench drop', closeFrame: true })
        }
        reply({ type: 'dropped', count })
        return
      }
      case 'stats': {
        const stats = (v: SimVenue) => {
          const s = sims.get(v)?.sim
          return {
            connections: s?.connections.length ?? 0,
            open: s?.openConnections.length ?? 0,
            received: s?.connections.reduce((n, c) => n + c.received.length, 0) ?? 0,
            perConnection: (s?.connections ?? []).map((c) => subscribeStats(c.received)),
          }
        }
        reply({ type: 'stats', venues: { okx: stats('okx'), kucoin: stats('kucoin'), weex: stats('weex') } })
        return
      }
      case 'stop':
        void Promise.all([...sims.values()].map(({ sim }) => sim.close())).then(() => process.exit(0))
        return
    }
  })
  process.on('disconnect', () => process.exit(0))
  reply({ type: 'ready', endpoints: { okx: endpoint('okx'), kucoin: endpoint('kucoin'), weex: endpoint('weex') } })
}

void main()
