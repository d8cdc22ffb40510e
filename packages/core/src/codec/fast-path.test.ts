import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import * as t from 'io-ts'
import { decodeWith, toIssues } from './decode'
import { fastPath } from './fast-path'
import { FiniteNumber, IntFromString, NumberFromString, toNumber } from './number-from-string'

// Test-local codecs covering every combinator the fast path compiles, shaped after the venues' frames.
const DecimalString = t.refinement(t.string, (s) => toNumber(s) !== undefined, 'DecimalString')
const Level = t.tuple([DecimalString, DecimalString], 'Level')
const Arg = t.intersection([t.type({ channel: t.string }), t.partial({ instId: t.string, uid: t.string })], 'Arg')
const Book = t.type(
  {
    arg: Arg,
    action: t.keyof({ snapshot: null, update: null }),
    data: t.array(
      t.intersection([
        t.type({ asks: t.array(Level), bids: t.readonlyArray(Level), ts: IntFromString }),
        t.partial({ checksum: t.number, seqId: FiniteNumber, note: t.union([t.string, t.null]) }),
      ]),
    ),
  },
  'Book',
)
const Kline = t.readonly(
  t.type({ e: t.literal('kline'), d: t.array(t.intersection([t.type({ o: NumberFromString, i: t.string }), t.partial({ q: NumberFromString })])) }),
  'Kline',
)
// A class built by hand with its own validate (as KuCoin's `tagged`): must run as written, not as a refinement.
const Tagged = new t.RefinementType<typeof Kline, { kind: 'k'; frame: unknown }, unknown, unknown>(
  'Tagged',
  (_u): _u is { kind: 'k'; frame: unknown } => false,
  (u, c) => E.map((frame: unknown) => ({ kind: 'k' as const, frame }))(Kline.validate(u, c)),
  t.identity,
  Kline,
  () => true,
)
const Event = t.union([t.type({ event: t.literal('error'), code: t.string }), t.type({ event: t.literal('login'), code: t.string })], 'Event')
// Members sharing fields: a later member's change wins; `t.undefined` accepts an absent field.
const Overlap = t.intersection(
  [t.type({ a: NumberFromString, b: t.union([t.string, t.undefined]) }), t.partial({ a: t.string, c: IntFromString }), t.type({ c: t.unknown })],
  'Overlap',
)
const Exact = t.exact(t.type({ a: t.number, b: t.partial({ c: t.boolean }) }), 'Exact')
const Codecs: readonly (readonly [string, t.Decoder<unknown, unknown>])[] = [
  ['Book', Book],
  ['Kline', Kline],
  ['Tagged', Tagged],
  ['Event', Event],
  ['Exact', Exact],
  ['Levels', t.array(Level)],
  ['Overlap', Overlap],
]

const BOOK = {
  arg: { channel: 'books', instId: 'BTC-USDT', extra: 1 },
  action: 'update',
  data: [{ asks: [['9.62', '5', '0', '1']], bids: [['9.617', '441']], ts: '1646003667640', checksum: -980833328, note: null }],
}
const KLINE = { e: 'kline', E: 1, d: [{ o: '79961.3', i: '1m', q: '1408872.78', n: 280 }, { o: '1', i: '1m' }] }
const VALID: readonly unknown[] = [
  BOOK,
  KLINE,
  { event: 'error', code: '1' },
  { event: 'login', code: '0' },
  { a: 1, b: { c: true, d: 2 }, e: 3 },
  [['1', '2']],
  { a: '1.5', c: '7' },
  { a: '2', b: 'x', z: null },
]

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json }

/** Every path into a JSON value (containers included). */
const paths = (value: Json, path: readonly string[] = []): (readonly string[])[] => [
  path,
  ...(value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => paths(v, [...path, k])) : []),
]

