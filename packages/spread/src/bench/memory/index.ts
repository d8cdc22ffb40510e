import { join } from 'node:path'
import { jsonFromChild } from '../fresh-process'
import type { Measurement } from '../report'
import { fleetInChild, type FleetResult } from '../scale/fleet'
import { summarize } from '../stats'
import type { MemorySample, MemoryScenario } from './child'

export interface MemoryOptions {
  readonly quick: boolean
  readonly log: (line: string) => void
}

/** 300 books of 400 levels: 200 bids + 200 asks each, 100 per venue. */
export const BOOKS = 300
export const DEPTH = 200

/**
 * Idle time after which the books are measured again: V8 keeps the young generation it grew while building them
 * (up to 32 MB of empty semi-spaces) until a GC sees a low allocation rate over its 5 s window.
 */
export const SETTLE_MS = 6_000

/** The V8 flag that caps the young generation's semi-spaces (MB): the build then never grows them. */
export const CAPPED_YOUNG = '--max-semi-space-size=1'

/** Runs one scenario in a fresh `node --expose-gc` process; with `settleMs`, it is measured again after idling. */
export const sampleMemory = (scenario: MemoryScenario, books = BOOKS, depth = DEPTH, settleMs = 0): Promise<MemorySample> =>
  jsonFromChild(`memory ${scenario}`, join(__dirname, 'child.js'), [scenario, String(books), String(depth), String(settleMs)], { timeoutMs: 120_000 })

const fig = (name: string, venue: string, file: string, xs: readonly number[], extra: Partial<Measurement> = {}): Measurement => ({
  benchmark: 'memory',
  name,
  venue,
  file,
  unit: 'MB',
  samples: xs.length,
  ...summarize(xs),
  ...extra,
})

/**
 * RSS and heap, after gc, of fresh processes: a bare baseline, `@tributary/okx` imported, ccxt imported, and
 * 300 books × 400 levels across the three venues held by Tributary (decode → interpret → book machines, and
 * through feeds over sockets) and by ccxt Pro (its own handlers), fed the same frames. Heap for the books is the
 * heap growth across building them. The book scenarios are measured right after the build, then again once the
 * process held them idle for {@link SETTLE_MS} (`settled`): the first includes the young generation the build grew.
 * The feed scenario is also run with {@link CAPPED_YOUNG}, measured right after the build.
 */
