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

const pump = (sims: ReadonlyMap<SimVenue, { sim: Simulator; script: BenchScript }>, kind: PumpKind, rate: number, durationMs: number): Promise<Record<SimVenue, number>> =>
  new Promise((resolve) => {
    const sent: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
    const perVenue = rate / sims.size
    const base: Record<SimVenue, number> = { ...seqs }
    const started = process.hrtime.bigint()
    const tick = (): void => {
      const elapsedS = Number(process.hrtime.bigint() - started) / 1e9
      const due = Math.floor(perVenue * Math.min(elapsedS, durationMs / 1000))
      for (const [venue, { script }] of sims) {
        const targets = script.subscribers(kind)
        while (seqs[venue] - base[venue] < due) {
          const seq = ++seqs[venue]
          for (const [conn, symbol] of targets) {
            conn.send(script.render(kind, symbol, seq, stampUs()))
            sent[venue]++
          }
        }
      }
      if (elapsedS * 1000 >= durationMs) finish()
    }
    const finish = (): void => {
      clearInterval(timer)
      running.delete(finish)
      resolve(sent)
    }
    const timer = setInterval(tick, 1)
    running.add(finish)
  })

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
  for (const venue of SIM_VENUES) sims.set(venue, { sim: await startSimulator(scripts[venue]), script: scripts[venue] })
  const endpoint = (v: SimVenue) => {
    const s = sims.get(v)?.sim
    return { wsBase: s?.wsBase ?? '', httpBase: s?.httpBase ?? '' }
  }
  process.on('message', (raw: SimCommand) => {
    switch (raw.type) {
      case 'pump':
        void pump(sims, raw.kind, raw.rate, raw.durationMs).then((sent) => reply({ type: 'pumped', sent }))
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
