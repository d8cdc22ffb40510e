import fc from 'fast-check'
import { mutated } from './layout-frames'

/** A JSON value whose objects keep their members in order (duplicates allowed), for writing odd but valid JSON. */
export type Json = { readonly obj: readonly Member[] } | { readonly arr: readonly Json[] } | { readonly lit: unknown }
type Member = readonly [key: string, value: Json]


const lit = (value: unknown): Json => ({ lit: value })

/** How to write a tree: whitespace at each token boundary (cycled), and strings with their first letter escaped. */
interface Style {
  readonly spacing: readonly string[]
  readonly escape: boolean
}

const quote = (s: string, style: Style): string => {
  const text = JSON.stringify(s)
  if (!style.escape) return text
  const i = text.search(/[a-z]/i)
  return i < 0 ? text : `${text.slice(0, i)}\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}${text.slice(i + 1)}`
}

/** Writes `json` as text. */
export const write = (json: Json, style: Style): string => {
  let n = 0
  const ws = (): string => style.spacing[n++ % Math.max(1, style.spacing.length)] ?? ''
  const go = (j: Json): string => {
    if ('obj' in j) return `{${ws()}${j.obj.map(([k, v]) => `${quote(k, style)}${ws()}:${ws()}${go(v)}`).join(`${ws()},${ws()}`)}${ws()}}`
    if ('arr' in j) return `[${ws()}${j.arr.map(go).join(`${ws()},${ws()}`)}${ws()}]`
    return typeof j.lit === 'string' ? quote(j.lit, style) : JSON.stringify(j.lit)
  }
  return `${ws()}${go(json)}${ws()}`
}

const fromJson = (u: unknown): Json =>
  Array.isArray(u) ? { arr: u.map(fromJson) } : u !== null && typeof u === 'object' ? { obj: Object.entries(u).map(([k, v]) => [k, fromJson(v)] as const) } : lit(u)

// --- pieces -----------------------------------------------------------------------------------------------------

const decimal = fc.oneof(
  fc.stringMatching(/^-?(\d{1,12}(\.\d{0,10})?|\.\d{1,10})([eE][+-]?\d{1,2})?$/),
  fc.constantFrom('9.617', '441', '0', '0.00000074527', '445226872', '48.625'),
)
const intString = fc.oneof(fc.stringMatching(/^-?\d{1,15}$/), fc.constantFrom('1646003667640', '-0', '007'))
const jsonNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
const anyJson = fc.jsonValue({ maxDepth: 2 }).map(fromJson)
const NAMED = new Set(['arg', 'action', 'data', 'event', 'channel', 'instId', 'asks', 'bids', 'ts', 'checksum', 'seqId', 'prevSeqId'])
const unknownMembers = fc.array(fc.tuple(fc.stringMatching(/^[a-zA-Z]{1,9}$/).filter((k) => !NAMED.has(k)), anyJson), { maxLength: 2 })

/** Values a codec rejects somewhere: near-decimals, near-integers, other channels and actions, other types. */
const WRONG: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('abc', '', '1.2.3', ' 1', '1 ', '+1', '0x10', 'Infinity', '1e999', '1.5', '1.0', '12.', '1e3', '99999999999999999').map(lit),
  fc.constantFrom('partial', 'trades', 'books10', 'constructor', '__proto__').map(lit),
  fc.constantFrom(null, true, 0, -1.5, 1e21).map(lit),
  anyJson,
)

const NEAR_INTEGER = fc.constantFrom('1.0', '12.', '1e3', '+1', ' 1', '1 ', '-', '', '99999999999999999', '1.5', '١').map(lit)

