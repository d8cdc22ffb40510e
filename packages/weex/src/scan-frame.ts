import { JsonScanner, type BookLevel } from '@tributary/core'
import type { WeexDepth, WeexFrame, WeexKlinePush, WeexTickerPush, WeexTradePush } from './codecs'
import { SCAN_END, bool, field, keysOf, type Keys } from './scan-keys'

type TradeItem = WeexTradePush['d'][number]
type KlineItem = WeexKlinePush['d'][number]
type TickerItem = WeexTickerPush['d'][number]

const TAG = ['e']
// Every push's keys start with `e` and `result`, both counted as met (TAKEN) before the rest is read: `e` again is a
// duplicate, and a frame with a `result` key is a reply by dispatch order. Either sends the frame the full way.
const TAKEN = 0b11
const DEPTH = keysOf(['e', 'result', 'E', 's', 'U', 'u', 'l', 'd', 'b', 'a'])
const PUSH = keysOf(['e', 'result', 'E', 's', 'd'])
const KLINE = keysOf(['e', 'result', 'E', 's', 'p', 'd'])
const TRADE_ITEM = keysOf(['T', 't', 'p', 'q', 'm'])
const KLINE_ITEM = keysOf(['t', 'T', 'i', 'o', 'h', 'l', 'c', 'v', 'q'], 8)
const TICKER_ITEM = keysOf(['c', 'o', 'h', 'l', 'v', 'q', 'm', 'i'], 6)

/** Whether every key the object must have was met. */
const complete = (seen: number, keys: Keys): boolean => (seen & keys.required) === keys.required

/** `["79979.8","2.5926"]` → `[79979.8, 2.5926, "79979.8", "2.5926"]`; `WeexLevel` and `toLevel` in one read. */
const level = (s: JsonScanner): BookLevel | undefined => {
  if (!s.beginArray() || s.firstItem() !== 1) return undefined
  const price = s.decimal()
  if (price === undefined) return undefined
  const rawPrice = s.lastText()
  if (s.nextItem() !== 1) return undefined
  const size = s.decimal()
  if (size === undefined) return undefined
  const rawSize = s.lastText()
  // A third item passes io-ts's tuple (it keeps two): rare enough to leave to the full path.
  return s.nextItem() === 0 ? [price, size, rawPrice, rawSize] : undefined
}

const levels = (s: JsonScanner): BookLevel[] | undefined => {
  if (!s.beginArray()) return undefined
  const out: BookLevel[] = []
  for (let more = s.firstItem(); more !== 0; more = s.nextItem()) {
    const item = more === 1 ? level(s) : undefined
    if (item === undefined) return undefined
    out.push(item)
  }
  return out
}

const depth = (s: JsonScanner, e: WeexDepth['e']): WeexDepth | undefined => {
  let E = 0
  let U = 0
  let u = 0
  let l = 0
  let symbol = ''
  let d: WeexDepth['d'] = 'CHANGED'
  let bids: readonly BookLevel[] = []
  let asks: readonly BookLevel[] = []
  let seen = TAKEN
  for (let k = field(s, DEPTH, seen); k !== SCAN_END; k = field(s, DEPTH, seen)) {
    seen |= 1 << k
    switch (k) {
      case 2: { const v = s.number(); if (v === undefined) return undefined; E = v; break }
      case 3: { const v = s.string(); if (v === undefined) return undefined; symbol = v; break }
      case 4: { const v = s.number(); if (v === undefined) return undefined; U = v; break }
      case 5: { const v = s.number(); if (v === undefined) return undefined; u = v; break }
      case 6: { const v = s.number(); if (v === undefined) return undefined; l = v; break }
      case 7: { const v = s.string(); if (v !== 'SNAPSHOT' && v !== 'CHANGED') return undefined; d = v; break }
      case 8: { const v = levels(s); if (v === undefined) return undefined; bids = v; break }
      case 9: { const v = levels(s); if (v === undefined) return undefined; asks = v; break }
      default: return undefined
    }
  }
  return complete(seen, DEPTH) ? { e, E, s: symbol, U, u, l, d, bids, asks } : undefined
}

const trade = (s: JsonScanner): TradeItem | undefined => {
  if (!s.beginObject()) return undefined
  let T = 0
  let t = ''
  let p = 0
  let q = 0
  let m = false
  let seen = 0
  for (let k = field(s, TRADE_ITEM, seen, true); k !== SCAN_END; k = field(s, TRADE_ITEM, seen)) {
    seen |= 1 << k
    switch (k) {
      case 0: { const v = s.number(); if (v === undefined) return undefined; T = v; break }
      case 1: { const v = s.string(); if (v === undefined) return undefined; t = v; break }
      case 2: { const v = s.decimal(); if (v === undefined) return undefined; p = v; break }
      case 3: { const v = s.decimal(); if (v === undefined) return undefined; q = v; break }
      case 4: { const v = bool(s); if (v === undefined) return undefined; m = v; break }
      default: return undefined
    }
  }
  return complete(seen, TRADE_ITEM) ? { T, t, p, q, m } : undefined
}

