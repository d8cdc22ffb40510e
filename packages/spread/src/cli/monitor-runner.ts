import { asyncScheduler, Subscription, throttleTime, timer, type SchedulerLike } from 'rxjs'
import type { Logger } from '@tributary/core'
import type { TakerFees } from '../fees'
import type { MarketRef } from '../market'
import { spreadMonitor, type MonitorView } from '../monitor'
import type { QuoteMap } from '../quote-map'
import { marketInputs, type MarketSource } from '../sources'
import type { CliIo } from './io'
import { renderTable, toJsonLine } from './table'

export interface MonitorRun {
  readonly sources: readonly MarketSource[]
  readonly markets: readonly MarketRef[]
  readonly via: 'book' | 'quote'
  /** Book depth to ask each venue for. @defaultValue the venue's choice */
  readonly depth?: (venue: string) => number | undefined
  readonly fees: TakerFees
  readonly quotes: QuoteMap
  readonly maxAgeMs: number
  readonly minEdgeBps: number
  /** JSON lines instead of the live table (also when stdout is not a terminal). */
  readonly json: boolean
  /** Shown on the table and added to each JSON line as `label` (`SIMULATED DATA`); read at every output. */
  readonly label?: string | (() => string)
  /** Stops after this long; 0 runs until the signal. */
  readonly durationMs: number
  /** Smallest interval between two outputs, ms. @defaultValue 200 for the table, 1_000 for JSON lines */
  readonly intervalMs?: number
  readonly logger: Logger
  readonly scheduler?: SchedulerLike
}

const CLEAR = '\u001b[H\u001b[2J'

/**
 * Runs the spread monitor over the sources until the duration ends, the signal aborts or every source completes:
 * a redrawn table in a terminal, otherwise one JSON object per line (at most one per second). Resolves with the exit code.
 */
export const runMonitor = (run: MonitorRun, io: CliIo): Promise<number> =>
  new Promise((resolve) => {
    const { scheduler = asyncScheduler } = run
    const table = !run.json && io.stdout.isTTY === true
    const views = marketInputs(run.sources, run.markets, { via: run.via, logger: run.logger, ...(run.depth === undefined ? {} : { depth: run.depth }) }).pipe(
      spreadMonitor({ markets: run.markets, fees: run.fees, quotes: run.quotes, maxAgeMs: run.maxAgeMs, minEdgeBps: run.minEdgeBps, scheduler, tickMs: 250 }),
      throttleTime(run.intervalMs ?? (table ? 200 : 1_000), scheduler, { leading: true, trailing: true }),
    )
    const subscription = new Subscription()
    const finish = (code: number): void => {
      subscription.unsubscribe()
      io.signal.removeEventListener('abort', onAbort)
      resolve(code)
    }
    const onAbort = (): void => finish(0)
    const show = (view: MonitorView): void => {
      const label = typeof run.label === 'function' ? run.label() : run.label
      if (table) {
        const lines = renderTable(view, { color: true, minEdgeBps: run.minEdgeBps, ...(label === undefined ? {} : { label }) })
        io.stdout.write(`${CLEAR}${lines.join('\n')}\n`)
      } else {
        io.stdout.write(`${toJsonLine(view, label === undefined ? {} : { label })}\n`)
      }
    }
    if (io.signal.aborted) return finish(0)
    io.signal.addEventListener('abort', onAbort)
    subscription.add(
      views.subscribe({
        next: show,
        error: (error: unknown) => {
          run.logger.error('spread monitor failed', { error: error instanceof Error ? error.message : String(error) })
          io.stderr.write(`tributary: ${error instanceof Error ? error.message : String(error)}\n`)
          finish(1)
        },
        complete: () => finish(0),
      }),
    )
    if (run.durationMs > 0) subscription.add(timer(run.durationMs, scheduler).subscribe(() => finish(0)))
  })
