import type { SimConnection } from '@tributary/testkit'
import type { OkxArg } from '../codecs'
import { okxKindOf } from '../symbols'

/** One instrument the simulated OKX lists and quotes. */
export interface OkxSimInstrument {
  /** OKX id: `BTC-USDT`, `BTC-USDT-SWAP`. */
  readonly instId: string
  /** Starting mid. */
  readonly mid: number
  readonly tickSz: number
  /** Order size step in OKX's unit (contracts for derivatives). */
  readonly lotSz: number
  /** Base units per contract (derivatives). @defaultValue 0.01 */
  readonly ctVal?: number
}

/** An API key the simulated OKX accepts, with its starting balances (currency → amount). */
export interface OkxSimAccount {
  readonly apiKey: string
  readonly secret: string
  readonly passphrase: string
  readonly balances?: Readonly<Record<string, number>>
}

export const DEFAULT_INSTRUMENTS: readonly OkxSimInstrument[] = [
  { instId: 'BTC-USDT', mid: 65_000, tickSz: 0.1, lotSz: 0.0001 },
  { instId: 'ETH-USDT', mid: 3_500, tickSz: 0.01, lotSz: 0.001 },
  { instId: 'BTC-USDT-SWAP', mid: 65_000, tickSz: 0.1, lotSz: 1, ctVal: 0.01 },
]

export const DEFAULT_ACCOUNT: OkxSimAccount = {
  apiKey: 'sim-api-key-0001',
  secret: 'sim-secret-0001-do-not-use',
  passphrase: 'sim-passphrase',
  balances: { USDT: 100_000, BTC: 1, ETH: 10 },
}

/** Base units per size unit as the simulator sends it: contracts for derivatives, 1 for spot. */
export const unitOf = (i: OkxSimInstrument): number => (okxKindOf(i.instId) === 'spot' ? 1 : (i.ctVal ?? 0.01))

/** Formats a number the way OKX sends decimals: plain digits, no exponent, no float noise. */
export const fmt = (n: number): string => {
  const fixed = Number(n.toPrecision(12))
  if (Math.abs(fixed) >= 1e-6 || fixed === 0) return String(fixed)
  return fixed.toFixed(20).replace(/0+$/, '').replace(/\.$/, '')
}

/** A base-unit size in the instrument's wire unit (contracts for derivatives), as a string. */
export const wireSize = (i: OkxSimInstrument, baseSize: number): string => fmt(baseSize / unitOf(i))

export type SimGroup = 'public' | 'private' | 'business'

/** One subscription of one connection. `lastSeq` is the last book seqId sent on it. */
export interface SimSubscription {
  readonly arg: OkxArg
  readonly topic: string
  lastSeq: number
  /** Candle channels: open time of the candle last sent. */
  lastCandle?: number
}

/** What the simulated OKX knows about one connection. */
export interface SimConnState {
  readonly conn: SimConnection
  readonly group: SimGroup | undefined
  readonly connId: string
  readonly openedAt: number
  lastPushAt: number
  /** The API key logged in on this connection. */
  account: string | undefined
  ops: number[]
  readonly subscriptions: Map<string, SimSubscription>
}

/** The group a socket path serves: `/ws/v5/public` → `public`. */
export const groupOf = (path: string): SimGroup | undefined => {
  const m = /\/ws\/v5\/(public|private|business)\/?$/.exec(path)
  return m?.[1] === 'public' || m?.[1] === 'private' || m?.[1] === 'business' ? m[1] : undefined
}

/** Channels served on each URL. */
export const CHANNEL_GROUP = (channel: string): SimGroup | undefined => {
  if (/^candle\d+[smHDWMY](?:utc)?$/.test(channel) || channel === 'trades-all') return 'business'
  if (['orders', 'positions', 'account', 'balance_and_position'].includes(channel)) return 'private'
  if (['tickers', 'trades', 'books', 'books5', 'bbo-tbt', 'books-l2-tbt', 'books50-l2-tbt', 'funding-rate', 'mark-price'].includes(channel)) return 'public'
  return undefined
}

/** Public channels that need a login on the public connection. */
export const LOGIN_CHANNELS: ReadonlySet<string> = new Set(['books-l2-tbt', 'books50-l2-tbt'])

export const BOOK_CHANNELS: ReadonlySet<string> = new Set(['books', 'books-l2-tbt', 'books50-l2-tbt'])
