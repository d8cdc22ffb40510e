import type { Credentials, Venue } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { kucoinSimulator } from '@tributary/kucoin/testing'
import { createOkx } from '@tributary/okx'
import { startOkxSimulator } from '@tributary/okx/testing'
import { startSimulator, type Simulator, type SimulatorOptions, type SyntheticMarket } from '@tributary/testkit'
import { createWeex, WEEX_URLS, weexUrlsAt } from '@tributary/weex'
import { weexScript } from '@tributary/weex/testing'

/** Endpoint overrides for one venue: `public`, `private`, `business` sockets and the `rest` base. */
export type Endpoints = Readonly<Partial<Record<'public' | 'private' | 'business' | 'rest', string>>>

export interface VenueSetup {
  readonly endpoints?: Endpoints
  readonly credentials?: Credentials
}

/** What the CLI knows about one venue. Adding a venue is one entry here. */
export interface VenueEntry {
  readonly id: string
  /** Host name fragments of its endpoints, to recognise a capture's venue from its connection URLs. */
  readonly hosts: readonly string[]
  /** Which endpoints can be overridden. */
  readonly endpoints: readonly (keyof Endpoints)[]
  /** Base-tier taker fees, bps, as a fee table (override with `--fees`). */
  readonly takerFeeBps: Readonly<Record<string, number>>
  readonly create: (setup: VenueSetup) => Venue
  /** The venue as replay needs it: local-only placeholder credentials where a signed REST snapshot is recorded. */
  readonly forReplay: () => Venue
  /** Book depth the spread monitor asks for, by whether credentials are set. @defaultValue the venue's choice */
  readonly bookDepth?: (authenticated: boolean) => number | undefined
  /** Its loopback simulator, for `demo` and `simulate`. */
  readonly simulation?: VenueSimulation
}

/** How a venue is simulated on the shared synthetic market, whose symbols are unified symbols. */
export interface VenueSimulation {
  /** Starts its simulator on loopback; the market follows the wall clock, so simulators must not advance it. */
  readonly start: (market: SyntheticMarket, options: SimulatorOptions) => Promise<Simulator>
  /** The endpoints that reach a running simulator. */
  readonly endpoints: (sim: Simulator) => Endpoints
  /** Whether it serves this market symbol (KuCoin: spot only; Weex: perpetuals only). */
  readonly serves: (symbol: string) => boolean
}

const isPerpetual = (symbol: string): boolean => symbol.includes(':')
/** Base units per contract of the simulated OKX perpetuals (OKX's own values). */
const OKX_CONTRACT_VALUE: Readonly<Record<string, number>> = { BTC: 0.01, ETH: 0.1 }

const REPLAY_CREDENTIALS: Credentials = { apiKey: 'replay-key', secret: 'replay-secret', passphrase: 'replay-passphrase' }

const pick = (endpoints: Endpoints | undefined, keys: readonly (keyof Endpoints)[]): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const k of keys) {
    const v = endpoints?.[k]
    if (v !== undefined) out[k] = v
  }
  return out
}

/** The one list of venues in the repository. */
export const VENUES: readonly VenueEntry[] = [
  {
    id: 'okx',
    hosts: ['okx.com', 'okex.com'],
    endpoints: ['public', 'private', 'business', 'rest'],
    takerFeeBps: { okx: 5, 'okx:spot': 10 },
    create: ({ endpoints, credentials }) =>
      createOkx({ urls: pick(endpoints, ['public', 'private', 'business', 'rest']), ...(credentials === undefined ? {} : { credentials }) }),
    forReplay: () => createOkx(),
    simulation: {
      start: async (market, options) => {
        const instruments = market.symbols.map((symbol) => {
          const i = market.instrument(symbol)
          const [base = '', quote = ''] = symbol.split(/[/:]/)
          return isPerpetual(symbol)
            ? { instId: `${base}-${quote}-SWAP`, mid: i.mid, tickSz: i.tickSize, lotSz: 0.01, ctVal: OKX_CONTRACT_VALUE[base] ?? 0.01 }
            : { instId: `${base}-${quote}`, mid: i.mid, tickSz: i.tickSize, lotSz: i.lotSize }
        })
        return (await startOkxSimulator({ market, instruments }, options)).sim
      },
      endpoints: (sim) => ({ public: `${sim.wsBase}/ws/v5/public`, private: `${sim.wsBase}/ws/v5/private`, business: `${sim.wsBase}/ws/v5/business`, rest: sim.httpBase }),
      serves: () => true,
    },
  },
  {
    id: 'kucoin',
    hosts: ['kucoin.com'],
    endpoints: ['rest'],
    takerFeeBps: { kucoin: 10 },
    create: ({ endpoints, credentials }) =>
      createKucoin({ ...(endpoints?.rest === undefined ? {} : { urls: { rest: endpoints.rest } }), ...(credentials === undefined ? {} : { credentials }) }),
    forReplay: () => createKucoin({ credentials: REPLAY_CREDENTIALS }),
    // Full-depth books are seeded from a signed REST snapshot: without a key, the public 50-level book.
    bookDepth: (authenticated) => (authenticated ? undefined : 50),
    simulation: {
      start: (market, options) => startSimulator(kucoinSimulator({ market, advanceMarket: false }), options),
      endpoints: (sim) => ({ rest: sim.httpBase }),
      serves: (symbol) => !isPerpetual(symbol),
    },
  },
  {
    id: 'weex',
    hosts: ['weex.com'],
    endpoints: ['public', 'private', 'rest'],
    takerFeeBps: { weex: 8 },
    create: ({ endpoints, credentials }) =>
      createWeex({ urls: { ...WEEX_URLS.live, ...pick(endpoints, ['public', 'private', 'rest']) }, ...(credentials === undefined ? {} : { credentials }) }),
    forReplay: () => createWeex(),
    simulation: {
      start: (market, options) =>
        startSimulator(
          weexScript({
            market,
            drive: false,
            instruments: market.symbols.filter(isPerpetual).map((symbol) => {
              const i = market.instrument(symbol)
              return { id: symbol.split(':')[0]?.replace('/', '') ?? symbol, symbol, tickSize: i.tickSize, lotSize: i.lotSize }
            }),
          }),
          options,
        ),
      endpoints: (sim) => weexUrlsAt(sim.wsBase, sim.httpBase),
      serves: isPerpetual,
    },
  },
]

export const venueIds: readonly string[] = VENUES.map((v) => v.id)

export const venueEntry = (id: string): VenueEntry | undefined => VENUES.find((v) => v.id === id)

/** The venue whose hosts appear in a capture's connection labels and URLs, when exactly one does. */
export const venueOfUrls = (urls: Iterable<string>): VenueEntry | undefined => {
  const found = new Set<VenueEntry>()
  for (const url of urls) for (const v of VENUES) if (v.hosts.some((h) => url.includes(h))) found.add(v)
  return found.size === 1 ? [...found][0] : undefined
}

/** Credentials from `TRIBUTARY_<VENUE>_API_KEY`, `_API_SECRET` and `_API_PASSPHRASE`, when the key and secret are set. */
export const credentialsFromEnv = (venue: string, env: NodeJS.ProcessEnv): Credentials | undefined => {
  const prefix = `TRIBUTARY_${venue.toUpperCase()}_API_`
  const apiKey = env[`${prefix}KEY`]
  const secret = env[`${prefix}SECRET`]
  if (apiKey === undefined || apiKey === '' || secret === undefined || secret === '') return undefined
  return { apiKey, secret, passphrase: env[`${prefix}PASSPHRASE`] ?? '' }
}
