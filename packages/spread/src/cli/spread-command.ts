import * as E from 'fp-ts/Either'
import type { Logger, SecretRegistry, Venue } from '@tributary/core'
import { feeTable } from '../fees'
import type { MarketRef } from '../market'
import { createQuoteMap } from '../quote-map'
import type { MarketSource } from '../sources'
import { credentialsFromEnv, VENUES } from '../venues'
import type { SpreadArgs } from './args'
import { checkEndpoints } from './endpoints'
import type { CliIo } from './io'
import { runMonitor } from './monitor-runner'
import { UsageError } from './usage'

/** A connected venue: the monitor's view of a core `Feed`. */
export type ConnectedSource = MarketSource & { close(): void }
export type Connect = (venue: Venue, logger: Logger) => ConnectedSource

/** Default base-tier fees of every venue, overridden entry by entry by the user's table. */
export const defaultFees = (overrides: Readonly<Record<string, number>>): Readonly<Record<string, number>> =>
  Object.assign({}, ...VENUES.map((v) => v.takerFeeBps), overrides) as Record<string, number>

/** The (venue, symbol) markets a venue can serve for a request kind; the others are reported and left out. */
export const resolveMarkets = (venues: readonly { readonly id: string; readonly venue: Venue; readonly depth?: number | undefined }[], symbols: readonly string[], via: 'book' | 'quote', logger: Logger): readonly MarketRef[] => {
  const markets: MarketRef[] = []
  for (const symbol of symbols) {
    for (const { id, venue, depth } of venues) {
      const channels = venue.spec.channelsFor({ kind: via, symbol, ...(depth === undefined || via !== 'book' ? {} : { depth }) })
      if (E.isRight(channels) && channels.right.length > 0) markets.push({ venue: id, symbol })
      else logger.warn('venue does not serve this symbol; left out', { venue: id, symbol, reason: E.isLeft(channels) ? channels.left.message : 'no channel' })
    }
  }
  return markets
}

/** `tributary spread`: live venues, the spread monitor. Resolves with the exit code. */
export const runSpread = async (args: SpreadArgs, io: CliIo, logger: Logger, connect: Connect, secrets?: SecretRegistry): Promise<number> => {
  const entries = VENUES.filter((v) => args.venues === undefined || args.venues.includes(v.id))
  const venues = entries.map((entry) => {
    const credentials = credentialsFromEnv(entry.id, io.env)
    if (credentials !== undefined) secrets?.add(credentials.apiKey, credentials.secret, credentials.passphrase)
    const venue = entry.create({ endpoints: checkEndpoints(entry, args.endpoints[entry.id]), ...(credentials === undefined ? {} : { credentials }) })
    return { id: entry.id, venue, depth: entry.bookDepth?.(credentials !== undefined) }
  })
  const markets = resolveMarkets(venues, args.symbols, args.via, logger)
  if (markets.length === 0) throw new UsageError(`none of ${entries.map((e) => e.id).join(', ')} serves ${args.symbols.join(', ')}`)
  const used = venues.filter((v) => markets.some((m) => m.venue === v.id))
  const sources = used.map((v) => connect(v.venue, logger.child({ venue: v.id })))
  try {
    return await runMonitor(
      {
        sources,
        markets,
        via: args.via,
        depth: (venue) => venues.find((v) => v.id === venue)?.depth,
        fees: feeTable(defaultFees(args.fees)),
        quotes: createQuoteMap(args.sameQuote),
        maxAgeMs: args.maxAgeMs,
        minEdgeBps: args.minEdgeBps,
        json: args.json,
        ...(args.intervalMs === undefined ? {} : { intervalMs: args.intervalMs }),
        durationMs: 0,
        logger,
      },
      io,
    )
  } finally {
    for (const s of sources) s.close()
  }
}
