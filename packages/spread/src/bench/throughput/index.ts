import { venueEntry } from '../../venues'
import { loadCaptures, type Capture } from '../captures'
import { loadCcxt, type CcxtVenue } from '../ccxt'
import type { Measurement } from '../report'
import { ratios, summarize } from '../stats'
import { ccxtMarkets, ccxtPass } from './ccxt-pass'
import { loadInstruments, tributaryPass, type Stage } from './tributary-pass'

export interface ThroughputOptions {
  readonly quick: boolean
  readonly files: readonly string[]
  readonly log: (line: string) => void
}

/** The ratio targets, Tributary / ccxt. */
export const RATIO_TARGETS: Readonly<Record<string, number>> = { okx: 2, kucoin: 5, weex: 2 }

const isCcxtVenue = (v: string): v is CcxtVenue => v === 'okx' || v === 'kucoin' || v === 'weex'

interface Pass {
  readonly frames: number
  readonly elapsedNs: number
  readonly cpuUs: number
}

interface Tally {
  frames: number
  ns: number
  cpuUs: number
}

const tally = (): Tally => ({ frames: 0, ns: 0, cpuUs: 0 })
const perSecond = (t: Tally): number => (t.ns === 0 ? 0 : t.frames / (t.ns / 1e9))
const perCpuSecond = (t: Tally): number => (t.cpuUs === 0 ? 0 : t.frames / (t.cpuUs / 1e6))

/**
 * One round: the three sides' passes alternate (T, C, F, T, C, F, …) until each has spent `minMs` inside its passes,
 * so background load on the shared machine hits all three alike.
 */
const round = async (minMs: number, sides: readonly (() => Promise<Pass>)[]): Promise<Tally[]> => {
  const tallies = sides.map(tally)
  while (tallies.some((t) => t.ns < minMs * 1e6)) {
    for (const [i, side] of sides.entries()) {
      const t = tallies[i]
      if (t === undefined || t.ns >= minMs * 1e6) continue
      const r = await side()
      t.frames += r.frames
      t.ns += Math.max(1, r.elapsedNs)
      t.cpuUs += r.cpuUs
    }
  }
  return tallies
}

const floorPass = (capture: Capture): Promise<Pass> => {
  const cpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  let frames = 0
  let keys = 0
  for (const l of capture.lines) {
    if (l.dir !== 'in') continue
    frames++
    const v: unknown = JSON.parse(l.data)
    if (typeof v === 'object' && v !== null) keys++ // reads the result, so the parse cannot be optimised away
  }
  const elapsedNs = Number(process.hrtime.bigint() - started)
  const used = process.cpuUsage(cpu)
  return Promise.resolve({ frames: keys >= 0 ? frames : 0, elapsedNs, cpuUs: used.user + used.system })
}

/** Where the time goes: Tributary's passes stopped after decode, and after interpret (no book machines). */
const stages = async (capture: Capture, rounds: number, minMs: number, pass: (stage: Stage) => Promise<Pass>): Promise<Measurement[]> => {
  const out: Measurement[] = []
  for (const stage of ['decode', 'interpret'] as const) {
    const rates: number[] = []
    for (let r = 0; r < rounds; r++) {
      const [st = tally()] = await round(minMs, [() => pass(stage)])
      rates.push(perSecond(st))
    }
    out.push({
      benchmark: 'throughput',
      name: `frames/s ${stage === 'decode' ? 'decode only' : 'decode + interpret'}`,
      venue: capture.venue,
      file: capture.file,
      unit: 'frames/s',
      samples: rates.length,
      ...summarize(rates),
      note: 'Tributary path stopped early (no book machines)',
    })
  }
  return out
}

/**
 * Frames per second on every recorded capture: Tributary's full path, ccxt Pro's handlers and a `JSON.parse` floor,
 * interleaved in each round so the noisy machine hits all three alike. One warm-up round, then the measured rounds.
 */
export const runThroughput = async (options: ThroughputOptions): Promise<Measurement[]> => {
  const { quick, files, log } = options
  const rounds = quick ? 3 : 7
  const minMs = quick ? 60 : 250
  const ccxt = loadCcxt()
  const out: Measurement[] = []
  for (const capture of loadCaptures(files)) {
    const entry = venueEntry(capture.venue)
    if (entry === undefined || !isCcxtVenue(capture.venue)) continue
    const venue = entry.forReplay()
    const ccxtVenue = capture.venue
    const instruments = await loadInstruments(venue, capture.lines)
    const markets = ccxtMarkets(ccxt, ccxtVenue, capture.lines)
    const ours = () => tributaryPass(venue, capture.lines, instruments)
    const theirs = () => ccxtPass(ccxt, ccxtVenue, capture.lines, markets)
    const probeT = await ours()
    const probeC = await theirs()
    const t: number[] = []
    const c: number[] = []
    const f: number[] = []
    const cpuRatios: number[] = []
    for (let r = 0; r <= rounds; r++) {
      const [rt = tally(), rc = tally(), rf = tally()] = await round(minMs, [ours, theirs, () => floorPass(capture)])
      if (r === 0) continue // warm-up
      t.push(perSecond(rt))
      c.push(perSecond(rc))
      f.push(perSecond(rf))
      cpuRatios.push(perCpuSecond(rt) / perCpuSecond(rc))
    }
    const ratio = summarize(ratios(t, c))
    const target = RATIO_TARGETS[capture.venue] ?? 1
    const m: Measurement = {
      benchmark: 'throughput',
      name: 'frames/s',
      venue: capture.venue,
      file: capture.file,
      unit: 'frames/s',
      samples: t.length,
      ...summarize(t),
      ccxt: summarize(c),
      floor: summarize(f),
      ratio,
      target: `>= ${target}x ccxt`,
      met: ratio.median >= target,
      note:
        `${capture.frames} frames; books live: tributary ${probeT.live}/${probeT.books} (${probeT.checksumsVerified} checksums verified, ` +
        `${probeT.decodeErrors} decode errors), ccxt ${probeC.live}/${probeC.books} (${probeC.errors} handler errors); ` +
        `ratio by process CPU time ${summarize(cpuRatios).median.toFixed(2)}x; ` +
        `the JSON.parse floor alone runs at ${summarize(ratios(f, c)).median.toFixed(2)}x ccxt`,
    }
    out.push(m)
    if (probeT.books > 0) out.push(...(await stages(capture, rounds, minMs / 2, (stage) => tributaryPass(venue, capture.lines, instruments, stage))))
    log(`  throughput ${capture.venue} ${capture.file}: ${Math.round(m.median)} vs ccxt ${Math.round(m.ccxt?.median ?? 0)} frames/s (${ratio.median.toFixed(2)}x)`)
  }
  return out
}
