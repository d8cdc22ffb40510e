import type { Simulator, SyntheticMarket } from '@tributary/testkit'
import type { Logger } from '@tributary/core'
import type { Endpoints, VenueEntry } from '../venues'

/** A venue simulator listening on loopback. */
export interface RunningVenue {
  readonly entry: VenueEntry
  readonly sim: Simulator
  readonly endpoints: Endpoints
  /** Unified symbols it serves. */
  readonly symbols: readonly string[]
}

/**
 * Starts the simulators of `entries` on 127.0.0.1, all on one synthetic market: ports `port`, `port + 1`, … or
 * ephemeral ones when `port` is 0. Venues without a simulator are skipped. On a failure, those started are closed.
 */
export const startVenues = async (entries: readonly VenueEntry[], market: SyntheticMarket, options: { readonly port: number; readonly logger: Logger }): Promise<readonly RunningVenue[]> => {
  const running: RunningVenue[] = []
  try {
    for (const [i, entry] of entries.entries()) {
      const simulation = entry.simulation
      if (simulation === undefined) {
        options.logger.warn('venue has no simulator; left out', { venue: entry.id })
        continue
      }
      const sim = await simulation.start(market, { port: options.port === 0 ? 0 : options.port + i, logger: options.logger.child({ venue: entry.id }) })
      running.push({ entry, sim, endpoints: simulation.endpoints(sim), symbols: market.symbols.filter(simulation.serves) })
    }
    return running
  } catch (error) {
    await Promise.all(running.map((r) => r.sim.close()))
    throw error
  }
}
