import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import {
  ConfigurationError,
  FiniteNumber,
  IntFromString,
  type BookSnapshot,
  type Credentials,
  type FeedError,
  type HttpClient,
  type VenueChannel,
} from '@tributary/core'
import { signHeaders, type KucoinKeyVersion } from './auth'
import { DecimalString } from './codecs'
import { TOPICS } from './planner'
import { requestKucoin, VENUE } from './rest'
import type { KucoinSymbols } from './symbols'
import { KUCOIN_PATHS, restUrl, type KucoinUrls } from './urls'

const Level = t.tuple([DecimalString, DecimalString], 'KucoinLevel')
/** `data` of the REST order-book endpoints: `sequence` is a string here (an integer in the stream). */
export const KucoinRestBook = t.type(
  { time: FiniteNumber, sequence: IntFromString, bids: t.array(Level), asks: t.array(Level) },
  'KucoinRestBook',
)
export type KucoinRestBook = t.TypeOf<typeof KucoinRestBook>

/** REST book `data` → BookSnapshot whose `seq` aligns the buffered `/market/level2` updates. */
export const toRestSnapshot = (book: KucoinRestBook, symbol: string, receivedAt: number): BookSnapshot => ({
  kind: 'book-snapshot',
  venue: VENUE,
  symbol,
  ts: book.time,
  receivedAt,
  bids: book.bids.map(([p, s]) => [Number(p), Number(s), p, s]),
  asks: book.asks.map(([p, s]) => [Number(p), Number(s), p, s]),
  seq: book.sequence,
})

export interface SnapshotOptions {
  readonly urls: KucoinUrls
  readonly symbols: KucoinSymbols
  readonly credentials?: Credentials | undefined
  readonly keyVersion?: KucoinKeyVersion | undefined
}

/** Public partial books that seed the top-of-book channels (the stream replaces them on its first push). */
const PARTIAL: Readonly<Record<string, string>> = {
  [TOPICS.depth5]: '/api/v1/market/orderbook/level2_20',
  [TOPICS.depth50]: '/api/v1/market/orderbook/level2_100',
}

/**
 * `BookRules.snapshot.fetch`. `/market/level2` is seeded from the signed full-depth `GET /api/v3/market/orderbook/level2`
 * (the 20/100-level endpoints would leave levels the diff stream never fills in); without credentials that is a
 * `ConfigurationError`, never a silently partial book. Top-of-book channels are seeded from the public partial books.
 */
export const createSnapshotFetcher =
  ({ urls, symbols, credentials, keyVersion }: SnapshotOptions) =>
  async (channel: VenueChannel, http: HttpClient, now: () => number): Promise<E.Either<FeedError, BookSnapshot>> => {
    const venueSymbol = channel.venueSymbol
    if (venueSymbol === undefined) return E.left(new ConfigurationError(VENUE, `${channel.topic}: not a book channel`))
    const prefix = channel.topic.slice(0, channel.topic.indexOf(':'))
    const query = `?symbol=${encodeURIComponent(venueSymbol)}`
    const partial = PARTIAL[prefix]
    let path: string
    let headers: Readonly<Record<string, string>> = {}
    if (partial !== undefined) path = `${partial}${query}`
    else if (prefix !== TOPICS.level2) return E.left(new ConfigurationError(VENUE, `${channel.topic}: not a book channel`))
    else if (credentials === undefined)
      return E.left(
        new ConfigurationError(VENUE, `${channel.topic}: the full-depth snapshot (GET ${KUCOIN_PATHS.fullBook}) is signed and no credentials were given`),
      )
    else {
      path = `${KUCOIN_PATHS.fullBook}${query}`
      headers = signHeaders({ credentials, method: 'GET', endpoint: path, body: '', timestamp: now(), ...(keyVersion === undefined ? {} : { keyVersion }) })
    }
    const book = await requestKucoin(http, { method: 'GET', url: restUrl(urls, path), headers }, KucoinRestBook, `GET ${path}`)
    const symbol = channel.request.symbol ?? symbols.fromVenue(venueSymbol) ?? venueSymbol
    return E.map((b: KucoinRestBook) => toRestSnapshot(b, symbol, now()))(book)
  }
