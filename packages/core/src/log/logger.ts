import { Writable } from 'node:stream'
import type * as Winston from 'winston'
import { isSecretKey, REDACTED, redactText, redactValue } from './redact'

/** Metadata attached to a log line; pass objects, never concatenated strings. */
export type LogMeta = Readonly<Record<string, unknown>>

/** The part of winston's logger Tributary uses. Passed through options, never global. */
export interface Logger {
  debug(message: string, meta?: LogMeta): void
  info(message: string, meta?: LogMeta): void
  warn(message: string, meta?: LogMeta): void
  error(message: string, meta?: LogMeta): void
  child(meta: LogMeta): Logger
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

export interface LoggerOptions {
  /** @defaultValue 'info' */
  readonly level?: LogLevel
  /** `json`: one JSON object per line; `pretty`: human-readable, colourless. @defaultValue 'json' */
  readonly format?: 'json' | 'pretty'
  /** Where lines go. @defaultValue process.stderr */
  readonly stream?: NodeJS.WritableStream
  /** Literal secret strings (credentials, tokens) to scrub from every line, besides the field-name rules. */
  readonly secrets?: Iterable<string>
}

/** A logger that writes nothing. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
}

/** How many rotating secrets (tokens, signatures) stay registered; older ones are forgotten. */
const ROTATING_KEPT = 64

/** Holds secrets learned at run time (KuCoin tokens, signed headers) so that every logger built from it scrubs them. */
export class SecretRegistry {
  private readonly values = new Set<string>()
  private readonly lasting = new Set<string>()
  private readonly rotating: string[] = []

  /** Secrets for the life of the process: API keys, secrets, passphrases. */
  add(...secrets: readonly (string | undefined)[]): void {
    for (const s of secrets) {
      if (s === undefined || s.length < 4) continue
      this.lasting.add(s)
      this.values.add(s)
    }
  }

  /**
   * Secrets replaced as the program runs (a KuCoin token per connection attempt, a signature per request): the last
   * 64 stay registered and older ones are forgotten, so a process that reconnects for months holds a bounded set.
   */
  addRotating(...secrets: readonly (string | undefined)[]): void {
    for (const s of secrets) {
      if (s === undefined || s.length < 4 || this.values.has(s)) continue
      this.values.add(s)
      this.rotating.push(s)
      if (this.rotating.length <= ROTATING_KEPT) continue
      const oldest = this.rotating.shift() as string
      if (!this.lasting.has(oldest)) this.values.delete(oldest)
    }
  }

  get all(): ReadonlySet<string> {
    return this.values
  }
}

let winstonModule: typeof Winston | undefined
/**
 * winston (and its ~80 modules) loads on the first createLogger call, not on import: a program that passes its own
 * Logger, or none, never pays for it.
 */
const loadWinston = (): typeof Winston => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load; import() would make createLogger async
  winstonModule ??= require('winston') as typeof Winston
  return winstonModule
}

/**
 * Builds a winston logger whose every line (message and metadata) has secrets redacted.
 * @example const logger = createLogger({ level: 'debug', format: 'pretty' }).child({ venue: 'okx' })
 */
export const createLogger = (options: LoggerOptions = {}, registry = new SecretRegistry()): Logger & { readonly secrets: SecretRegistry } => {
  const { level = 'info', format = 'json', stream = process.stderr, secrets = [] } = options
  registry.add(...secrets)
  const winston = loadWinston()
  const redact = winston.format((info) => {
    const secretSet = registry.all
    for (const key of Object.keys(info)) {
      if (key === 'level') continue
      info[key] = isSecretKey(key) ? REDACTED : redactValue(info[key], secretSet)
    }
    if (typeof info.message === 'string') info.message = redactText(info.message, secretSet)
    return info
  })
  const pretty = winston.format.printf((info) => {
    const { level: lvl, message, timestamp, ...meta } = info
    const rest = Object.keys(meta).length === 0 ? '' : ` ${JSON.stringify(meta)}`
    return `${String(timestamp)} ${lvl.toUpperCase().padEnd(5)} ${String(message)}${rest}`
  })
  const target = stream instanceof Writable ? stream : new Writable({ write: (chunk, _enc, cb) => { stream.write(chunk); cb() } })
  const logger = winston.createLogger({
    level: level === 'silent' ? 'error' : level,
    silent: level === 'silent',
    format: winston.format.combine(redact(), winston.format.timestamp(), format === 'json' ? winston.format.json() : pretty),
    transports: [new winston.transports.Stream({ stream: target })],
  })
  const wrap = (w: Winston.Logger): Logger => ({
    debug: (m, meta) => void w.debug(m, meta),
    info: (m, meta) => void w.info(m, meta),
    warn: (m, meta) => void w.warn(m, meta),
    error: (m, meta) => void w.error(m, meta),
    child: (meta) => wrap(w.child(meta)),
  })
  return Object.assign(wrap(logger), { secrets: registry })
}
