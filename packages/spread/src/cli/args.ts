import { parseArgs, type ParseArgsConfig } from 'node:util'
import * as E from 'fp-ts/Either'
import { parseSymbol, type LogLevel } from '@tributary/core'
import { parseFees } from '../fees'
import { parseDuration, parseList, parseNumber, UsageError } from './usage'

/** Endpoint overrides: venue → entry (`public`, `private`, `business`, `rest`) → URL. */
export type EndpointOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>

interface Common {
  readonly logLevel: LogLevel
}

export interface SpreadArgs extends Common {
  readonly command: 'spread'
  readonly symbols: readonly string[]
  readonly venues: readonly string[] | undefined
  readonly minEdgeBps: number
  readonly fees: Readonly<Record<string, number>>
  readonly maxAgeMs: number
  readonly sameQuote: readonly (readonly string[])[]
  readonly via: 'book' | 'quote'
  readonly json: boolean
  /** Smallest interval between outputs, ms; undefined: 200 ms for the table, 1 s for JSON lines. */
  readonly intervalMs: number | undefined
  readonly endpoints: EndpointOverrides
}

export interface DemoArgs extends Common {
  readonly command: 'demo'
  /** 0: until stopped. */
  readonly durationMs: number
  readonly json: boolean
  readonly seed: number
  readonly faults: boolean
  readonly minEdgeBps: number
  readonly fees: Readonly<Record<string, number>>
  readonly intervalMs: number | undefined
}

export interface SimulateArgs extends Common {
  readonly command: 'simulate'
  readonly venues: readonly string[] | undefined
  /** First port; venues take consecutive ports (0 lets the system pick free ones). */
  readonly port: number
  readonly faults: readonly string[]
  readonly seed: number
}

export interface ReplayArgs extends Common {
  readonly command: 'replay'
  readonly file: string
  readonly venue: string | undefined
  readonly depth: number
  readonly summary: string | undefined
  /** Another capture whose REST responses (instrument lists) are offered before this one's lines. */
  readonly instruments: string | undefined
}

export interface RecordArgs extends Common {
  readonly command: 'record'
  readonly venue: string
  readonly channels: readonly string[]
  readonly symbols: readonly string[]
  readonly out: string
  /** 0: until stopped. */
  readonly durationMs: number
  readonly endpoints: EndpointOverrides
}

export type CliArgs = SpreadArgs | DemoArgs | SimulateArgs | ReplayArgs | RecordArgs | { readonly command: 'help' }

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export const FAULTS = ['drop', 'silence', 'gap', 'checksum', 'malformed', 'schema'] as const
export const RECORD_CHANNELS = ['book', 'trades', 'ticker', 'quote', 'candles', 'funding-rate', 'mark-price'] as const

type Options = NonNullable<ParseArgsConfig['options']>
const common: Options = { 'log-level': { type: 'string' }, help: { type: 'boolean', short: 'h' } }
const endpointOptions: Options = { url: { type: 'string', multiple: true }, rest: { type: 'string', multiple: true } }

const str = (values: Record<string, unknown>, name: string): string | undefined => {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}
const strs = (values: Record<string, unknown>, name: string): readonly string[] => {
  const v = values[name]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}
const flag = (values: Record<string, unknown>, name: string): boolean => values[name] === true

const logLevel = (values: Record<string, unknown>): LogLevel => {
  const level = str(values, 'log-level') ?? 'warn'
  const known = LOG_LEVELS.find((l) => l === level)
  if (known === undefined) throw new UsageError(`--log-level: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}`)
  return known
}

const venueList = (text: string | undefined, known: readonly string[]): readonly string[] | undefined => {
  if (text === undefined) return undefined
  const list = parseList(text)
  const unknown = list.filter((v) => !known.includes(v))
  if (list.length === 0 || unknown.length > 0) throw new UsageError(`--venues: unknown venue ${unknown.join(', ') || '(none given)'}; known: ${known.join(', ')}`)
  return list
}

const fees = (values: Record<string, unknown>): Readonly<Record<string, number>> => {
  const parsed = parseFees(str(values, 'fees') ?? '')
  if (E.isLeft(parsed)) throw new UsageError(`--fees: ${parsed.left}`)
  return parsed.right
}

const interval = (values: Record<string, unknown>): number | undefined => {
  const text = str(values, 'interval')
  return text === undefined ? undefined : parseDuration(text, '--interval')
}

