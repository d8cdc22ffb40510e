import type { LegFlag, SizeFlag } from '../health'
import type { MonitorView } from '../monitor'
import type { Spread, UsableSpread } from '../spread'

export interface TableOptions {
  /** A banner shown above the table (`SIMULATED DATA`). */
  readonly label?: string
  /** ANSI colours: the best opportunity green, flagged markets yellow. @defaultValue false */
  readonly color?: boolean
  /** Smallest net edge highlighted as an opportunity, bps. @defaultValue 0 */
  readonly minEdgeBps?: number
}

const ansi = (on: boolean) => (code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text)

/** Prices and sizes with up to 10 significant digits, no exponent for ordinary magnitudes. */
export const formatNumber = (x: number | undefined): string => {
  if (x === undefined || !Number.isFinite(x)) return '-'
  const n = Number(x.toPrecision(10))
  return Math.abs(n) >= 1e-6 || n === 0 ? n.toLocaleString('en-US', { maximumFractionDigits: 10, useGrouping: false }) : n.toExponential(3)
}

export const formatAge = (ms: number | undefined): string => (ms === undefined ? '-' : ms < 1_000 ? `${Math.round(ms)}ms` : `${(ms / 1_000).toFixed(1)}s`)

export const formatBps = (bps: number): string => `${bps >= 0 ? '+' : ''}${bps.toFixed(1)}`

const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd()

const columns = (rows: readonly (readonly string[])[]): number[] => {
  const widths: number[] = []
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return widths
}

/** What a size flag says in a size column: sizes the venue sent in a unit that cannot be shown as base units. */
const SIZE_FLAG_TEXT: Readonly<Record<SizeFlag, string>> = { 'size-unit-contracts': 'contracts' }

/** A size in base units, or what its flags say instead of a meaningless 0. */
const formatSize = (size: number | undefined, flags: readonly SizeFlag[] | undefined): string =>
  flags === undefined || flags.length === 0 ? formatNumber(size) : flags.map((f) => SIZE_FLAG_TEXT[f]).join(', ')

const flagText = (flags: readonly LegFlag[]): string => (flags.length === 0 ? '' : `excluded: ${flags.join(', ')}`)

const time = (ts: number): string => new Date(ts).toISOString().replace('T', ' ').replace('Z', ' UTC')

const cell = (s: Spread): string => (s.usable ? formatBps(s.netBps) : 'x')

/**
 * Renders a monitor view as screen lines: per-market touches with age, book and connection state; per instrument the
 * consolidated touch and the net-edge matrix (row: buy at its ask; column: sell at its bid); the best opportunity;
 * and reconnect/resync counters. Pure.
 */
export const renderTable = (view: MonitorView, options: TableOptions = {}): readonly string[] => {
  const { label, color = false, minEdgeBps = 0 } = options
  const paint = ansi(color)
  const lines: string[] = []
  lines.push(`tributary spread monitor${label === undefined ? '' : `  ${paint('1;33', `[${label}]`)}`}  ${time(view.ts)}`)
  lines.push('')
  const header = ['VENUE', 'SYMBOL', 'BID', 'BID SIZE', 'ASK', 'ASK SIZE', 'AGE', 'BOOK', 'CONNECTION', '']
  const rows = view.markets.map((m) => [
    m.venue,
    m.symbol,
    formatNumber(m.bid?.price),
    m.bid === undefined ? '-' : formatSize(m.bid.size, m.sizeFlags),
    formatNumber(m.ask?.price),
    m.ask === undefined ? '-' : formatSize(m.ask.size, m.sizeFlags),
    formatAge(m.ageMs),
    m.book ?? '-',
    m.connection ?? '-',
    flagText(m.flags),
  ])
  const widths = columns([header, ...rows])
  lines.push(pad(header, widths))
  rows.forEach((row, i) => lines.push((view.markets[i]?.flags.length ?? 0) > 0 ? paint('33', pad(row, widths)) : pad(row, widths)))
  for (const top of view.instruments) {
    lines.push('')
    const bid = top.bestBid === undefined ? '-' : `${formatNumber(top.bestBid.price)} (${top.bestBid.venue} ${top.bestBid.symbol})`
    const ask = top.bestAsk === undefined ? '-' : `${formatNumber(top.bestAsk.price)} (${top.bestAsk.venue} ${top.bestAsk.symbol})`
    lines.push(`${top.instrument}  best bid ${bid}  best ask ${ask}${top.crossed ? paint('1;32', '  CROSSED') : ''}`)
    const legs = view.markets.filter((m) => top.bids.some((b) => b.venue === m.venue && b.symbol === m.symbol) || top.asks.some((a) => a.venue === m.venue && a.symbol === m.symbol) || top.excluded.some((e) => e.venue === m.venue && e.symbol === m.symbol))
    if (legs.length < 2) continue
    const names = legs.map((m) => `${m.venue} ${m.symbol}`)
    const matrix = [
      ['net bps: buy \\ sell', ...names],
      ...legs.map((buy, i) => [
        names[i] ?? '',
        ...legs.map((sell) => {
          if (buy === sell) return '·'
          const s = view.spreads.find((x) => x.instrument === top.instrument && x.buy.venue === buy.venue && x.buy.symbol === buy.symbol && x.sell.venue === sell.venue && x.sell.symbol === sell.symbol)
          return s === undefined ? '-' : cell(s)
        }),
      ]),
    ]
    const w = columns(matrix)
    for (const row of matrix) lines.push(`  ${pad(row, w)}`)
  }
  lines.push('')
  const describe = (s: UsableSpread): string =>
    `buy ${s.buy.venue} ${s.buy.symbol} @ ${formatNumber(s.buy.price)} -> sell ${s.sell.venue} ${s.sell.symbol} @ ${formatNumber(s.sell.price)}` +
    `  net ${formatBps(s.netBps)} bps  gross ${formatBps(s.grossBps)} bps  size ${formatNumber(s.size)} (${s.notional.toFixed(2)} notional)`
  const best = view.best
  if (best !== undefined && best.netBps >= minEdgeBps) lines.push(paint('1;32', `BEST  ${describe(best)}`))
  else lines.push(`BEST  no opportunity at or above ${formatBps(minEdgeBps)} bps net${view.leading === undefined ? '' : `; closest: ${describe(view.leading)}`}`)
  lines.push(`VENUES  ${view.venues.map((v) => `${v.venue}: ${v.reconnects} reconnects, ${v.resyncs} resyncs`).join(' | ')}`)
  return lines
}

/** The view as one JSON line (`undefined` fields left out). */
export const toJsonLine = (view: MonitorView, extra: Readonly<Record<string, unknown>> = {}): string => JSON.stringify({ ...view, ...extra })
