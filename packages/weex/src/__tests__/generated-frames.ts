import fc from 'fast-check'

/** JSON text written as is (numbers in forms `JSON.stringify` never writes: `1.0e3`, `-0`, 25 digits). */
export class Raw {
  constructor(readonly text: string) {}
}
export type Json = null | boolean | number | string | Raw | readonly Json[] | { readonly [key: string]: Json }

// -- well-formed pushes, shaped after the codecs, with the awkward values the wire allows -------------------------

const decimal = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map(String),
  fc.stringMatching(/^-?\d{1,25}(\.\d{0,25})?([eE][+-]?\d{1,2})?$/),
  fc.constantFrom('79979.8', '2.5926', '0', '-0', '0.0000', '.5', '1.', '007', '1e-7', '1E+2', '123456789012345678.9'),
)
const integer = fc.oneof(
  fc.integer().map((n): Json => n),
  fc.constantFrom<Json>(1788692246206, 16786244375, 0, new Raw('-0'), new Raw('1.0e3'), new Raw('12345678901234567890'), new Raw('1.5')),
)
const symbol = fc.constantFrom('BTCUSDT', 'ETHUSDT', 'btcusdt', 'DOGEUSDC', 'XYZ', '')
const id = fc.oneof(fc.uuid(), fc.stringMatching(/^[\w-]{0,12}$/))
const level = fc.tuple(decimal, decimal)

const depth = fc.record({
  e: fc.constantFrom('depth', 'depthSnapshot'),
  E: integer,
  s: symbol,
  U: integer,
  u: integer,
  l: fc.constantFrom<Json>(15, 200, 0),
  d: fc.constantFrom('SNAPSHOT', 'CHANGED'),
  b: fc.array(level, { maxLength: 4 }),
  a: fc.array(level, { maxLength: 4 }),
})
const trade = fc.record({
  e: fc.constantFrom('trade', 'tradeSnapshot'),
  E: integer,
  s: symbol,
  d: fc.array(fc.record({ T: integer, t: id, p: decimal, q: decimal, v: decimal, m: fc.boolean() }), { maxLength: 4 }),
})
const candle = fc.record(
  { t: integer, T: integer, s: symbol, i: fc.constantFrom('1m', '1h', '1M'), o: decimal, c: decimal, h: decimal, l: decimal, v: decimal, n: integer, q: decimal, V: decimal },
  { requiredKeys: ['t', 'T', 'i', 'o', 'c', 'h', 'l', 'v'] },
)
const kline = fc.record({
  e: fc.constantFrom('kline', 'klineSnapshot'),
  E: integer,
  s: symbol,
  p: fc.constantFrom('LAST_PRICE', 'MARK_PRICE'),
  d: fc.array(candle, { maxLength: 4 }),
})
const tickerItem = fc.record(
  { p: decimal, c: decimal, o: decimal, h: decimal, l: decimal, v: decimal, q: decimal, O: integer, n: integer, m: decimal, i: decimal },
  { requiredKeys: ['c', 'o', 'h', 'l', 'v', 'q'] },
)
const ticker = fc.record({ e: fc.constant('ticker'), E: integer, s: symbol, d: fc.array(tickerItem, { maxLength: 2 }) })

/** Every push kind the fast path reads. */
export const FRAMES: readonly fc.Arbitrary<Json>[] = [depth, trade, kline, ticker]

// -- writing and mutating ------------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32), so one fast-check seed replays one text. */
const random = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** How `serialize` writes: each field the probability of its oddity at each place it can occur. */
export interface Style {
  readonly seed: number
  readonly whitespace?: number
  /** Keys of an object other than a leading `e` shuffled. */
  readonly shuffle?: number
  /** One key of an object written twice, the first time with another value. */
  readonly duplicate?: number
  /** One character of a string written as `\uXXXX`. */
  readonly escape?: number
}

/** Whitespace and key order only: what the fast path must always read. */
export const plain = (seed: number): Style => ({ seed, whitespace: 0.2, shuffle: 0.5, duplicate: 0, escape: 0 })

const SPACES = [' ', '\n', '\t', '\r\n  ']

