import { Writable } from 'node:stream'
import { createLogger, type Logger, type LoggerOptions, type SecretRegistry } from '@tributary/core'

export interface BufferLogger extends Logger {
  readonly secrets: SecretRegistry
  /** Everything written so far, exactly as formatted. */
  text(): string
  /** The written lines, without the trailing newline. */
  lines(): readonly string[]
  /** The lines parsed as JSON (for the default `json` format). */
  entries(): readonly Record<string, unknown>[]
}

/**
 * A real winston logger from core's `createLogger` that writes into a string buffer, so tests can assert on the
 * formatted output (redaction). Writes are synchronous.
 * @example
 * const logger = bufferLogger({ level: 'debug', secrets: ['s3cret'] })
 * logger.info('login', { apiKey: 'k', raw: 'sign=s3cret' })
 * expect(logger.text()).not.toContain('s3cret')
 */
export const bufferLogger = (options: Omit<LoggerOptions, 'stream'> = {}, registry?: SecretRegistry): BufferLogger => {
  const chunks: string[] = []
  const stream = new Writable({
    write: (chunk: Buffer | string, _encoding, callback) => {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
      callback()
    },
  })
  const logger = createLogger({ level: 'debug', ...options, stream }, registry)
  const text = (): string => chunks.join('')
  const lines = (): readonly string[] => text().split('\n').filter((l) => l !== '')
  return {
    debug: logger.debug,
    info: logger.info,
    warn: logger.warn,
    error: logger.error,
    child: logger.child,
    secrets: logger.secrets,
    text,
    lines,
    entries: () => lines().map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}
