import * as t from 'io-ts'
import { FiniteNumber } from '../codec/number-from-string'

/** Fields every venue event carries. */
export const EventBase = t.type({
  /** Venue id (`okx`, `kucoin`, `weex`, …). Core never enumerates venues: any string. */
  venue: t.string,
  /** Unified symbol (`BTC/USDT`, `BTC/USDT:USDT`, `BTC/USDT:USDT-250328`). */
  symbol: t.string,
  /** Venue event time, epoch ms (when the venue sends none, the receive time). */
  ts: FiniteNumber,
  /** Local receive time, epoch ms. `receivedAt - ts` is the feed lag. */
  receivedAt: FiniteNumber,
})

/**
 * The unit of an event's sizes when it is not the base currency. `contracts`: the venue counts in contracts and their
 * contract value was unknown (no instrument metadata), so the sizes are the venue's counts as sent. Absent: base units.
 */
export const SizeUnit = t.literal('contracts', 'SizeUnit')
export type SizeUnit = t.TypeOf<typeof SizeUnit>

export const Side = t.keyof({ buy: null, sell: null }, 'Side')
export type Side = t.TypeOf<typeof Side>

/** A readonly `t.type` + `t.partial` pair under one name. */
export const struct = <P extends t.Props, O extends t.Props>(name: string, required: P, optional: O) =>
  t.readonly(t.intersection([t.type(required), t.partial(optional)]), name)
