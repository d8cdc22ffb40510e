import type { LogMeta, Logger } from '@tributary/core'

export type RecordedLevel = 'debug' | 'info' | 'warn' | 'error'

/** One call on a recording logger. */
export interface RecordedLine {
  readonly level: RecordedLevel
  readonly message: string
  /** The child bindings merged with the call's metadata (the call wins on a clash), as winston would print them. */
  readonly meta: LogMeta
  /** The bindings of the child logger the call was made on (`{}` for the root). */
  readonly bindings: LogMeta
}

export interface RecordingLogger extends Logger {
  /** Every line logged through this logger or any of its children, in order. */
  readonly lines: readonly RecordedLine[]
  /** Messages at `level` (every level when omitted). */
  messages(level?: RecordedLevel): readonly string[]
  clear(): void
}

/**
 * A core `Logger` that records every line, its level, metadata and child bindings, for assertions.
 * @example
 * const logger = recordingLogger()
 * expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'decode failed' }))
 */
export const recordingLogger = (): RecordingLogger => {
  const lines: RecordedLine[] = []
  const build = (bindings: LogMeta): Logger => {
    const log = (level: RecordedLevel) => (message: string, meta: LogMeta = {}) => {
      lines.push({ level, message, meta: { ...bindings, ...meta }, bindings })
    }
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (meta) => build({ ...bindings, ...meta }),
    }
  }
  return {
    ...build({}),
    lines,
    messages: (level) => lines.filter((l) => level === undefined || l.level === level).map((l) => l.message),
    clear: () => {
      lines.length = 0
    },
  }
}
