import { chainedSequence, decodeJson, defineVenue, type Credentials, type Venue } from '@tributary/core'
import { codecFor } from './codecs'
import { interpret } from './interpret'
import { channelsFor, subscribeFrame, unsubscribeFrame } from './planner'
import { acmeSymbols } from './symbols'
import { ACME_URLS, type AcmeUrls } from './urls'

// Step 5: the adapter, assembly only.

export interface AcmeOptions {
  /** @defaultValue {@link ACME_URLS}.live */
  readonly urls?: AcmeUrls
  /** Acme's private streams are left out of this example; the option shows where credentials go. */
  readonly credentials?: Credentials
}

export const createAcme = (options: AcmeOptions = {}): Venue => {
  const { urls = ACME_URLS.live } = options
  return defineVenue({
    id: 'acme',
    groups: {
      public: {
        resolve: async () => ({ url: urls.public }),
        heartbeat: { intervalMs: 15_000, ping: () => '{"op":"ping"}', isPong: (raw) => raw === '{"op":"pong"}', timeoutMs: 30_000 },
        limits: { maxChannels: 200, maxChannelsPerRequest: 50 },
      },
    },
    symbols: acmeSymbols,
    channelsFor,
    subscribe: subscribeFrame,
    unsubscribe: unsubscribeFrame,
    decode: decodeJson('acme', codecFor),
    interpret,
    books: { sequence: chainedSequence, snapshot: { source: 'stream' }, maxDepth: () => 200 },
  })
}
export const acme = createAcme()
