import type { Venue } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { createOkx } from '@tributary/okx'
import { createWeex, weexUrlsAt } from '@tributary/weex'
import type { SimEndpoints, SimVenue } from './protocol'

/** The instrument each venue streams in the latency and soak benchmarks (unified symbols). */
export const BENCH_SYMBOLS: Readonly<Record<SimVenue, string>> = { okx: 'BTC/USDT', kucoin: 'BTC/USDT', weex: 'BTC/USDT:USDT' }

/** Local placeholder key: KuCoin's full-depth REST book is signed (the simulator does not check signatures). */
const PLACEHOLDER = { apiKey: 'bench-key', secret: 'bench-secret', passphrase: 'bench-passphrase' }

/** Tributary's adapters pointed at the benchmark simulators. */
export const benchVenues = (endpoints: Readonly<Record<SimVenue, SimEndpoints>>): Readonly<Record<SimVenue, Venue>> => ({
  okx: createOkx({ urls: { public: `${endpoints.okx.wsBase}/ws/v5/public`, business: `${endpoints.okx.wsBase}/ws/v5/business`, rest: endpoints.okx.httpBase } }),
  kucoin: createKucoin({ urls: { rest: endpoints.kucoin.httpBase }, credentials: PLACEHOLDER }),
  weex: createWeex({ urls: weexUrlsAt(endpoints.weex.wsBase, endpoints.weex.httpBase) }),
})