/** Builds frames; with `faulty`, now and then a field is missing, wrong, or sent twice. */
const frames = (faulty: boolean) => {
  const value = (valid: fc.Arbitrary<Json>, wrong = WRONG): fc.Arbitrary<Json> => (faulty ? fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: wrong, weight: 1 }) : valid)
  /** A member: present, or (faulty) missing or repeated with another value. */
  const member = (key: string, valid: fc.Arbitrary<Json>, wrong = WRONG): fc.Arbitrary<readonly Member[]> => {
    const one = value(valid, wrong).map((v): readonly Member[] => [[key, v]])
    if (!faulty) return one
    return fc.oneof(
      { arbitrary: one, weight: 40 },
      { arbitrary: fc.constant([]), weight: 1 },
      { arbitrary: fc.tuple(value(valid), value(valid)).map(([a, b]): readonly Member[] => [[key, a], [key, b]]), weight: 1 },
    )
  }
  const optional = (key: string, valid: fc.Arbitrary<Json>): fc.Arbitrary<readonly Member[]> =>
    fc.oneof(fc.constant([]), member(key, valid))
  /** Members in OKX's order, or shuffled. */
  const object = (parts: readonly fc.Arbitrary<readonly Member[]>[]): fc.Arbitrary<Json> =>
    fc.tuple(fc.tuple(...parts, unknownMembers), fc.boolean(), fc.array(fc.nat(), { minLength: 16, maxLength: 16 })).map(([groups, shuffle, weights]) => {
      const members = groups.flat()
      const order = members.map((m, i) => [m, shuffle ? (weights[i] ?? 0) : i] as const)
      return { obj: order.sort((a, b) => a[1] - b[1]).map(([m]) => m) }
    })

  const full = fc
    .tuple(value(decimal.map(lit)), value(decimal.map(lit)), fc.array(fc.oneof(fc.constantFrom('0', '4').map(lit), jsonNumber.map(lit), anyJson), { maxLength: 3 }))
    .map(([px, sz, rest]): Json => ({ arr: [px, sz, ...rest] }))
  const level = faulty ? fc.oneof({ arbitrary: full, weight: 60 }, { arbitrary: fc.array(decimal.map(lit), { maxLength: 1 }).map((arr): Json => ({ arr })), weight: 1 }) : full
  const levels = fc.array(level, { maxLength: 5 }).map((arr): Json => ({ arr }))
  const data = object([
    member('asks', levels),
    member('bids', levels),
    member('ts', intString.map(lit), fc.oneof(NEAR_INTEGER, WRONG)),
    optional('checksum', jsonNumber.map(lit)),
    optional('seqId', jsonNumber.map(lit)),
    optional('prevSeqId', jsonNumber.map(lit)),
  ])
  const instId = fc.constantFrom('BTC-USDT', 'BTC-USDT-SWAP', 'BTC-USD-SWAP', 'BTC-USD-210924-66000-C', 'ETH-USDT-SWAP', 'BTC-USD-220325', 'BTC')
  const arg = (channels: readonly string[]) => object([member('channel', fc.constantFrom(...channels).map(lit)), member('instId', instId.map(lit))])
  const action = fc.constantFrom('snapshot', 'update').map(lit)
  const event = faulty ? fc.oneof({ arbitrary: fc.constant([]), weight: 20 }, { arbitrary: member('event', anyJson), weight: 1 }) : fc.constant([])
  const push = (channels: readonly string[], withAction: fc.Arbitrary<readonly Member[]>) =>
    object([member('arg', arg(channels)), withAction, member('data', value(fc.array(data, { maxLength: 2 }).map((arr): Json => ({ arr })))), event])
  return fc.oneof(
    push(['books', 'books-l2-tbt', 'books50-l2-tbt'], faulty ? optional('action', action) : member('action', action)),
    // `books5` and `bbo-tbt` pushes have no action, but their codec lets one through.
    push(['books5', 'bbo-tbt'], optional('action', action)),
  )
}

const style = (escape: fc.Arbitrary<boolean>): fc.Arbitrary<Style> =>
  fc.record({ spacing: fc.array(fc.constantFrom('', '', '', '', ' ', '\n', '\t', '\r\n  '), { maxLength: 6 }), escape })

/**
 * Text of a book push. `valid`: one the codecs decode (keys in any order, whitespace, unknown fields). Otherwise now
 * and then a field is missing, of a wrong value or type, or sent twice, a level is short, an `event` key is added,
 * and some frames are written with escaped strings.
 */
export const bookFrameText = ({ valid }: { readonly valid: boolean }): fc.Arbitrary<string> =>
  fc.tuple(frames(!valid), style(valid ? fc.constant(false) : fc.constantFrom(false, false, false, true))).map(([json, s]) => write(json, s))

/** A valid book push with characters inserted, deleted or replaced, or cut short. */
export const mutatedText: fc.Arbitrary<string> = mutated(bookFrameText({ valid: true }))
