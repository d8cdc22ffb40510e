import type { BenchmarkName } from './args'
import type { Spread3 } from './stats'

/** One figure, as written to `--json` and printed in the table. */
export interface Measurement extends Spread3 {
  readonly benchmark: BenchmarkName
  /** What was measured (`frames/s tributary`, `latency p99`, `rss`). */
  readonly name: string
  /** `okx`, `kucoin`, `weex`, or `all` for cross-venue runs. */
  readonly venue: string
  /** Capture file (throughput) or scenario. */
  readonly file?: string
  readonly unit: string
  /** Samples behind median/min/max (rounds, runs). */
  readonly samples?: number
  /** Throughput: ccxt Pro's figure on the same frames in the same rounds. */
  readonly ccxt?: Spread3
  /** Throughput: `JSON.parse` alone on the same frames. */
  readonly floor?: Spread3
  /** Tributary / ccxt, per round. */
  readonly ratio?: Spread3
  /** The target, in words (`>= 2x`, `<= 500 us`). */
  readonly target?: string
  readonly met?: boolean
  /** Anything a reader needs to interpret the figure. */
  readonly note?: string
}

/** A benchmark that could not run (a missing piece, a crash): reported, never hidden. */
export interface Failure {
  readonly benchmark: BenchmarkName
  readonly error: string
}

export interface BenchReport {
  readonly startedAt: string
  readonly command: string
  readonly machine: { readonly cpus: number; readonly model: string; readonly node: string; readonly platform: string; readonly totalMemMB: number }
  readonly quick: boolean
  readonly measurements: readonly Measurement[]
  readonly failures: readonly Failure[]
}

/** Up to 4 significant digits, thousands grouped; `-` for NaN. */
export const formatFigure = (x: number | undefined): string => {
  if (x === undefined || !Number.isFinite(x)) return '-'
  const abs = Math.abs(x)
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : abs >= 1 ? 2 : 3
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

const triple = (s: Spread3 | undefined): string => (s === undefined ? '' : `${formatFigure(s.median)} [${formatFigure(s.min)}..${formatFigure(s.max)}]`)

const HEADER = ['benchmark', 'name', 'venue', 'file', 'median [min..max]', 'unit', 'ccxt', 'floor', 'ratio', 'target']

/** The measurements as table rows (header first). Pure. */
export const tableRows = (measurements: readonly Measurement[]): string[][] => [
  HEADER,
  ...measurements.map((m) => [
    m.benchmark,
    m.name,
    m.venue,
    m.file ?? '',
    triple(m),
    m.unit,
    triple(m.ccxt),
    triple(m.floor),
    m.ratio === undefined ? '' : `${formatFigure(m.ratio.median)}x [${formatFigure(m.ratio.min)}..${formatFigure(m.ratio.max)}]`,
    m.target === undefined ? '' : `${m.target} ${m.met === undefined ? '' : m.met ? 'met' : 'MISSED'}`.trim(),
  ]),
]

/** Aligned plain-text table lines. Pure. */
export const renderTable = (rows: readonly (readonly string[])[]): string[] => {
  const widths: number[] = []
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  )
}

/** The same rows as a Markdown table (for docs/benchmarks.md). Pure. */
export const renderMarkdown = (rows: readonly (readonly string[])[]): string[] =>
  rows.flatMap((row, i) => {
    const line = `| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`
    return i === 0 ? [line, `|${row.map(() => ' --- ').join('|')}|`] : [line]
  })