export const serialize = (value: Json, style: Style): string => {
  const { whitespace = 0.1, shuffle = 0.3, duplicate = 0.05, escape = 0.05 } = style
  const next = random(style.seed)
  const pick = <A>(xs: readonly A[]): A => xs[Math.floor(next() * xs.length)] as A
  const ws = (): string => (next() < whitespace ? pick(SPACES) : '')
  const text = (s: string): string => {
    const plainText = JSON.stringify(s)
    if (s.length === 0 || next() >= escape) return plainText
    const at = Math.floor(next() * s.length)
    const code = s.charCodeAt(at).toString(16).padStart(4, '0')
    return JSON.stringify(s.slice(0, at)).slice(0, -1) + `\\u${code}` + JSON.stringify(s.slice(at + 1)).slice(1)
  }
  const write = (v: Json): string => {
    if (v instanceof Raw) return v.text
    if (typeof v === 'string') return text(v)
    if (v === null || typeof v !== 'object') return JSON.stringify(v)
    if (Array.isArray(v)) return `[${ws()}${v.map((item: Json) => write(item) + ws()).join(`,${ws()}`)}]`
    const entries: [string, Json][] = Object.entries(v)
    const lead = entries[0]?.[0] === 'e' ? entries.splice(0, 1) : []
    if (next() < shuffle) entries.sort(() => next() - 0.5)
    const all = [...lead, ...entries]
    if (all.length > 0 && next() < duplicate) {
      const twice = pick(all)
      all.splice(Math.floor(next() * (all.length + 1)), 0, [twice[0], next() < 0.5 ? null : twice[1]])
    }
    return `{${ws()}${all.map(([k, item]) => `${text(k)}${ws()}:${ws()}${write(item)}${ws()}`).join(`,${ws()}`)}}`
  }
  return ws() + write(value) + ws()
}

const ODD_VALUES: readonly Json[] = [
  null, true, false, 0, -1, 1.5, '', 'x', '1', '1.5', 'NaN', '0x10', '1e400', 'a"b', 'é', '\u0000', [], {}, [['1', '2', '3']],
  new Raw('1e400'), new Raw('-0'), new Raw('1.0e3'), 'SNAPSHOT', 'MARK_PRICE', 'depth', 'trade',
]
const ODD_KEYS = ['x', 'result', '__proto__', 'e', 'E', 'é', 'toString', 'resultat']

type Container = Json[] | { [key: string]: Json }
const isContainer = (v: Json): v is Container => v !== null && typeof v === 'object' && !(v instanceof Raw)
const copy = (v: Json): Json => (isContainer(v) ? (Array.isArray(v) ? v.map(copy) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]))) : v)

// An own property even for `__proto__`, as JSON.parse makes it.
const set = (o: { [key: string]: Json }, key: string, value: Json): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * `edits` random edits of the value: at a place picked uniformly among all members and items, the value removed,
 * replaced by an odd one, a number turned into a string or a decimal string into a number, or an odd member added.
 */
export const mutate = (value: Json, seed: number, edits: number): Json => {
  const next = random(seed)
  const pick = <A>(xs: readonly A[]): A => xs[Math.floor(next() * xs.length)] as A
  const odd = (): Json => copy(pick(ODD_VALUES))
  const root = copy(value)
  for (let n = 0; n < edits; n++) {
    const places: (readonly [Container, string | undefined])[] = []
    const walk = (v: Json): void => {
      if (!isContainer(v)) return
      places.push([v, undefined])
      for (const [key, child] of Object.entries(v)) {
        places.push([v, key])
        walk(child)
      }
    }
    walk(root)
    const [target, key] = pick(places)
    const current = key === undefined ? undefined : (target as Record<string, Json>)[key]
    const kind = Math.floor(next() * 3)
    if (key === undefined) {
      if (Array.isArray(target)) target.push(odd())
      else set(target, pick(ODD_KEYS), odd())
    } else if (Array.isArray(target)) {
      if (kind === 0) target.splice(Number(key), 1)
      else target[Number(key)] = odd()
    } else if (kind === 0) delete target[key]
    else if (kind === 1) set(target, key, odd())
    else if (typeof current === 'number') set(target, key, String(current))
    else if (typeof current === 'string' && /^-?\d+(\.\d+)?$/.test(current)) set(target, key, new Raw(current))
    else set(target, key, odd())
  }
  return root
}

const TEXT_EDITS = '{}[],:"\\ -+.eE0159tfnu\u0001x'

/** `edits` characters inserted, deleted or replaced at random places of `text`. */
export const garble = (text: string, seed: number, edits: number): string => {
  const next = random(seed)
  let out = text
  for (let n = 0; n < edits; n++) {
    const at = Math.floor(next() * (out.length + 1))
    const char = TEXT_EDITS[Math.floor(next() * TEXT_EDITS.length)] as string
    const op = Math.floor(next() * 3)
    out = op === 0 ? out.slice(0, at) + char + out.slice(at) : op === 1 ? out.slice(0, at) + out.slice(at + 1) : out.slice(0, at) + char + out.slice(at + 1)
  }
  return out
}
