import { Subscription } from 'rxjs'
import type { Feed, Logger } from '@tributary/core'

/** Logs what a feed publishes about its own health: connection and book states, issues, and periodic metrics. */
export function watchHealth(feed: Feed, logger: Logger): Subscription {
  const log = logger.child({ venue: feed.venue })
  const health = new Subscription()
  health.add(
    feed.status$.subscribe((s) =>
      s.kind === 'connection'
        ? log.info('connection', { connection: s.connection, state: s.state, reason: s.reason, attempt: s.attempt })
        : log.info('book', { symbol: s.symbol, state: s.state, reason: s.reason }),
    ),
  )
  health.add(feed.issues$.subscribe((issue) => log.warn('issue', { code: issue.code, codec: issue.codec, paths: issue.paths, raw: issue.raw })))
  health.add(
    feed.metrics$.subscribe((m) =>
      log.debug('metrics', {
        reconnects: m.connections.reduce((n, c) => n + c.reconnects, 0),
        decodeErrors: m.decodeErrors,
        conflated: m.subscriptions.reduce((n, s) => n + s.conflated, 0),
        resyncs: m.subscriptions.reduce((n, s) => n + s.resyncs, 0),
      }),
    ),
  )
  return health
}
