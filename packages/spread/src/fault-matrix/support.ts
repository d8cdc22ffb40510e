import type { Observable, Subscription } from 'rxjs'
import {
  createFeed, type BookState, type ConnectionState, type Credentials, type Feed, type FeedOptions, type Issue, type Venue,
} from '@tributary/core'
import { createKucoin, type KucoinOptions } from '@tributary/kucoin'
import { kucoinSimulator, type KucoinSimulatorOptions, type KucoinSimulatorScript } from '@tributary/kucoin/testing'
import { createOkx, type OkxOptions } from '@tributary/okx'
import { DEFAULT_ACCOUNT, startOkxSimulator, type OkxSimulator, type OkxSimulatorOptions } from '@tributary/okx/testing'
import { SyntheticMarket, startSimulator, waitFor, type Simulator, type SimulatorScript } from '@tributary/testkit'
import { createWeex, weexUrlsAt, type WeexOptions } from '@tributary/weex'
import { weexScript, type WeexSimOptions, type WeexSimScript } from '@tributary/weex/testing'

// Shared rigs for the fault matrix: the real adapters, each against its venue simulator on 127.0.0.1, with
// heartbeat, backoff and idle figures shortened so that every row runs in a fraction of a second.

export type VenueName = 'okx' | 'kucoin' | 'weex'
export const VENUES: readonly VenueName[] = ['okx', 'kucoin', 'weex']

export const SIM_CREDENTIALS: Credentials = { apiKey: 'matrix-key-0001', secret: 'matrix-secret-0001', passphrase: 'matrix-pass-0001' }

/** Fast figures for every rig: reconnects within tens of ms. */
export const FAST_BACKOFF: NonNullable<FeedOptions['backoff']> = { baseMs: 10, capMs: 50 }

/** Generous bound for waits: the machine is shared, and a loaded box must not make the matrix flaky. */
export const until = (predicate: () => boolean, timeoutMs = 5_000): Promise<void> => waitFor(predicate, timeoutMs)

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------------------------
// Teardown

const teardown: (() => unknown)[] = []

/** Registers an `afterEach` that closes every feed, simulator and subscription the test opened. */
export const autoCleanup = (): void => {
  afterEach(async () => {
    for (const fn of teardown.splice(0).reverse()) await fn()
  })
}

export const onTeardown = (fn: () => unknown): void => {
  teardown.push(fn)
}

export interface Collected<T> {
  readonly values: T[]
  error: unknown
  completed: boolean
  readonly subscription: Subscription
}

/** Subscribes and records values, the error and completion; unsubscribed at teardown. */
export const collect = <T>(source: Observable<T>): Collected<T> => {
  const values: T[] = []
  const box: { error: unknown; completed: boolean } = { error: undefined, completed: false }
  const subscription = source.subscribe({ next: (v) => values.push(v), error: (e: unknown) => (box.error = e), complete: () => (box.completed = true) })
  teardown.push(() => subscription.unsubscribe())
  return Object.assign(box, { values, subscription })
}

// ---------------------------------------------------------------------------------------------------------------
// Rigs

/** One venue adapter over the feed, against its simulator, with everything a row asserts on. */
export interface Rig {
  readonly venue: VenueName
  readonly feed: Feed
  readonly sim: Simulator
  /** Two instruments the simulator serves: the one a row breaks, and its sibling. */
  readonly symbols: readonly [string, string]
  /** Everything published on `status$` and `issues$`, in order. */
  readonly states: (ConnectionState | BookState)[]
  readonly issues: Issue[]
  /** Operation names the client sent on connection `i` (`subscribe`, `unsubscribe`, `login`), pings left out. */
  ops(i: number): readonly string[]
  /** Subscribe frames the client sent on connection `i`. */
  subscribes(i: number): readonly string[]
}

interface RigParts {
  readonly venue: VenueName
  readonly sim: Simulator
  readonly adapter: Venue
  readonly symbols: readonly [string, string]
  readonly opOf: (frame: string) => string | undefined
  readonly feedOptions: FeedOptions
}

const jsonField = (frame: string, field: string): string | undefined => {
  if (!frame.startsWith('{')) return undefined
  const value = (JSON.parse(frame) as Record<string, unknown>)[field]
  return typeof value === 'string' ? value : undefined
}

const assemble = (parts: RigParts): Rig => {
  const feed = createFeed(parts.adapter, { backoff: FAST_BACKOFF, ...parts.feedOptions })
  const states: (ConnectionState | BookState)[] = []
  const issues: Issue[] = []
  const s1 = feed.status$.subscribe((s) => states.push(s))
  const s2 = feed.issues$.subscribe((i) => issues.push(i))
  teardown.push(() => parts.sim.close(), () => feed.close(), () => s1.unsubscribe(), () => s2.unsubscribe())
  const ops = (i: number): readonly string[] =>
    (parts.sim.connections[i]?.received ?? []).map(parts.opOf).filter((op): op is string => op !== undefined)
  const subscribes = (i: number): readonly string[] =>
    (parts.sim.connections[i]?.received ?? []).filter((f) => parts.opOf(f) === 'subscribe')
  return { venue: parts.venue, feed, sim: parts.sim, symbols: parts.symbols, states, issues, ops, subscribes }
}

export interface OkxRigOptions {
  readonly sim?: OkxSimulatorOptions
  readonly venue?: Partial<OkxOptions>
  readonly feed?: FeedOptions
}