/** Reads `--url okx=ws://…`, `--url okx.private=…`, `--rest okx=https://…` over environment defaults. */
export const endpointOverrides = (urls: readonly string[], rests: readonly string[], env: NodeJS.ProcessEnv, known: readonly string[]): EndpointOverrides => {
  const out: Record<string, Record<string, string>> = {}
  const set = (venue: string, entry: string, url: string, source: string) => {
    if (!known.includes(venue)) throw new UsageError(`${source}: unknown venue ${JSON.stringify(venue)}; known: ${known.join(', ')}`)
    if (!/^(wss?|https?):\/\/\S+$/.test(url)) throw new UsageError(`${source}: expected a ws://, wss://, http:// or https:// URL, got ${JSON.stringify(url)}`)
    out[venue] = { ...out[venue], [entry]: url }
  }
  for (const venue of known) {
    for (const entry of ['public', 'private', 'business', 'rest']) {
      const name = `TRIBUTARY_${venue.toUpperCase()}_${entry.toUpperCase()}_URL`
      const value = env[name]
      if (value !== undefined && value !== '') set(venue, entry, value, name)
    }
    const name = `TRIBUTARY_${venue.toUpperCase()}_URL`
    const value = env[name]
    if (value !== undefined && value !== '') set(venue, 'public', value, name)
  }
  const pair = (text: string, option: string): [string, string] => {
    const at = text.indexOf('=')
    if (at <= 0) throw new UsageError(`${option}: expected VENUE=URL, got ${JSON.stringify(text)}`)
    return [text.slice(0, at), text.slice(at + 1)]
  }
  for (const u of urls) {
    const [key, url] = pair(u, '--url')
    const [venue = '', entry = 'public'] = key.split('.')
    if (!['public', 'private', 'business'].includes(entry)) throw new UsageError(`--url: unknown endpoint ${JSON.stringify(entry)}; use public, private or business`)
    set(venue, entry, url, '--url')
  }
  for (const r of rests) {
    const [venue, url] = pair(r, '--rest')
    set(venue, 'rest', url, '--rest')
  }
  return out
}

const symbolsOf = (positionals: readonly string[], command: string): readonly string[] => {
  const symbols = positionals.flatMap((p) => parseList(p))
  if (symbols.length === 0) throw new UsageError(`${command}: give at least one unified symbol, e.g. BTC/USDT or BTC/USDT:USDT`)
  for (const s of symbols) {
    const parsed = parseSymbol(s)
    if (E.isLeft(parsed)) throw new UsageError(parsed.left)
  }
  return symbols
}

/**
 * Parses the command line (without `node` and the script). Throws {@link UsageError} on bad usage.
 * @example parseCli(['spread', 'BTC/USDT', '--venues', 'okx,kucoin'], process.env, ['okx', 'kucoin', 'weex'])
 */
