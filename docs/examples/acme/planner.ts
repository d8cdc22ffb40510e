import * as E from 'fp-ts/Either'
import { ConfigurationError, type FeedError, type StreamRequest, type VenueChannel } from '@tributary/core'
import { acmeSymbols } from './symbols'

// Step 4: pure planning, table-tested in a real package (planner.test.ts).

export const channelsFor = (request: StreamRequest): E.Either<FeedError, readonly VenueChannel[]> => {
  if (request.kind !== 'trades' || request.symbol === undefined) return E.left(new ConfigurationError('acme', `acme streams trades of one symbol, not ${request.kind}`))
  const symbol = request.symbol
  return E.bimap(
    (message: string): FeedError => new ConfigurationError('acme', message),
    (id: string): readonly VenueChannel[] => [{ key: `${id.toLowerCase()}@trade`, group: 'public', topic: `${id.toLowerCase()}@trade`, request, venueSymbol: id }],
  )(acmeSymbols.toVenue(symbol))
}

const frame = (method: 'SUBSCRIBE' | 'UNSUBSCRIBE', channels: readonly VenueChannel[], id: number): string =>
  JSON.stringify({ method, params: channels.map((c) => c.topic), id })

export const subscribeFrame = (channels: readonly VenueChannel[], requestId: number): string => frame('SUBSCRIBE', channels, requestId)
export const unsubscribeFrame = (channels: readonly VenueChannel[], requestId: number): string => frame('UNSUBSCRIBE', channels, requestId)