export const startOkx = async (options: OkxRigOptions = {}): Promise<Rig & { readonly okx: OkxSimulator }> => {
  const okx = await startOkxSimulator({ tickMs: 20, ...options.sim })
  const adapter = createOkx({
    wsBase: okx.wsBase, urls: { rest: okx.restBase }, credentials: DEFAULT_ACCOUNT, heartbeat: { intervalMs: 100, timeoutMs: 500 }, ...options.venue,
  })
  const opOf = (frame: string): string | undefined => jsonField(frame, 'op')
  const rig = assemble({ venue: 'okx', sim: okx.sim, adapter, symbols: ['BTC/USDT', 'ETH/USDT'], opOf, feedOptions: options.feed ?? {} })
  return { ...rig, okx }
}

/** Two KuCoin spot instruments, the market behind the KuCoin simulator. */
export const kucoinMarket = (): SyntheticMarket =>
  new SyntheticMarket({
    seed: 3,
    instruments: [
      { symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.0001 },
      { symbol: 'ETH/USDT', mid: 3_000, tickSize: 0.01, lotSize: 0.001 },
    ],
  })

export interface KucoinRigOptions {
  readonly sim?: Partial<KucoinSimulatorOptions>
  readonly venue?: Partial<KucoinOptions>
  readonly feed?: FeedOptions
  /** Wraps the script before the simulator starts (to reorder or delay what it sends). */
  readonly wrap?: (script: KucoinSimulatorScript) => SimulatorScript
}

export const startKucoin = async (options: KucoinRigOptions = {}): Promise<Rig & { readonly script: KucoinSimulatorScript }> => {
  const script = kucoinSimulator({ market: kucoinMarket(), credentials: SIM_CREDENTIALS, pushIntervalMs: 20, pingIntervalMs: 100, pingTimeoutMs: 400, ...options.sim })
  const sim = await startSimulator(options.wrap === undefined ? script : options.wrap(script))
  const adapter = createKucoin({ urls: { rest: sim.httpBase }, credentials: SIM_CREDENTIALS, readyTimeoutMs: 500, ...options.venue })
  const opOf = (frame: string): string | undefined => {
    const type = jsonField(frame, 'type')
    return type === 'ping' ? undefined : type
  }
  const rig = assemble({ venue: 'kucoin', sim, adapter, symbols: ['BTC/USDT', 'ETH/USDT'], opOf, feedOptions: options.feed ?? {} })
  return { ...rig, script }
}

export const WEEX_INSTRUMENTS = [
  { id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', tickSize: 0.1, lotSize: 0.0001 },
  { id: 'ETHUSDT', symbol: 'ETH/USDT:USDT', tickSize: 0.01, lotSize: 0.001 },
] as const

export const weexMarket = (instruments: readonly { readonly symbol: string; readonly tickSize: number; readonly lotSize: number }[] = WEEX_INSTRUMENTS): SyntheticMarket =>
  new SyntheticMarket({
    seed: 5,
    instruments: instruments.map((i, n) => ({ symbol: i.symbol, mid: n === 0 ? 65_000 : 3_000 + n, tickSize: i.tickSize, lotSize: i.lotSize, typicalSize: 0.5 })),
  })

export interface WeexRigOptions {
  readonly sim?: WeexSimOptions
  readonly venue?: Partial<WeexOptions>
  readonly feed?: FeedOptions
  readonly wrap?: (script: WeexSimScript) => SimulatorScript
}

export const startWeex = async (options: WeexRigOptions = {}): Promise<Rig & { readonly script: WeexSimScript }> => {
  const script = weexScript({ credentials: SIM_CREDENTIALS, tickMs: 20, instruments: WEEX_INSTRUMENTS, market: weexMarket(), ...options.sim })
  const sim = await startSimulator(options.wrap === undefined ? script : options.wrap(script))
  const adapter = createWeex({ urls: weexUrlsAt(sim.wsBase, sim.httpBase), credentials: SIM_CREDENTIALS, staleAfterMs: 500, ...options.venue })
  const opOf = (frame: string): string | undefined => {
    const method = jsonField(frame, 'method')
    return method === 'PONG' || method === undefined ? undefined : method.toLowerCase()
  }
  const rig = assemble({ venue: 'weex', sim, adapter, symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'], opOf, feedOptions: options.feed ?? {} })
  return { ...rig, script }
}

/** A rig of the named venue with default options, and feed options if given. */
export const startRig = (venue: VenueName, feed: FeedOptions = {}): Promise<Rig> =>
  venue === 'okx' ? startOkx({ feed }) : venue === 'kucoin' ? startKucoin({ feed }) : startWeex({ feed })

/**
 * Re-dials 59 ms after a failure, always: for rows that switch a fault off once the client gave up a connection, so
 * the next connection never meets the fault.
 */
export const LATE_REDIAL: FeedOptions = { backoff: { baseMs: 60, capMs: 60, random: () => 0.99 } }

// ---------------------------------------------------------------------------------------------------------------
// Reading what was published

export const bookStates = (rig: Rig, symbol: string): string[] =>
  rig.states.filter((s): s is BookState => s.kind === 'book-state' && s.symbol === symbol).map((s) => s.state)

export const connectionStates = (rig: Rig): string[] =>
  rig.states.filter((s): s is ConnectionState => s.kind === 'connection').map((s) => s.state)

/** The integer at the end of trade ids (`123`, `session-123`): simulators number trades contiguously per symbol. */
export const tradeNumbers = (trades: readonly { readonly id: string }[]): number[] => trades.map((t) => Number(t.id.split('-').at(-1)))

/** True when each number is the previous plus one: nothing lost, nothing repeated. */
export const contiguous = (numbers: readonly number[]): boolean => numbers.every((n, i) => i === 0 || n === (numbers[i - 1] ?? NaN) + 1)

/** Waits until `collected` has received `more` values beyond what it holds now. */
export const streamsOn = async (collected: Collected<unknown>, more = 3): Promise<void> => {
  const before = collected.values.length
  await until(() => collected.values.length >= before + more)
}
