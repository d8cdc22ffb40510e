import { createFeed, createLogger, isFeedError } from '@tributary/core'
import { venueIds } from '../venues'
import { parseCli } from './args'
import type { CliIo } from './io'
import { runDemo } from './demo'
import { runRecord } from './record'
import { runReplay } from './replay'
import { runSimulate } from './simulate'
import { runSpread } from './spread-command'
import { USAGE, UsageError } from './usage'

/** Runs one CLI invocation and resolves with its exit code: 0 ok, 1 runtime failure, 2 bad usage. */
export const main = async (argv: readonly string[], io: CliIo): Promise<number> => {
  try {
    const args = parseCli(argv, io.env, venueIds)
    if (args.command === 'help') {
      io.stdout.write(`${USAGE}\n`)
      return 0
    }
    const logger = createLogger({ level: args.logLevel, format: 'pretty', stream: io.stderr })
    switch (args.command) {
      case 'replay':
        return await runReplay(args, io, logger)
      case 'spread':
        return await runSpread(args, io, logger, (venue, log) => createFeed(venue, { logger: log, secrets: logger.secrets }), logger.secrets)
      case 'record':
        return await runRecord(args, io, logger, logger.secrets)
      case 'demo':
        return await runDemo(args, io, logger, logger.secrets)
      case 'simulate':
        return await runSimulate(args, io, logger)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`tributary: ${e.message}\nRun 'tributary --help' for usage.\n`)
      return 2
    }
    const message = isFeedError(e) || e instanceof Error ? e.message : String(e)
    io.stderr.write(`tributary: ${message}\n`)
    return 1
  }
}
