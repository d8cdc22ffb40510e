import * as E from 'fp-ts/Either'
import { asyncScheduler, connect, endWith, ignoreElements, interval, map, merge, scan, takeUntil, type OperatorFunction, type SchedulerLike } from 'rxjs'
import type { ConnectionStatus } from '@tributary/core'
import { consolidateTop, type ConsolidatedTop } from './consolidate'
import { assessBoard, type MarketView } from './health'
import { applyInput, createBoard, type MarketBoard, type MarketInput, type MarketRef } from './market'
import { instrumentKey, strictQuotes, type QuoteMap } from './quote-map'
import { computeSpread, type Spread, type SpreadOptions, type UsableSpread } from './spread'

/** One venue's connections and counters. */
export interface VenueView {
  readonly venue: string
  readonly connections: Readonly<Record<string, ConnectionStatus>>
  readonly reconnects: number
  readonly resyncs: number
}

/** Everything the monitor knows at one moment: markets, consolidated tops, spreads and the best opportunity. */
export interface MonitorView {
  readonly kind: 'spread-monitor'
  /** Local time of the evaluation, epoch ms. */
  readonly ts: number
  readonly markets: readonly MarketView[]
  readonly instruments: readonly ConsolidatedTop[]
  /** Every ordered pair of markets of one instrument (buy on one, sell on the other). */
  readonly spreads: readonly Spread[]
  /** The usable spread with the highest net edge at or above `minEdgeBps` and a size above 0. */
  readonly best: UsableSpread | undefined
  /** The usable spread with the highest net edge, whatever its edge: the closest thing to an opportunity. */
  readonly leading: UsableSpread | undefined
  readonly venues: readonly VenueView[]
}

export interface EvaluateOptions extends SpreadOptions {
  /** Local time now, epoch ms. */
  readonly now: number
  /** @defaultValue 5_000 */
  readonly maxAgeMs?: number
  /** @defaultValue 0 */
  readonly minEdgeBps?: number
  /** @defaultValue {@link strictQuotes} */
  readonly quotes?: QuoteMap
}

/** @internal */
export const DEFAULT_MAX_AGE_MS = 5_000

/** Judges every market of the board and computes consolidated tops and spreads per instrument. Pure. */
export const evaluate = (board: MarketBoard, options: EvaluateOptions): MonitorView => {
  const { now, maxAgeMs = DEFAULT_MAX_AGE_MS, minEdgeBps = 0, quotes = strictQuotes } = options
  const markets = assessBoard(board, { now, maxAgeMs })
  const groups = new Map<string, MarketView[]>()
  for (const m of markets) {
    const key = instrumentKey(m.symbol, quotes)
    if (E.isLeft(key)) continue
    const group = groups.get(key.right) ?? []
    group.push(m)
    groups.set(key.right, group)
  }
  const instruments: ConsolidatedTop[] = []
  const spreads: Spread[] = []
  for (const [instrument, group] of groups) {
    instruments.push(consolidateTop(instrument, group))
    for (const buy of group) for (const sell of group) if (buy !== sell) spreads.push(computeSpread(instrument, buy, sell, options))
  }
  let leading: UsableSpread | undefined
  for (const s of spreads) {
    if (s.usable && s.size > 0 && (leading === undefined || s.netBps > leading.netBps)) leading = s
  }
  const best = leading !== undefined && leading.netBps >= minEdgeBps ? leading : undefined
  const venueNames = [...new Set(markets.map((m) => m.venue))]
  const venues = venueNames.map((venue) => ({
    venue,
    connections: Object.fromEntries(board.connections.get(venue) ?? []),
    reconnects: board.counters.get(venue)?.reconnects ?? 0,
    resyncs: board.counters.get(venue)?.resyncs ?? 0,
  }))
  return { kind: 'spread-monitor', ts: now, markets, instruments, spreads, best, leading, venues }
}

export interface SpreadMonitorOptions extends Omit<EvaluateOptions, 'now'> {
  readonly markets: readonly MarketRef[]
  /** @defaultValue the scheduler's clock */
  readonly now?: () => number
  /** Re-evaluates this often without input, so that ages grow and old quotes get flagged. @defaultValue 500 */
  readonly tickMs?: number
  readonly scheduler?: SchedulerLike
}

/**
 * Folds books, quotes and status events of several venues into a {@link MonitorView}, emitted on every input and
 * every `tickMs`. Completes when its source completes; a source error reaches the error channel.
 * @example merge(okxFeed.book('BTC/USDT'), okxFeed.status$, …).pipe(spreadMonitor({ markets, fees }))
 */
export function spreadMonitor(options: SpreadMonitorOptions): OperatorFunction<MarketInput, MonitorView> {
  const { markets, scheduler = asyncScheduler, now = () => scheduler.now(), tickMs = 500, ...evaluateOptions } = options
  return (source) =>
    source.pipe(
      connect((inputs) => {
        const ticks = interval(tickMs, scheduler).pipe(
          takeUntil(inputs.pipe(ignoreElements(), endWith(null))),
        )
        return merge(inputs, ticks.pipe(map(() => undefined))).pipe(
          scan((board: MarketBoard, input: MarketInput | undefined) => (input === undefined ? board : applyInput(board, input)), createBoard(markets)),
          map((board) => evaluate(board, { ...evaluateOptions, now: now() })),
        )
      }),
    )
}