export const runMemory = async (options: MemoryOptions): Promise<Measurement[]> => {
  const { quick, log } = options
  const runs = quick ? 1 : 3
  const scenarios: MemoryScenario[] = ['baseline', 'import-okx', 'import-ccxt', 'books-tributary', 'books-ccxt']
  const samples = new Map<MemoryScenario, MemorySample[]>()
  for (let r = 0; r < runs; r++)
    for (const s of scenarios) {
      const sample = await sampleMemory(s, BOOKS, DEPTH, s === 'books-tributary' || s === 'books-ccxt' ? SETTLE_MS : 0)
      samples.set(s, [...(samples.get(s) ?? []), sample])
      const settled = sample.settled === undefined ? '' : `; settled: rss ${sample.settled.rssMB.toFixed(1)} MB, heap ${sample.settled.heapMB.toFixed(1)} MB`
      log(`  memory ${s}: rss ${sample.rssMB.toFixed(1)} MB, heap ${sample.heapMB.toFixed(1)} MB (before: ${sample.baseHeapMB.toFixed(1)})${sample.live === undefined ? '' : `, ${sample.live}/${sample.books} books live`}${settled}`)
    }
  const fleets: FleetResult[] = []
  for (let r = 0; r < runs; r++) {
    const f = await fleetInChild(BOOKS, DEPTH, SETTLE_MS)
    fleets.push(f)
    const settled = f.settled === undefined ? '' : `; settled: rss ${f.settled.rssMB.toFixed(1)} MB, heap ${f.settled.heapMB.toFixed(1)} MB`
    log(`  memory feed: rss ${f.rssMB.toFixed(1)} MB, heap ${f.heapMB.toFixed(1)} MB (before: ${f.baseHeapMB.toFixed(1)}), ${f.live}/${f.books} books live${settled}`)
  }
  // The same fleet with V8's young generation capped: what a deployment that needs the bound at every instant runs.
  const capped: FleetResult[] = []
  for (let r = 0; r < runs; r++) {
    const f = await fleetInChild(BOOKS, DEPTH, 0, [CAPPED_YOUNG])
    capped.push(f)
    log(`  memory feed (node ${CAPPED_YOUNG}): rss ${f.rssMB.toFixed(1)} MB, heap ${f.heapMB.toFixed(1)} MB, ${f.live}/${f.books} books live`)
  }
  const of = (s: MemoryScenario) => samples.get(s) ?? []
  const okx = of('import-okx')
  const ccxt = of('import-ccxt')
  const bt = of('books-tributary')
  const bc = of('books-ccxt')
  const rssT = bt.map((x) => x.rssMB)
  const heapT = bt.map((x) => x.heapMB - x.baseHeapMB)
  const settledNote = `held idle ${SETTLE_MS / 1000} s after the build, then gc: V8 has shrunk the young generation the build grew`
  /** The settled RSS of samples that have one. */
  const settledRss = (xs: readonly { readonly settled?: { readonly rssMB: number } }[]): number[] => xs.flatMap((x) => (x.settled === undefined ? [] : [x.settled.rssMB]))
  return [
    fig('rss', 'node', 'bare process', of('baseline').map((x) => x.rssMB)),
    fig('heap', 'node', 'bare process', of('baseline').map((x) => x.heapMB)),
    fig('rss', 'okx', 'import @tributary/okx', okx.map((x) => x.rssMB), { note: `ccxt loaded: ${okx.some((x) => x.ccxtLoaded)}` }),
    fig('heap', 'okx', 'import @tributary/okx', okx.map((x) => x.heapMB)),
    fig('rss +import', 'okx', 'import @tributary/okx', okx.map((x) => x.rssMB - x.baseRssMB)),
    fig('rss', 'ccxt', 'import ccxt', ccxt.map((x) => x.rssMB)),
    fig('heap', 'ccxt', 'import ccxt', ccxt.map((x) => x.heapMB)),
    fig('rss +import', 'ccxt', 'import ccxt', ccxt.map((x) => x.rssMB - x.baseRssMB)),
    fig('rss', 'all', `tributary ${BOOKS} books x ${2 * DEPTH} levels`, rssT, { target: '<= 80 MB', met: Math.max(...rssT) <= 80, note: `${bt[0]?.live ?? 0}/${bt[0]?.books ?? 0} books live` }),
    fig('heap books', 'all', `tributary ${BOOKS} books x ${2 * DEPTH} levels`, heapT, { target: '<= 10 MB', met: Math.max(...heapT) <= 10 }),
    fig('rss settled', 'all', `tributary ${BOOKS} books x ${2 * DEPTH} levels`, settledRss(bt), { target: '<= 80 MB', met: Math.max(...settledRss(bt)) <= 80, note: settledNote }),
    fig('rss', 'all', `tributary feeds ${BOOKS} books x ${2 * DEPTH} levels`, fleets.map((f) => f.rssMB), {
      target: '<= 80 MB', met: Math.max(...fleets.map((f) => f.rssMB)) <= 80, note: `whole process with sockets, simulator in its own process; ${fleets[0]?.live ?? 0}/${BOOKS} live`,
    }),
    fig('heap books', 'all', `tributary feeds ${BOOKS} books x ${2 * DEPTH} levels`, fleets.map((f) => f.heapMB - f.baseHeapMB), { target: '<= 10 MB', met: Math.max(...fleets.map((f) => f.heapMB - f.baseHeapMB)) <= 10 }),
    fig('rss settled', 'all', `tributary feeds ${BOOKS} books x ${2 * DEPTH} levels`, settledRss(fleets), { target: '<= 80 MB', met: Math.max(...settledRss(fleets)) <= 80, note: settledNote }),
    fig('rss', 'all', `tributary feeds ${BOOKS} books x ${2 * DEPTH} levels, node ${CAPPED_YOUNG}`, capped.map((f) => f.rssMB), {
      note: `right after the build, V8's semi-spaces capped at 1 MB (docs/operations.md); ${capped[0]?.live ?? 0}/${BOOKS} live`,
    }),
    fig('rss', 'all', `ccxt ${BOOKS} books x ${2 * DEPTH} levels`, bc.map((x) => x.rssMB), { note: `${bc[0]?.live ?? 0}/${bc[0]?.books ?? 0} books live` }),
    fig('heap books', 'all', `ccxt ${BOOKS} books x ${2 * DEPTH} levels`, bc.map((x) => x.heapMB - x.baseHeapMB)),
    fig('rss settled', 'all', `ccxt ${BOOKS} books x ${2 * DEPTH} levels`, settledRss(bc), { note: settledNote }),
  ]
}