const candle = (s: JsonScanner): KlineItem | undefined => {
  if (!s.beginObject()) return undefined
  let t = 0
  let T = 0
  let i = ''
  let o = 0
  let h = 0
  let l = 0
  let c = 0
  let v = 0
  let q: number | undefined
  let seen = 0
  for (let k = field(s, KLINE_ITEM, seen, true); k !== SCAN_END; k = field(s, KLINE_ITEM, seen)) {
    seen |= 1 << k
    if (k === 0 || k === 1) {
      const n = s.number()
      if (n === undefined) return undefined
      if (k === 0) t = n
      else T = n
    } else if (k === 2) {
      const text = s.string()
      if (text === undefined) return undefined
      i = text
    } else {
      const n = k > 2 ? s.decimal() : undefined
      if (n === undefined) return undefined
      if (k === 3) o = n
      else if (k === 4) h = n
      else if (k === 5) l = n
      else if (k === 6) c = n
      else if (k === 7) v = n
      else q = n
    }
  }
  if (!complete(seen, KLINE_ITEM)) return undefined
  return q === undefined ? { t, T, i, o, h, l, c, v } : { t, T, i, o, h, l, c, v, q }
}

const tickerItem = (s: JsonScanner): TickerItem | undefined => {
  if (!s.beginObject()) return undefined
  // c o h l v q m i, all decimals; m and i optional.
  const values: (number | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]
  let seen = 0
  for (let k = field(s, TICKER_ITEM, seen, true); k !== SCAN_END; k = field(s, TICKER_ITEM, seen)) {
    seen |= 1 << k
    const n = k >= 0 ? s.decimal() : undefined
    if (n === undefined) return undefined
    values[k] = n
  }
  const [c, o, h, l, v, q, m, i] = values
  if (c === undefined || o === undefined || h === undefined || l === undefined || v === undefined || q === undefined) return undefined
  return { c, o, h, l, v, q, ...(m === undefined ? {} : { m }), ...(i === undefined ? {} : { i }) }
}

/** An array of items read by `read`, or `undefined`. */
const items = <A>(s: JsonScanner, read: (s: JsonScanner) => A | undefined): A[] | undefined => {
  if (!s.beginArray()) return undefined
  const out: A[] = []
  for (let more = s.firstItem(); more !== 0; more = s.nextItem()) {
    const item = more === 1 ? read(s) : undefined
    if (item === undefined) return undefined
    out.push(item)
  }
  return out
}

/** A trade or ticker push (`E`, `s`, and items read by `read` in `d`) after its `e`. */
const pushOf = <T extends string, A>(s: JsonScanner, e: T, read: (s: JsonScanner) => A | undefined): { e: T; E: number; s: string; d: A[] } | undefined => {
  let E = 0
  let symbol = ''
  let d: A[] = []
  let seen = TAKEN
  for (let k = field(s, PUSH, seen); k !== SCAN_END; k = field(s, PUSH, seen)) {
    seen |= 1 << k
    switch (k) {
      case 2: { const v = s.number(); if (v === undefined) return undefined; E = v; break }
      case 3: { const v = s.string(); if (v === undefined) return undefined; symbol = v; break }
      case 4: { const v = items(s, read); if (v === undefined) return undefined; d = v; break }
      default: return undefined
    }
  }
  return complete(seen, PUSH) ? { e, E, s: symbol, d } : undefined
}

const kline = (s: JsonScanner, e: WeexKlinePush['e']): WeexKlinePush | undefined => {
  let E = 0
  let symbol = ''
  let p: WeexKlinePush['p'] = 'LAST_PRICE'
  let d: KlineItem[] = []
  let seen = TAKEN
  for (let k = field(s, KLINE, seen); k !== SCAN_END; k = field(s, KLINE, seen)) {
    seen |= 1 << k
    switch (k) {
      case 2: { const v = s.number(); if (v === undefined) return undefined; E = v; break }
      case 3: { const v = s.string(); if (v === undefined) return undefined; symbol = v; break }
      case 4: { const v = s.string(); if (v !== 'LAST_PRICE' && v !== 'MARK_PRICE') return undefined; p = v; break }
      case 5: { const v = items(s, candle); if (v === undefined) return undefined; d = v; break }
      default: return undefined
    }
  }
  return complete(seen, KLINE) ? { e, E, s: symbol, p, d } : undefined
}

const frameOf = (s: JsonScanner, e: string | undefined): WeexFrame | undefined => {
  switch (e) {
    case 'depth':
    case 'depthSnapshot': {
      const read = depth(s, e)
      return read === undefined ? undefined : { type: 'depth', depth: read }
    }
    case 'trade':
    case 'tradeSnapshot': {
      const push = pushOf(s, e, trade)
      return push === undefined ? undefined : { type: 'push', push }
    }
    case 'ticker': {
      const push = pushOf(s, e, tickerItem)
      return push === undefined ? undefined : { type: 'push', push }
    }
    case 'kline':
    case 'klineSnapshot': {
      const push = kline(s, e)
      return push === undefined ? undefined : { type: 'push', push }
    }
    default:
      return undefined
  }
}

const scanner = new JsonScanner()

/**
 * The fast path of `decodeFrame`: reads the hot pushes (depth, trades, klines, tickers) straight from the text into
 * exactly what the io-ts path decodes them to (the fields the codecs name), or `undefined`, and the frame goes the
 * full way, which alone reports errors. It reads only frames whose first key is `e`, and gives up on a `result` key
 * (a reply), a listed key met twice, an escape in a string it reads, or anything the codecs would refuse.
 */
export const scanFrame = (raw: string): WeexFrame | undefined => {
  const s = scanner.reset(raw)
  const frame = s.beginObject() && s.firstKey(TAG) === 0 ? frameOf(s, s.string()) : undefined
  const whole = frame !== undefined && s.end()
  s.reset('')
  return whole ? frame : undefined
}
