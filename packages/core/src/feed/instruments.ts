import * as E from 'fp-ts/Either'
import { ConnectionClosedError, type FeedError, isFeedError } from '../errors'
import type { Instrument } from '../model/instrument'
import type { HttpClient, VenueSpec } from '../venue'

/**
 * Loads a venue's instruments once and shares the in-flight request. A failure is not cached: the next
 * subscription that needs instruments tries again.
 * @internal
 */
export class InstrumentCache {
  private loading: Promise<E.Either<FeedError, readonly Instrument[]>> | undefined
  private readonly byVenueSymbol = new Map<string, Instrument>()

  constructor(
    private readonly spec: VenueSpec<unknown>,
    private readonly http: HttpClient,
  ) {}

  get(venueSymbol: string): Instrument | undefined {
    return this.byVenueSymbol.get(venueSymbol)
  }

  load(): Promise<E.Either<FeedError, readonly Instrument[]>> {
    const source = this.spec.instruments
    if (source === undefined) return Promise.resolve(E.right([]))
    this.loading ??= source.load(this.http).then(
      (result) => {
        if (E.isRight(result)) for (const i of result.right) this.byVenueSymbol.set(i.venueSymbol, i)
        else this.loading = undefined
        return result
      },
      (error: unknown) => {
        this.loading = undefined
        return E.left(isFeedError(error) ? error : new ConnectionClosedError(this.spec.id, 'instruments', undefined, 'instrument load failed', { cause: error }))
      },
    )
    return this.loading
  }
}
