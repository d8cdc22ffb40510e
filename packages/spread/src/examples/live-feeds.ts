/**
 * Runnable example: the spread monitor on real adapters and feeds, here pointed at loopback simulators (no
 * internet needed). With real venues, drop the simulators and the `endpoints`.
 * `pnpm exec tsc -b packages/spread && node packages/spread/dist/examples/live-feeds.js`
 */
import { filter, lastValueFrom, take, takeUntil, timer, toArray } from 'rxjs'
import { createFeed, silentLogger } from '@tributary/core'
import { feeTable } from '../fees'
import type { MarketRef } from '../market'
import { spreadMonitor, type MonitorView } from '../monitor'
import { demoMarket } from '../simulation/market'
import { startVenues } from '../simulation/serve'
import { marketInputs } from '../sources'
import { venueEntry, type VenueEntry } from '../venues'

/** Watches BTC perpetuals on simulated OKX and Weex until both books are live, and returns `views` views from then on. */
export const watchPerpetuals = async (views = 3, timeoutMs = 10_000): Promise<readonly MonitorView[]> => {
  const entries = ['okx', 'weex'].map(venueEntry).filter((e): e is VenueEntry => e !== undefined)
  const running = await startVenues(entries, demoMarket(7), { port: 0, logger: silentLogger })
  const feeds = running.map((r) => createFeed(r.entry.create({ endpoints: r.endpoints })))
  const markets: MarketRef[] = running.map((r) => ({ venue: r.entry.id, symbol: 'BTC/USDT:USDT' }))
  try {
    return await lastValueFrom(
      marketInputs(feeds, markets, { logger: silentLogger }).pipe(
        spreadMonitor({ markets, fees: feeTable({ okx: 5, weex: 8 }), maxAgeMs: 2_000 }),
        filter((view) => view.markets.every((m) => m.flags.length === 0)),
        take(views),
        takeUntil(timer(timeoutMs)),
        toArray(),
      ),
    )
  } finally {
    for (const f of feeds) f.close()
    await Promise.all(running.map((r) => r.sim.close()))
  }
}

if (require.main === module) {
  void watchPerpetuals(5).then((views) => {
    for (const v of views) {
      const s = v.leading
      process.stdout.write(
        s === undefined
          ? 'no usable spread\n'
          : `buy ${s.buy.venue} @ ${s.buy.price ?? '-'} / sell ${s.sell.venue} @ ${s.sell.price ?? '-'}: net ${s.netBps.toFixed(2)} bps on ${s.size} BTC\n`,
      )
    }
  })
}
