import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, platform, release, totalmem } from 'node:os'
import { dirname } from 'node:path'
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchArgs, type BenchmarkName } from './args'
import { renderMarkdown, renderTable, tableRows, type BenchReport, type Failure, type Measurement } from './report'

type Run = (args: BenchArgs, log: (line: string) => void) => Promise<Measurement[]>

/** Each benchmark is its own module, loaded when it runs: a missing piece fails that benchmark alone. */
const RUNS: Readonly<Record<BenchmarkName, Run>> = {
  throughput: async (args, log) => (await import('./throughput/index.js')).runThroughput({ quick: args.quick, files: args.files, log }),
  books: async (args, log) => (await import('./books.js')).runBooks({ quick: args.quick, log }),
  latency: async (args, log) => (await import('./latency/index.js')).runLatency({ quick: args.quick, log }),
  memory: async (args, log) => (await import('./memory/index.js')).runMemory({ quick: args.quick, log }),
  soak: async (args, log) => (await import('./soak-reconnect.js')).runSoak({ quick: args.quick, log }),
  scale: async (args, log) => (await import('./scale/index.js')).runScale({ quick: args.quick, log }),
}

const machine = (): BenchReport['machine'] => ({
  cpus: cpus().length,
  model: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${platform()} ${release()}`,
  totalMemMB: Math.round(totalmem() / 2 ** 20),
})

const main = async (): Promise<number> => {
  let args: BenchArgs
  try {
    args = parseBenchArgs(process.argv.slice(2))
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e
    console.error(`bench: ${e.message}\n${BENCH_USAGE}`)
    return 2
  }
  if (args.help) {
    console.log(BENCH_USAGE)
    return 0
  }
  const startedAt = new Date().toISOString()
  const log = (line: string): void => void process.stderr.write(`${line}\n`)
  const measurements: Measurement[] = []
  const failures: Failure[] = []
  for (const name of args.only) {
    log(`bench: ${name}${args.quick ? ' (quick)' : ''}`)
    const started = Date.now()
    try {
      measurements.push(...(await RUNS[name](args, log)))
    } catch (e) {
      const error = e instanceof Error ? `${e.message}${e.stack === undefined ? '' : `\n${e.stack.split('\n').slice(1, 4).join('\n')}`}` : String(e)
      failures.push({ benchmark: name, error })
      log(`bench: ${name} FAILED: ${error}`)
    }
    log(`bench: ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  const report: BenchReport = {
    startedAt,
    command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    quick: args.quick,
    measurements,
    failures,
  }
  console.log(renderTable(tableRows(measurements)).join('\n'))
  for (const f of failures) console.log(`FAILED ${f.benchmark}: ${f.error.split('\n')[0] ?? ''}`)
  if (args.json !== undefined) {
    mkdirSync(dirname(args.json), { recursive: true })
    writeFileSync(args.json, `${JSON.stringify(report, null, 1)}\n`)
    log(`bench: figures written to ${args.json}`)
  }
  if (args.markdown !== undefined) {
    mkdirSync(dirname(args.markdown), { recursive: true })
    writeFileSync(args.markdown, `${renderMarkdown(tableRows(measurements)).join('\n')}\n`)
    log(`bench: table written to ${args.markdown}`)
  }
  return failures.length === 0 ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e)
    process.exitCode = 1
  },
)
