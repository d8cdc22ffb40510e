import { JsonScanner, SCAN_END, SCAN_FAIL, type BookLevel } from '@tributary/core'
import { FIRST_KEY, ScanKeys } from './scan-keys'
import type { KucoinScanned, KucoinScannedDepth, KucoinScannedTicker, KucoinScannedUpdate } from './scanned'

// Copied once: in CommonJS output every use of a re-exported binding is a getter call.
const END = SCAN_END
const FAIL = SCAN_FAIL

const QUOTE = 34
const TOP = ['data', 'subject', 'topic', 'type']
// Keys of `data` in all hot kinds: each is read as the kind that has it reads it (`time` is a number in both that have
// it); a key of another kind that does not read so only sends the frame to the full path.
const DATA = [
  ...['sequenceStart', 'symbol', 'changes', 'sequenceEnd', 'time'],
  ...['sequence', 'price', 'size', 'bestBid', 'bestBidSize', 'bestAsk', 'bestAskSize'],
  ...['asks', 'bids', 'timestamp'],
]
const SIDES = ['asks', 'bids']
const MESSAGE = '"message"'
const L2_SUBJECT = '"trade.l2update"'
const DEPTH_SUBJECT = '"level2"'

// Bits of `data` keys seen; what each kind needs.
const L2_NEEDS = 0b1111 // sequenceStart, symbol, changes, sequenceEnd
const TICKER_NEEDS = 0b111111110000 // time, sequence, price, size, bestBid, bestBidSize, bestAsk, bestAskSize
const DEPTH_NEEDS = 0b111000000000000 // asks, bids, timestamp

const L2_PREFIX = '/market/level2'
const TICKER_PREFIX = '/market/ticker'
const TICKER_ALL = '/market/ticker:all'
const DEPTH5_PREFIX = '/spotMarket/level2Depth5'
const DEPTH50_PREFIX = '/spotMarket/level2Depth50'

/** Whether `topic` routes to `prefix` as `codecFor` routes it (the part before the first `:`). */
const routesTo = (topic: string, prefix: string): boolean =>
  topic.startsWith(prefix) && (topic.length === prefix.length || topic.charCodeAt(prefix.length) === 58)

const isFiniteNumber = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n)

/** A string of one or more digits (`DigitString`) next in `s`, not kept: whether it was one (consumed if so). */
const digits = (s: JsonScanner): boolean => {
  if (s.peek() !== QUOTE) return false
  const text = s.text
  let i = s.pos + 1
  const first = i
  let c = text.charCodeAt(i)
  while (c >= 48 && c <= 57) c = text.charCodeAt(++i)
  if (c !== QUOTE || i === first) return false
  s.pos = i + 1
  return true
}

/**
 * Rows next in `s`: level2 rows `[[price, size, sequence], …]` (`withSequence`) → the levels whose price is not zero;
 * book rows `[[price, size], …]` → every level. `undefined` when they do not read as the codecs would. Shared by the
 * stream's scanner tier and the REST book's.
 */
export const scanRows = (s: JsonScanner, withSequence: boolean): BookLevel[] | undefined => {
  if (!s.beginArray()) return undefined
  const out: BookLevel[] = []
  for (let more = s.firstItem(); more !== 0; more = s.nextItem()) {
    if (more === FAIL || !s.beginArray() || s.firstItem() !== 1) return undefined
    const price = s.decimal()
    if (price === undefined) return undefined
    const keep = price !== 0 || !withSequence
    const rawPrice = keep ? s.lastText() : ''
    if (s.nextItem() !== 1) return undefined
    const size = s.decimal()
    if (size === undefined) return undefined
    const rawSize = keep ? s.lastText() : ''
    if (withSequence && (s.nextItem() !== 1 || !digits(s))) return undefined
    if (s.nextItem() !== 0) return undefined
    if (keep) out.push([price, size, rawPrice, rawSize])
  }
  return out
}

/**
 * Builds the scanner tier of the fast path for the hot frames (`/market/level2` updates, `/market/ticker` pushes,
 * `/spotMarket/level2Depth5|50` books), for any layout: reads them straight from the text with a {@link JsonScanner},
 * no `JSON.parse`, no io-ts. It answers only what the full path (JSON.parse + `codecFor` + io-ts, then the mappers)
 * would answer for the frame; anything else (another kind, a field it cannot read with certainty, a listed key twice,
 * malformed text) is `undefined`: the full path decodes it and reports its errors. Not reentrant (one scanner,
 * reused); decoding is synchronous.
 */
