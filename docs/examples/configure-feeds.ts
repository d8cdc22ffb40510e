import { createFeed, createLogger, type Credentials, type Feed, type FeedOptions } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { createOkx } from '@tributary/okx'
import { createWeex } from '@tributary/weex'

/** One venue's credentials from `TRIBUTARY_<VENUE>_API_*`: the app reads the environment, the libraries never do. */
export const credentialsFrom = (env: NodeJS.ProcessEnv, venue: string): Credentials | undefined => {
  const prefix = `TRIBUTARY_${venue.toUpperCase()}_API_`
  const apiKey = env[`${prefix}KEY`]
  const secret = env[`${prefix}SECRET`]
  if (apiKey === undefined || secret === undefined) return undefined
  return { apiKey, secret, passphrase: env[`${prefix}PASSPHRASE`] ?? '' }
}

/** A feed per venue, configured explicitly. Feeds are lazy: nothing is dialled until a stream is subscribed. */
export function createFeeds(env: NodeJS.ProcessEnv): readonly Feed[] {
  const logger = createLogger({ level: 'info', format: 'json' })
  const options: FeedOptions = {
    logger,
    secrets: logger.secrets, // tokens and signatures learned at run time are scrubbed from this logger's lines
    backoff: { baseMs: 500, capMs: 30_000, healthyAfterMs: 10_000 },
    bufferCapacity: 10_000, // events a slow consumer may have pending on trades, orders, fills…
    metricsIntervalMs: 5_000,
    requestTimeoutMs: 10_000,
  }
  const okx = credentialsFrom(env, 'okx')
  const kucoin = credentialsFrom(env, 'kucoin')
  const weex = credentialsFrom(env, 'weex')
  return [
    createFeed(createOkx({ env: 'demo', ...(okx === undefined ? {} : { credentials: okx }) }), options),
    createFeed(createKucoin({ readyTimeoutMs: 10_000, ...(kucoin === undefined ? {} : { credentials: kucoin }) }), options),
    createFeed(createWeex({ staleAfterMs: 120_000, ...(weex === undefined ? {} : { credentials: weex }) }), options),
  ]
}
