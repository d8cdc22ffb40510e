import { INTERVAL_MS, type SimInstrument } from './sim-streams'

/** A stream one connection subscribed to, parsed from its V3 name. */
export type SimStream =
  | { readonly kind: 'depth'; readonly name: string; readonly instrument: SimInstrument; readonly levels: number }
  | { readonly kind: 'trade' | 'ticker'; readonly name: string; readonly instrument: SimInstrument }
  | { readonly kind: 'kline'; readonly name: string; readonly instrument: SimInstrument; readonly interval: string; readonly price: 'LAST_PRICE' | 'MARK_PRICE' }
  | { readonly kind: 'private'; readonly name: string }

const PRIVATE = new Set(['orders', 'fill', 'positions', 'account'])

/**
 * Parses `BTCUSDT@depth15`, `btcusdt@depth` (15 levels), `@trade`, `@ticker`, `@kline_1m[_LAST_PRICE|_MARK_PRICE]`, or a
 * private channel; returns the venue's error text (`INVALID_ARGUMENT: invalid event : x`) when it is not one.
 */
export const parseStream = (param: string, isPrivate: boolean, instruments: ReadonlyMap<string, SimInstrument>): SimStream | string => {
  if (isPrivate) return PRIVATE.has(param) ? { kind: 'private', name: param } : `INVALID_ARGUMENT: invalid event : ${param}`
  const at = param.indexOf('@')
  const event = at < 0 ? param : param.slice(at + 1)
  const id = at < 0 ? '' : param.slice(0, at).toUpperCase()
  const name = `${id}@${event}`
  const known = /^(ticker|trade|depth(15|200)?|kline_[0-9]+[a-zA-Z](_(LAST|MARK)_PRICE)?)$/.exec(event)
  if (known === null) return `INVALID_ARGUMENT: invalid event : ${event}`
  const instrument = instruments.get(id)
  if (instrument === undefined) return `INVALID_ARGUMENT: invalid symbol : ${id}`
  if (event === 'ticker' || event === 'trade') return { kind: event, name, instrument }
  if (event.startsWith('depth')) return { kind: 'depth', name, instrument, levels: event === 'depth200' ? 200 : 15 }
  const [, interval = '', priceType] = /^kline_([0-9]+[a-zA-Z])(?:_(LAST_PRICE|MARK_PRICE))?$/.exec(event) ?? []
  if (INTERVAL_MS[interval] === undefined) return `INVALID_ARGUMENT: invalid event : ${event}`
  return { kind: 'kline', name, instrument, interval, price: priceType === 'MARK_PRICE' ? 'MARK_PRICE' : 'LAST_PRICE' }
}
