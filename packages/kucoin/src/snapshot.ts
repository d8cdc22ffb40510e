import * as E from 'fp-ts/Either'
import {
  ConfigurationError,
  type BookSnapshot,
  type Credentials,
  type FeedError,
  type HttpClient,
  type SnapshotSource,
  type VenueChannel,
} from '@tributary/core'
import { signHeaders, type KucoinKeyVersion } from './auth'
import { TOPICS } from './planner'
import { requestKucoin, VENUE } from './rest'
import { createRestBookScan, KucoinRestLevels, toRestLevels, type KucoinRestBook } from './rest-book'
import type { KucoinSymbols } from './symbols'
import { KUCOIN_PATHS, restUrl, type KucoinUrls } from './urls'

export { KucoinRestBook } from './rest-book'

const toSnapshot = (book: KucoinRestLevels, symbol: string, receivedAt: number): BookSnapshot => ({
  kind: 'book-snapshot',
  venue: VENUE,
  symbol,
  ts: book.time,
  receivedAt,
  bids: book.bids,
  asks: book.asks,
  seq: book.sequence,
})

/** REST book `data` → BookSnapshot whose `seq` aligns the buffered `/market/level2` updates. */
export const toRestSnapshot = (book: KucoinRestBook, symbol: string, receivedAt: number): BookSnapshot =>
  toSnapshot(toRestLevels(book), symbol, receivedAt)

export interface SnapshotOptions {
  readonly urls: KucoinUrls
  readonly symbols: KucoinSymbols
  readonly credentials?: Credentials | undefined
  readonly keyVersion?: KucoinKeyVersion | undefined
}

/**
 * `BookRules.snapshot`, per channel. `/market/level2` is seeded over REST from the signed full-depth
 * `GET /api/v3/market/orderbook/level2` (the 20/100-level endpoints would leave levels the diff stream never fills
 * in); without credentials that is a `ConfigurationError`, never a silently partial book. The depth5/depth50
 * channels push whole books, so their snapshots come from the stream.
 */
export const snapshotSource = (options: SnapshotOptions) => {
  const rest: SnapshotSource = { source: 'rest', fetch: fetchFullBook(options) }
  const stream: SnapshotSource = { source: 'stream' }
  return (channel: VenueChannel): SnapshotSource => (channel.topic.startsWith(`${TOPICS.level2}:`) ? rest : stream)
}

const fetchFullBook = ({ urls, symbols, credentials, keyVersion }: SnapshotOptions) => {
  const scan = createRestBookScan()
  return async (channel: VenueChannel, http: HttpClient, now: () => number): Promise<E.Either<FeedError, BookSnapshot>> => {
    const venueSymbol = channel.venueSymbol
    if (venueSymbol === undefined || !channel.topic.startsWith(`${TOPICS.level2}:`)) {
      return E.left(new ConfigurationError(VENUE, `${channel.topic}: not a level2 book channel`))
    }
    if (credentials === undefined) {
      return E.left(
        new ConfigurationError(VENUE, `${channel.topic}: the full-depth snapshot (GET ${KUCOIN_PATHS.fullBook}) is signed and no credentials were given`),
      )
    }
    const path = `${KUCOIN_PATHS.fullBook}?symbol=${encodeURIComponent(venueSymbol)}`
    const headers = signHeaders({ credentials, method: 'GET', endpoint: path, body: '', timestamp: now(), ...(keyVersion === undefined ? {} : { keyVersion }) })
    const book = await requestKucoin(http, { method: 'GET', url: restUrl(urls, path), headers }, KucoinRestLevels, `GET ${path}`, scan)
    const symbol = channel.request.symbol ?? symbols.fromVenue(venueSymbol) ?? venueSymbol
    return E.map((b: KucoinRestLevels) => toSnapshot(b, symbol, now()))(book)
  }
}
