/**
 * One memory measurement in a fresh process (run with --expose-gc): `node child.js <scenario> [books] [depth]
 * [settleMs]`. Prints one JSON object. Modules are required inside each scenario, so import scenarios load nothing
 * else. With `settleMs`, the process then holds what it built that long, idle, and is measured again.
 */
import { createRequire } from 'node:module'

const load = createRequire(__filename)

export type MemoryScenario = 'baseline' | 'import-okx' | 'import-ccxt' | 'books-tributary' | 'books-ccxt'

export interface MemorySample {
  readonly scenario: MemoryScenario
  readonly rssMB: number
  readonly heapMB: number
  /** Heap used before the scenario's work (after its imports), MB. */
  readonly baseHeapMB: number
  readonly baseRssMB: number
  readonly books?: number
  readonly live?: number
  /** Whether any ccxt module was loaded. */
  readonly ccxtLoaded: boolean
  /** RSS and heap after `settleMs` more of holding it, idle (then gc). */
  readonly settled?: { readonly rssMB: number; readonly heapMB: number; readonly settleMs: number }
}

const MB = 2 ** 20
const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect === undefined) throw new Error('run with --expose-gc')
  for (let i = 0; i < 3; i++) collect()
}
const usage = (): { rss: number; heap: number } => {
  gc()
  const m = process.memoryUsage()
  return { rss: m.rss / MB, heap: m.heapUsed / MB }
}
const ccxtLoaded = (): boolean => Object.keys(load.cache).some((k) => /[\\/]ccxt[\\/]/.test(k))

/** Keeps what a scenario built reachable until the process exits (a global, so no optimizer can drop it). */
const hold = (value: unknown): void => {
  ;(globalThis as { benchHeld?: unknown }).benchHeld = value
}

const run = async (scenario: MemoryScenario, books: number, depth: number): Promise<MemorySample> => {
  if (scenario === 'baseline' || scenario === 'import-okx' || scenario === 'import-ccxt') {
    const base = usage()
    if (scenario === 'import-okx') hold(load('@tributary/okx'))
    if (scenario === 'import-ccxt') hold(load('ccxt'))
    const after = usage()
    return { scenario, rssMB: after.rss, heapMB: after.heap, baseRssMB: base.rss, baseHeapMB: base.heap, ccxtLoaded: ccxtLoaded() }
  }
  const { booksAcrossVenues } = load('../synthetic/capture.js') as typeof import('../synthetic/capture')
  if (scenario === 'books-tributary') {
    const { tributaryPass } = load('../throughput/tributary-pass.js') as typeof import('../throughput/tributary-pass')
    const { venueEntry } = load('../../venues.js') as typeof import('../../venues')
    const venues = (['okx', 'kucoin', 'weex'] as const).map((v) => {
      const entry = venueEntry(v)
      if (entry === undefined) throw new Error(`no venue ${v}`)
      return entry.forReplay()
    })
    const base = usage()
    const results = []
    for (const [i, set] of booksAcrossVenues(books, depth).entries()) {
      const venue = venues[i]
      if (venue !== undefined) results.push(await tributaryPass(venue, set.lines, new Map()))
    }
    hold(results.map((r) => r.held))
    const after = usage()
    return { scenario, rssMB: after.rss, heapMB: after.heap, baseRssMB: base.rss, baseHeapMB: base.heap, books: results.reduce((n, r) => n + r.books, 0), live: results.reduce((n, r) => n + r.live, 0), ccxtLoaded: ccxtLoaded() }
  }
  const { loadCcxt } = load('../ccxt.js') as typeof import('../ccxt')
  const { ccxtPass } = load('../throughput/ccxt-pass.js') as typeof import('../throughput/ccxt-pass')
  const { ccxtBenchMarkets } = load('../synthetic/frames.js') as typeof import('../synthetic/frames')
  const ccxt = loadCcxt()
  const base = usage()
  const results = []
  for (const set of booksAcrossVenues(books, depth)) results.push(await ccxtPass(ccxt, set.venue, set.lines, ccxtBenchMarkets(set.venue, set.instruments)))
  hold(results.map((r) => r.held))
  const after = usage()
  return { scenario, rssMB: after.rss, heapMB: after.heap, baseRssMB: base.rss, baseHeapMB: base.heap, books: results.reduce((n, r) => n + r.books, 0), live: results.reduce((n, r) => n + r.live, 0), ccxtLoaded: ccxtLoaded() }
}

/**
 * Idles `settleMs` (the event loop running) and measures again. V8 sizes its young generation by recent allocation:
 * after a burst (building the books) it keeps up to 32 MB of empty semi-spaces committed until a GC sees the
 * allocation rate low over its 5 s window, which an idle process reaches within seconds. The figure right after the
 * build includes that; the settled one is what the process holds.
 */
const settle = async (sample: MemorySample, settleMs: number): Promise<MemorySample> => {
  if (settleMs <= 0) return sample
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  const { rss, heap } = usage()
  return { ...sample, settled: { rssMB: rss, heapMB: heap, settleMs } }
}

const [scenario = 'baseline', books = '300', depth = '200', settleMs = '0'] = process.argv.slice(2)
run(scenario as MemoryScenario, Number(books), Number(depth))
  .then((sample) => settle(sample, Number(settleMs)))
  .then(
  (sample) => process.stdout.write(`${JSON.stringify(sample)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 1
  },
)
