import { createFeed, type Feed } from '@tributary/core'
import type { Observable, Subscription } from 'rxjs'
import { loadCcxt, WEEX_MARKETS, type CcxtExchange, type CcxtTicker } from '../ccxt'
import { stampUs, type PumpKind } from './bench-scripts'
import { SIM_VENUES, type SimEndpoints, type SimVenue } from './protocol'
import type { Recorder } from './recorder'
import { BENCH_SYMBOLS, benchVenues } from './venues'

export interface BenchClient {
  readonly name: string
  /** Errors the client reported while streaming (empty for a healthy run). */
  readonly errors: readonly string[]
  close(): Promise<void>
}

/** Tributary: one feed per venue, subscribed to `kind` on the bench symbol; every event's ts is a send stamp. */
export const tributaryClient = (endpoints: Readonly<Record<SimVenue, SimEndpoints>>, kind: PumpKind, recorder: Recorder): BenchClient => {
  const venues = benchVenues(endpoints)
  const feeds: Feed[] = []
  const subs: Subscription[] = []
  const errors: string[] = []
  for (const v of SIM_VENUES) {
    const feed = createFeed(venues[v])
    feeds.push(feed)
    const source: Observable<{ readonly ts: number }> = kind === 'ticker' ? feed.ticker(BENCH_SYMBOLS[v]) : feed.trades(BENCH_SYMBOLS[v])
    subs.push(
      source.subscribe({
        next: (event) => recorder.record(v, stampUs() - event.ts),
        error: (e: unknown) => void errors.push(`${v}: ${e instanceof Error ? e.message : String(e)}`),
      }),
    )
  }
  return {
    name: `tributary ${kind}`,
    errors,
    close: () => {
      for (const s of subs) s.unsubscribe()
      for (const f of feeds) f.close()
      return Promise.resolve()
    },
  }
}

const OKX_SPOT = { id: 'BTC-USDT', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', baseId: 'BTC', quoteId: 'USDT', type: 'spot', spot: true, margin: false, swap: false, future: false, option: false, contract: false, active: true, precision: { amount: 0.00000001, price: 0.1 }, limits: {}, info: { instType: 'SPOT', instId: 'BTC-USDT' } }
const KUCOIN_SPOT = { ...OKX_SPOT, info: { symbol: 'BTC-USDT' } }

const stampOf = (venue: SimVenue, t: CcxtTicker): number => {
  const info = t.info
  const raw = venue === 'okx' ? info['ts'] : venue === 'kucoin' ? info['time'] : (info['C'] ?? info['E'])
  return Number(raw)
}

/** ccxt Pro: one exchange per venue on the simulators, `watchTicker` in a loop (it keeps only the latest ticker). */
export const ccxtClient = async (endpoints: Readonly<Record<SimVenue, SimEndpoints>>, recorder: Recorder): Promise<BenchClient> => {
  const ccxt = loadCcxt()
  const exchanges: Record<SimVenue, CcxtExchange> = {
    okx: new ccxt.pro.okx(),
    kucoin: new ccxt.pro.kucoin(),
    weex: new ccxt.pro.weex(),
  }
  exchanges.okx.setMarkets([OKX_SPOT])
  exchanges.okx.urls.api['ws'] = `${endpoints.okx.wsBase}/ws/v5`
  exchanges.kucoin.setMarkets([KUCOIN_SPOT])
  exchanges.kucoin.urls.api['public'] = endpoints.kucoin.httpBase
  exchanges.kucoin.options['watchTicker'] = { spotMethod: '/market/ticker' }
  exchanges.weex.setMarkets(WEEX_MARKETS)
  const ws = exchanges.weex.urls.api['ws']
  if (typeof ws === 'object' && ws !== null) (ws as Record<string, unknown>)['contract'] = `${endpoints.weex.wsBase}/v3/ws`
  let running = true
  const errors: string[] = []
  const loops = SIM_VENUES.map(async (v) => {
    const ex = exchanges[v]
    await ex.loadHttpProxyAgent().catch((e: unknown) => errors.push(`${v}: ${String(e)}`))
    let last = Number.NaN
    while (running) {
      try {
        const t = await ex.watchTicker(BENCH_SYMBOLS[v])
        const stamp = stampOf(v, t)
        if (stamp !== last) {
          recorder.record(v, stampUs() - stamp)
          last = stamp
        }
      } catch (e) {
        if (running) errors.push(`${v}: ${e instanceof Error ? e.message : String(e)}`)
        if (errors.length > 20) return // keeps failing: stop this venue's loop; the errors are reported
      }
    }
  })
  return {
    name: 'ccxt ticker',
    errors,
    close: async () => {
      running = false
      await Promise.all(SIM_VENUES.map((v) => exchanges[v].close().catch((e: unknown) => errors.push(String(e)))))
      await Promise.race([Promise.allSettled(loops), new Promise((r) => setTimeout(r, 1_000))])
    },
  }
}
