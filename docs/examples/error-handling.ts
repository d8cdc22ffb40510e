import type { FeedError } from '@tributary/core'

/** What an application does when a stream errors, by the error's kind: every kind is covered. */
export type Action = 'fix-configuration' | 'check-credentials' | 'drop-symbol' | 'consume-faster' | 'already-retried'

export const actionFor = (error: FeedError): Action => {
  switch (error.kind) {
    case 'configuration':
      return 'fix-configuration' // raised before anything is sent: an unsupported request or a missing option
    case 'authentication':
      return 'check-credentials' // never retried: a loop could lock the key
    case 'venue-rejected':
      return 'drop-symbol' // only the streams it names fail; their siblings go on
    case 'buffer-overflow':
      return 'consume-faster' // a lossless stream (trades, orders, fills) fell behind: nothing was dropped silently
    case 'decode':
    case 'book-resync':
    case 'stale-connection':
    case 'connection-closed':
    case 'rate-limit':
    case 'timeout':
      return 'already-retried' // recoverable: the feed heals these itself (reconnect, resync, refetch with backoff)
  }
}