const setAt = (value: Json, path: readonly string[], next: Json | undefined): Json | undefined => {
  const [head, ...rest] = path
  if (head === undefined) return next
  if (value === null || typeof value !== 'object') return value
  const copy: Record<string, Json> | Json[] = Array.isArray(value) ? [...(value as Json[])] : { ...(value as Record<string, Json>) }
  const child = setAt((copy as Record<string, Json>)[head] ?? null, rest, next)
  if (child === undefined) delete (copy as Record<string, Json>)[head]
  else (copy as Record<string, Json>)[head] = child
  return copy
}

/** A valid frame with one node replaced, removed, or given an extra key. */
const mutated = fc.constantFrom(...(VALID as Json[])).chain((valid) =>
  fc.tuple(fc.constantFrom(...paths(valid)), fc.option(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { nil: undefined })).map(([path, next]) => setAt(valid, path, next)),
)

/** What a caller of `decode` sees, value or issues (the error contexts hold the codecs themselves). */
const outcome = (result: t.Validation<unknown>): unknown => (E.isRight(result) ? result : toIssues(result.left))

describe('fastPath', () => {
  it.each(Codecs)('decodes arbitrary JSON exactly as %s.decode does', (_name, codec) => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (u) => {
        expect(outcome(fastPath(codec).decode(u))).toStrictEqual(outcome(codec.decode(u)))
      }),
      { numRuns: 300 },
    )
  })

  it.each(Codecs)('decodes valid and broken frames exactly as %s.decode does', (_name, codec) => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.constantFrom(...VALID)), (u) => {
        expect(outcome(fastPath(codec).decode(u))).toStrictEqual(outcome(codec.decode(u)))
      }),
      { numRuns: 1000 },
    )
  })

  it('decodes valid frames to what io-ts gives, numbers converted and extra components stripped', () => {
    const result = fastPath(Book).decode(BOOK)
    expect(result).toStrictEqual(Book.decode(BOOK))
    expect(E.isRight(result) && result.right.data[0]?.asks).toEqual([['9.62', '5']])
    expect(fastPath(Kline).decode(KLINE)).toStrictEqual(Kline.decode(KLINE))
  })

  it('returns the input itself where io-ts does (nothing converted)', () => {
    const u = { event: 'login', code: '0' }
    const result = fastPath(Event).decode(u)
    expect(E.isRight(result) && result.right).toBe(u)
  })

  it('runs a hand-built codec with its own validate', () => {
    expect(fastPath(Tagged).decode(KLINE)).toStrictEqual(Tagged.decode(KLINE))
    expect(E.isRight(fastPath(Tagged).decode(KLINE)) && fastPath(Tagged).decode(KLINE)).toMatchObject({ right: { kind: 'k' } })
  })

  it('keeps the decode error: same codec name, paths and message', () => {
    const broken = setAt(BOOK as Json, ['data', '0', 'bids', '0', '1'], 441)
    const slow = decodeWith('okx', { name: Book.name, validate: Book.validate, decode: (u) => Book.decode(u) }, broken, 'raw')
    const fast = decodeWith('okx', Book, broken, 'raw')
    expect(E.isLeft(fast) && fast.left.message).toBe('okx: Book: data.0.bids.0.1: expected DecimalString, got 441')
    expect(E.isLeft(fast) && fast.left.issues).toEqual(E.isLeft(slow) && slow.left.issues)
  })

  it.each<[string, t.Decoder<unknown, unknown>, unknown]>([
    ['Book', Book, BOOK],
    ['Kline', Kline, KLINE],
  ])('decodes a valid %s without falling back to io-ts', (_name, codec, frame) => {
    const fast = fastPath(codec)
    const validate = jest.spyOn(codec, 'validate')
    try {
      expect(E.isRight(fast.decode(frame))).toBe(true)
      expect(validate).not.toHaveBeenCalled()
    } finally {
      validate.mockRestore()
    }
  })

  it('is built once per codec', () => {
    expect(fastPath(Book)).toBe(fastPath(Book))
    expect(fastPath(fastPath(Book))).toBe(fastPath(Book))
  })
})
