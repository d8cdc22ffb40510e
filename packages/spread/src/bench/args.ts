/** The benchmarks `pnpm bench` knows, in the order they run. */
export const BENCHMARKS = ['throughput', 'books', 'latency', 'memory', 'soak', 'scale'] as const
export type BenchmarkName = (typeof BENCHMARKS)[number]

export interface BenchArgs {
  /** Benchmarks to run, in {@link BENCHMARKS} order. */
  readonly only: readonly BenchmarkName[]
  /** Smoke mode: fewer rounds, shorter runs, fewer cycles. */
  readonly quick: boolean
  /** Where to write every figure as JSON. */
  readonly json: string | undefined
  /** Where to write the table as Markdown. */
  readonly markdown: string | undefined
  /** Only capture files whose name contains one of these. */
  readonly files: readonly string[]
  readonly help: boolean
}

export const BENCH_USAGE = `Usage: pnpm bench [--only throughput,books,latency,memory,soak,scale] [--quick] [--json <path>] [--markdown <path>] [--files okx,kucoin]

  --only LIST      run a subset (default: all): ${BENCHMARKS.join(', ')}
  --quick          smoke run: fewer rounds, shorter durations, fewer reconnect cycles
  --json PATH      write every figure as JSON (one object per measurement)
  --markdown PATH  write the table as Markdown
  --files LIST     throughput: only captures whose file name contains one of these
  --help`

/** A bad command line: main prints it with the usage and exits with code 2. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError'
  readonly kind = 'usage'
}

const isBenchmark = (s: string): s is BenchmarkName => (BENCHMARKS as readonly string[]).includes(s)

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** Parses the bench command line (`--flag value` or `--flag=value`). Throws {@link BenchUsageError}. */
export const parseBenchArgs = (argv: readonly string[]): BenchArgs => {
  let only: readonly BenchmarkName[] = BENCHMARKS
  let quick = false
  let json: string | undefined
  let markdown: string | undefined
  let files: readonly string[] = []
  let help = false
  const rest = [...argv]
  while (rest.length > 0) {
    const arg = rest.shift() ?? ''
    if (arg === '--') continue
    const eq = arg.indexOf('=')
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined
    const value = (): string => {
      const v = inline ?? rest.shift()
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new BenchUsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--only': {
        const names = list(value())
        const bad = names.filter((n) => !isBenchmark(n))
        if (bad.length > 0) throw new BenchUsageError(`--only: unknown benchmark ${bad.join(', ')} (known: ${BENCHMARKS.join(', ')})`)
        only = BENCHMARKS.filter((b) => names.includes(b))
        break
      }
      case '--quick':
        quick = true
        break
      case '--json':
        json = value()
        break
      case '--markdown':
        markdown = value()
        break
      case '--files':
        files = list(value())
        break
      case '--help':
      case '-h':
        help = true
        break
      default:
        throw new BenchUsageError(`unknown argument ${JSON.stringify(arg)}`)
    }
  }
  return { only, quick, json, markdown, files, help }
}