export const createScanDecode = (): ((raw: string) => KucoinScanned | undefined) => {
  const s = new JsonScanner()
  const top = new ScanKeys(TOP)
  const dataKeys = new ScanKeys(DATA)
  const sideKeys = new ScanKeys(SIDES)
  // What `data` held, kept between reading `data` and learning the kind from `subject`/`topic`/`type`.
  let seen = 0
  let symbol = ''
  let sequenceStart = 0
  let sequenceEnd = 0
  let time = 0
  let bids: BookLevel[] = []
  let asks: BookLevel[] = []
  let depthBids: BookLevel[] = []
  let depthAsks: BookLevel[] = []
  let timestamp = 0
  const numbers = [0, 0, 0, 0, 0, 0]

  /** Whether the next value is the JSON string `quoted` exactly (consumed if so). */
  const literal = (quoted: string): boolean => {
    if (s.peek() !== QUOTE || !s.text.startsWith(quoted, s.pos)) return false
    s.pos += quoted.length
    return true
  }

  const changes = (): boolean => {
    if (!s.beginObject()) return false
    let got = 0
    for (let k = sideKeys.listed(s, FIRST_KEY, got); k !== END; k = sideKeys.listed(s, k, got)) {
      if (k === FAIL) return false
      got |= 1 << k
      const levels = scanRows(s, true)
      if (levels === undefined) return false
      if (k === 0) asks = levels
      else bids = levels
    }
    return got === 3
  }

  /** Reads the `data` object into the variables above; false when something in it does not read. */
  const data = (): boolean => {
    if (!s.beginObject()) return false
    seen = 0
    for (let k = dataKeys.listed(s, FIRST_KEY, seen); k !== END; k = dataKeys.listed(s, k, seen)) {
      if (k === FAIL) return false
      seen |= 1 << k
      switch (k) {
        case 0:
        case 3: {
          const n = s.number()
          if (!isFiniteNumber(n)) return false
          if (k === 0) sequenceStart = n
          else sequenceEnd = n
          break
        }
        case 1: {
          const text = s.string()
          if (text === undefined) return false
          symbol = text
          break
        }
        case 2:
          if (!changes()) return false
          break
        case 4: {
          const n = s.number()
          if (!isFiniteNumber(n)) return false
          time = n
          break
        }
        case 5:
          // `sequence` is any string; its value is not used.
          if (s.peek() !== QUOTE || !s.skipValue()) return false
          break
        case 12:
        case 13: {
          const levels = scanRows(s, false)
          if (levels === undefined) return false
          if (k === 12) depthAsks = levels
          else depthBids = levels
          break
        }
        case 14: {
          const n = s.number()
          if (!isFiniteNumber(n)) return false
          timestamp = n
          break
        }
        default: {
          const n = s.decimal()
          if (n === undefined) return false
          numbers[k - 6] = n
        }
      }
    }
    return true
  }

  return (raw) => {
    s.reset(raw)
    if (!s.beginObject()) return undefined
    let got = 0
    let subject: string | undefined
    let topic: string | undefined
    for (let k = top.listed(s, FIRST_KEY, got); k !== END; k = top.listed(s, k, got)) {
      if (k === FAIL) return undefined
      got |= 1 << k
      if (k === 0) {
        if (!data()) return undefined
      } else if (k === 3) {
        if (!literal(MESSAGE)) return undefined
      } else if (k === 1) {
        // The level2 and depth subjects are compared in place; any other is read (a ticker's may name its symbol).
        subject = literal(L2_SUBJECT) ? 'trade.l2update' : literal(DEPTH_SUBJECT) ? 'level2' : s.string()
        if (subject === undefined) return undefined
      } else {
        topic = s.string()
        if (topic === undefined) return undefined
      }
    }
    if (got !== 0b1111 || subject === undefined || topic === undefined || !s.end()) return undefined
    if (routesTo(topic, L2_PREFIX)) {
      if (subject !== 'trade.l2update' || (seen & L2_NEEDS) !== L2_NEEDS) return undefined
      const frame: KucoinScannedUpdate = {
        topic,
        venueSymbol: symbol,
        prevSeq: sequenceStart - 1,
        seq: sequenceEnd,
        time: (seen & 0b10000) === 0 ? undefined : time,
        bids,
        asks,
      }
      return { kind: 'l2update-scanned', frame }
    }
    if (routesTo(topic, TICKER_PREFIX)) {
      if ((seen & TICKER_NEEDS) !== TICKER_NEEDS) return undefined
      const [price, size, bestBid, bestBidSize, bestAsk, bestAskSize] = numbers as [number, number, number, number, number, number]
      const venueSymbol = topic === TICKER_ALL ? subject : topic.slice(topic.indexOf(':') + 1)
      const frame: KucoinScannedTicker = { topic, venueSymbol, time, price, size, bestBid, bestBidSize, bestAsk, bestAskSize }
      return { kind: 'ticker-scanned', frame }
    }
    if (routesTo(topic, DEPTH5_PREFIX) || routesTo(topic, DEPTH50_PREFIX)) {
      if (subject !== 'level2' || (seen & DEPTH_NEEDS) !== DEPTH_NEEDS) return undefined
      const venueSymbol = topic.slice(topic.indexOf(':') + 1)
      const frame: KucoinScannedDepth = { topic, venueSymbol, timestamp, bids: depthBids, asks: depthAsks }
      return { kind: 'depth-scanned', frame }
    }
    return undefined
  }
}
