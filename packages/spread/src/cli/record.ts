import { createWriteStream } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { Subscription, type Observable } from 'rxjs'
import { createFeed, createFetchHttpClient, wsDialer, type Feed, type Logger, type SecretRegistry } from '@tributary/core'
import { createRecorder } from '../record/recorder'
import { credentialsFromEnv, venueEntry } from '../venues'
import type { RecordArgs } from './args'
import { checkEndpoints } from './endpoints'
import type { CliIo } from './io'
import { UsageError } from './usage'

const streamOf = (feed: Feed, channel: string, symbol: string): Observable<unknown> => {
  switch (channel) {
    case 'book':
      return feed.book(symbol)
    case 'trades':
      return feed.trades(symbol)
    case 'ticker':
      return feed.ticker(symbol)
    case 'quote':
      return feed.quotes(symbol)
    case 'candles':
      return feed.candles(symbol, '1m')
    case 'funding-rate':
      return feed.fundingRate(symbol)
    default:
      return feed.markPrice(symbol)
  }
}

const progress = (frames: number, bytes: number, elapsedMs: number): string =>
  `frames ${frames}  bytes ${bytes.toLocaleString('en-US')}  elapsed ${(elapsedMs / 1_000).toFixed(0)}s`

/**
 * `tributary record`: raw frames and REST responses of live streams, as capture lines (the format `replay` reads),
 * with progress on stderr. Runs for `--duration` or until stopped. Resolves with the exit code.
 */
export const runRecord = async (args: RecordArgs, io: CliIo, logger: Logger, secrets: SecretRegistry): Promise<number> => {
  const entry = venueEntry(args.venue)
  if (entry === undefined) throw new UsageError(`record: unknown venue ${args.venue}`)
  const credentials = credentialsFromEnv(entry.id, io.env)
  const venue = entry.create({ endpoints: checkEndpoints(entry, args.endpoints[entry.id]), ...(credentials === undefined ? {} : { credentials }) })
  const out = createWriteStream(args.out, { flags: 'w' })
  const opened = new Promise<Error | undefined>((resolve) => {
    out.once('open', () => resolve(undefined))
    out.once('error', resolve)
  })
  const failure = await opened
  if (failure !== undefined) {
    io.stderr.write(`tributary record: cannot write ${args.out}: ${failure.message}\n`)
    return 1
  }
  out.on('error', (error) => logger.error('record: write failed', { file: args.out, error: error.message }))
  if (credentials !== undefined) secrets.add(credentials.apiKey, credentials.secret, credentials.passphrase)
  const recorder = createRecorder({ write: (line) => void (out.writableEnded ? undefined : out.write(`${JSON.stringify(line)}\n`)), now: () => performance.timeOrigin + performance.now(), secrets })
  const feed = createFeed(venue, { logger, secrets, http: recorder.http(createFetchHttpClient({ venue: entry.id })), dial: recorder.dialer(wsDialer()) })
  const started = performance.now()
  const subscription = new Subscription()
  let failed = 0
  for (const symbol of args.symbols) {
    for (const channel of args.channels) {
      subscription.add(
        streamOf(feed, channel, symbol).subscribe({
          error: (error: unknown) => {
            failed++
            io.stderr.write(`\ntributary record: ${channel} ${symbol} failed: ${error instanceof Error ? error.message : String(error)}\n`)
          },
        }),
      )
    }
  }
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true
  const report = (end = false): void => {
    const text = progress(recorder.frames, recorder.bytes, performance.now() - started)
    io.stderr.write(tty ? `\r${text}${end ? '\n' : ''}` : `${text}\n`)
  }
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => report(), 1_000)
    const stop = (): void => {
      clearInterval(ticker)
      clearTimeout(limit)
      io.signal.removeEventListener('abort', stop)
      resolve()
    }
    const limit = args.durationMs > 0 ? setTimeout(stop, args.durationMs) : undefined
    if (io.signal.aborted) stop()
    else io.signal.addEventListener('abort', stop)
  })
  subscription.unsubscribe()
  feed.close()
  report(true)
  await new Promise<void>((resolve) => out.end(resolve))
  io.stderr.write(`recorded ${args.out}${failed > 0 ? ` (${failed} streams failed)` : ''}\n`)
  return failed === args.symbols.length * args.channels.length ? 1 : 0
}
