import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import * as t from 'io-ts'
import { DecodeError } from '../errors'
import { decodeJson } from './decode'
import { IntFromString } from './number-from-string'

// Test-local codecs shaped after recorded OKX frames (core never imports a venue).
const OkxLevel = t.tuple([t.string, t.string, t.string, t.string], 'OkxLevel')
const OkxBookFrame = t.type(
  {
    arg: t.type({ channel: t.string, instId: t.string }),
    action: t.keyof({ snapshot: null, update: null }),
    data: t.array(t.type({ asks: t.array(OkxLevel), bids: t.array(OkxLevel), ts: IntFromString, checksum: t.number })),
  },
  'OkxBookFrame',
)
const OkxError = t.type({ event: t.literal('error'), code: t.string, msg: t.string }, 'OkxError')
const OkxSubscribe = t.type({ event: t.literal('subscribe'), arg: t.type({ channel: t.string, instId: t.string }) }, 'OkxSubscribe')
const OkxEvent = t.union([OkxSubscribe, OkxError], 'OkxEvent')
const codecFor = (json: unknown): t.Decoder<unknown, unknown> => (t.UnknownRecord.is(json) && 'event' in json ? OkxEvent : OkxBookFrame)
const decode = decodeJson('okx', codecFor)

// Trimmed from okx/okx-v5-2022-02-27-books-l2-tbt.jsonl.
const BOOK = {
  arg: { channel: 'books-l2-tbt', instId: 'UNI-USD-SWAP' },
  action: 'update',
  data: [{ asks: [['9.62', '5', '0', '1']], bids: [['9.617', '441', '0', '4'], ['9.581', '107', '0', '2']], ts: '1646003667640', checksum: -980833328 }],
}
const ERROR = { event: 'error', code: '60018', msg: 'Invalid request', connId: 'a4d3ae55' }

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json }

/** Every leaf of a JSON value with its dotted path. */
const leaves = (value: Json, path: readonly string[] = []): (readonly [readonly string[], Json])[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
    : [[path, value]]

const setAt = (value: Json, path: readonly string[], next: Json | undefined): Json => {
  const [head, ...rest] = path
  if (head === undefined || value === null || typeof value !== 'object') return next ?? null
  const copy: Record<string, Json> | Json[] = Array.isArray(value) ? [...(value as Json[])] : { ...(value as Record<string, Json>) }
  const child = (copy as Record<string, Json>)[head] ?? null
  if (rest.length === 0 && next === undefined) delete (copy as Record<string, Json>)[head]
  else (copy as Record<string, Json>)[head] = setAt(child, rest, next)
  return copy
}

/** A JSON value of another type than `like`: never valid where `like` is expected. */
const otherType = (like: Json): fc.Arbitrary<Json> =>
  fc.oneof(
    ...(typeof like === 'string' ? [] : [fc.string()]),
    ...(typeof like === 'number' ? [] : [fc.double({ noNaN: true, noDefaultInfinity: true })]),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  )

const assertWellFormed = (result: E.Either<DecodeError, unknown>): void => {
  if (E.isRight(result)) return
  const error = result.left
  expect(error).toBeInstanceOf(DecodeError)
  expect(error.issues.length).toBeGreaterThan(0)
  for (const issue of error.issues) expect(issue.path).toMatch(/^(\(root\)|[^.\s][^\s]*)$/)
  const first = error.issues[0]
  expect(error.message.startsWith(`okx: ${error.codec}: ${first?.path}: expected `)).toBe(true)
}

describe('decodeJson over malformed input', () => {
  it('never throws on arbitrary text, and every Left names a path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        assertWellFormed(decode(raw))
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on arbitrary JSON, and every Left names a path', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (raw) => {
        assertWellFormed(decode(raw))
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on any truncation of a real frame', () => {
    const raw = JSON.stringify(BOOK)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: raw.length - 1 }), (n) => {
        const result = decode(raw.slice(0, n))
        expect(E.isLeft(result)).toBe(true)
        assertWellFormed(result)
      }),
    )
  })

  it('names exactly the path of a leaf replaced by a value of another type', () => {
    const cases = fc
      .constantFrom(...leaves(BOOK as Json))
      .chain(([path, like]) => fc.tuple(fc.constant(path), otherType(like)))
    fc.assert(
      fc.property(cases, ([path, value]) => {
        const result = decode(JSON.stringify(setAt(BOOK as Json, path, value)))
        expect(E.isLeft(result) && result.left.paths).toEqual([path.join('.')])
      }),
      { numRuns: 300 },
    )
  })

  it('names exactly the path of a required field that was removed', () => {
    const required = leaves(BOOK as Json)
      .map(([path]) => path)
      .filter((path) => !/^\d+$/.test(path[path.length - 1] ?? ''))
    fc.assert(
      fc.property(fc.constantFrom(...required), (path) => {
        const result = decode(JSON.stringify(setAt(BOOK as Json, path, undefined)))
        expect(E.isLeft(result) && result.left.paths).toEqual([path.join('.')])
        expect(E.isLeft(result) && result.left.message).toMatch(new RegExp(`^okx: OkxBookFrame: ${path.join('\\.')}: expected [^,]+, got undefined$`))
      }),
    )
  })

  it('names the union member and field of a broken error frame', () => {
    const fields = ['code', 'msg']
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), (field, value) => {
        const result = decode(JSON.stringify({ ...ERROR, [field]: value }))
        expect(E.isLeft(result) && result.left.message).toBe(`okx: OkxEvent: <OkxError>.${field}: expected string, got ${String(value)}`)
      }),
    )
  })
})