export const parseCli = (argv: readonly string[], env: NodeJS.ProcessEnv, venues: readonly string[]): CliArgs => {
  const [command, ...rest] = argv
  const parse = (options: Options, positionals = false) => {
    try {
      return parseArgs({ args: [...rest], options: { ...common, ...options }, allowPositionals: positionals, strict: true })
    } catch (e) {
      throw new UsageError(`${command ?? ''}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' }
    case 'spread': {
      const { values, positionals } = parse(
        {
          venues: { type: 'string' },
          'min-edge-bps': { type: 'string' },
          fees: { type: 'string' },
          'max-age': { type: 'string' },
          'same-quote': { type: 'string', multiple: true },
          via: { type: 'string' },
          json: { type: 'boolean' },
          interval: { type: 'string' },
          ...endpointOptions,
        },
        true,
      )
      if (flag(values, 'help')) return { command: 'help' }
      const via = str(values, 'via') ?? 'book'
      if (via !== 'book' && via !== 'quote') throw new UsageError(`--via: expected book or quote, got ${JSON.stringify(via)}`)
      return {
        command: 'spread',
        logLevel: logLevel(values),
        symbols: symbolsOf(positionals, 'spread'),
        venues: venueList(str(values, 'venues'), venues),
        minEdgeBps: parseNumber(str(values, 'min-edge-bps') ?? '0', '--min-edge-bps'),
        fees: fees(values),
        maxAgeMs: parseDuration(str(values, 'max-age') ?? '5s', '--max-age'),
        sameQuote: strs(values, 'same-quote').map((g) => parseList(g).map((c) => c.toUpperCase())),
        via,
        json: flag(values, 'json'),
        intervalMs: interval(values),
        endpoints: endpointOverrides(strs(values, 'url'), strs(values, 'rest'), env, venues),
      }
    }
    case 'demo': {
      const { values } = parse({
        duration: { type: 'string' },
        json: { type: 'boolean' },
        seed: { type: 'string' },
        'no-faults': { type: 'boolean' },
        'min-edge-bps': { type: 'string' },
        fees: { type: 'string' },
        interval: { type: 'string' },
      })
      if (flag(values, 'help')) return { command: 'help' }
      return {
        command: 'demo',
        logLevel: logLevel(values),
        durationMs: parseDuration(str(values, 'duration') ?? '30s', '--duration'),
        json: flag(values, 'json'),
        seed: parseNumber(str(values, 'seed') ?? '1', '--seed', { integer: true }),
        faults: !flag(values, 'no-faults'),
        minEdgeBps: parseNumber(str(values, 'min-edge-bps') ?? '0', '--min-edge-bps'),
        fees: fees(values),
        intervalMs: interval(values),
      }
    }
    case 'simulate': {
      const { values } = parse({ venues: { type: 'string' }, port: { type: 'string' }, faults: { type: 'string' }, seed: { type: 'string' } })
      if (flag(values, 'help')) return { command: 'help' }
      const faults = parseList(str(values, 'faults') ?? 'none').filter((f) => f !== 'none')
      const unknown = faults.filter((f) => !FAULTS.some((k) => k === f))
      if (unknown.length > 0) throw new UsageError(`--faults: unknown fault ${unknown.join(', ')}; known: ${FAULTS.join(', ')}, none`)
      const port = parseNumber(str(values, 'port') ?? '0', '--port', { integer: true })
      if (port > 65_535) throw new UsageError(`--port: expected 0..65535, got ${port}`)
      return {
        command: 'simulate',
        logLevel: logLevel(values),
        venues: venueList(str(values, 'venues'), venues),
        port,
        faults,
        seed: parseNumber(str(values, 'seed') ?? '1', '--seed', { integer: true }),
      }
    }
    case 'replay': {
      const { values, positionals } = parse({ venue: { type: 'string' }, depth: { type: 'string' }, summary: { type: 'string' }, instruments: { type: 'string' } }, true)
      if (flag(values, 'help')) return { command: 'help' }
      const [file, ...extra] = positionals
      if (file === undefined || extra.length > 0) throw new UsageError('replay: give exactly one capture file, e.g. tributary replay capture.jsonl --venue okx')
      const venue = str(values, 'venue')
      if (venue !== undefined && !venues.includes(venue)) throw new UsageError(`--venue: unknown venue ${JSON.stringify(venue)}; known: ${venues.join(', ')}`)
      const depth = parseNumber(str(values, 'depth') ?? '1', '--depth', { integer: true })
      if (depth < 1) throw new UsageError('--depth: expected at least 1')
      return { command: 'replay', logLevel: logLevel(values), file, venue, depth, summary: str(values, 'summary'), instruments: str(values, 'instruments') }
    }
    case 'record': {
      const { values } = parse({ venue: { type: 'string' }, channels: { type: 'string' }, symbols: { type: 'string' }, out: { type: 'string' }, duration: { type: 'string' }, ...endpointOptions })
      if (flag(values, 'help')) return { command: 'help' }
      const venue = str(values, 'venue')
      const out = str(values, 'out')
      if (venue === undefined || !venues.includes(venue)) throw new UsageError(`record: --venue is required, one of ${venues.join(', ')}`)
      if (out === undefined) throw new UsageError('record: --out <file.jsonl> is required')
      const channels = parseList(str(values, 'channels') ?? 'book')
      const badChannel = channels.find((c) => !RECORD_CHANNELS.some((k) => k === c))
      if (badChannel !== undefined) throw new UsageError(`--channels: unknown channel ${JSON.stringify(badChannel)}; known: ${RECORD_CHANNELS.join(', ')}`)
      const symbols = symbolsOf(parseList(str(values, 'symbols') ?? ''), 'record --symbols')
      return {
        command: 'record',
        logLevel: logLevel(values),
        venue,
        channels,
        symbols,
        out,
        durationMs: parseDuration(str(values, 'duration') ?? '0', '--duration'),
        endpoints: endpointOverrides(strs(values, 'url'), strs(values, 'rest'), env, venues),
      }
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: spread, demo, simulate, replay, record`)
  }
}
