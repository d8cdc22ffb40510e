import { createFeed, type Logger, type SecretRegistry } from '@tributary/core'
import { feeTable } from '../fees'
import type { MarketRef } from '../market'
import { strictQuotes } from '../quote-map'
import { injectFault, pickFault, type FaultKind, type InjectedFault } from '../simulation/faults'
import { demoMarket, seededRandom } from '../simulation/market'
import { startVenues } from '../simulation/serve'
import { VENUES } from '../venues'
import type { DemoArgs } from './args'
import type { CliIo } from './io'
import { runMonitor } from './monitor-runner'
import { defaultFees } from './spread-command'

const DEMO_FAULTS: readonly FaultKind[] = ['drop', 'silence', 'gap', 'malformed']
const LABEL = 'SIMULATED DATA: loopback simulators, synthetic market'

/**
 * `tributary demo`: starts every venue simulator on one synthetic market, connects the real adapters over
 * WebSockets, injects a fault now and then, and runs the spread monitor. Resolves with the exit code.
 */
export const runDemo = async (args: DemoArgs, io: CliIo, logger: Logger, secrets: SecretRegistry): Promise<number> => {
  const market = demoMarket(args.seed)
  const running = await startVenues(VENUES, market, { port: 0, logger: logger.child({ component: 'simulator' }) })
  const feeds = running.map((r) => createFeed(r.entry.create({ endpoints: r.endpoints }), { logger: logger.child({ venue: r.entry.id }), secrets, backoff: { baseMs: 200, capMs: 2_000 } }))
  const markets: MarketRef[] = running.flatMap((r) => r.symbols.map((symbol) => ({ venue: r.entry.id, symbol })))
  const random = seededRandom(args.seed)
  const started = Date.now()
  let last: { readonly fault: InjectedFault; readonly at: number } | undefined
  const faults = args.faults
    ? setInterval(() => {
        const pick = pickFault(running, DEMO_FAULTS, random)
        if (pick === undefined) return
        last = { fault: injectFault(pick.venue.entry.id, pick.venue.sim, pick.fault), at: Date.now() }
        logger.info('demo fault injected', { venue: pick.venue.entry.id, fault: pick.fault })
      }, 8_000)
    : undefined
  const label = (): string => (last === undefined ? LABEL : `${LABEL} | fault at ${((last.at - started) / 1_000).toFixed(0)}s: ${last.fault.text}`)
  try {
    return await runMonitor(
      {
        sources: feeds,
        markets,
        via: 'book',
        depth: (venue) => VENUES.find((v) => v.id === venue)?.bookDepth?.(false),
        fees: feeTable(defaultFees(args.fees)),
        quotes: strictQuotes,
        maxAgeMs: 3_000,
        minEdgeBps: args.minEdgeBps,
        json: args.json,
        ...(args.intervalMs === undefined ? {} : { intervalMs: args.intervalMs }),
        label,
        durationMs: args.durationMs,
        logger,
      },
      io,
    )
  } finally {
    if (faults !== undefined) clearInterval(faults)
    for (const f of feeds) f.close()
    await Promise.all(running.map((r) => r.sim.close()))
  }
}
