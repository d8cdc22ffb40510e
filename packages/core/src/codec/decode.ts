import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { DecodeError, type DecodeIssue } from '../errors'

/** Parses JSON without throwing. */
export const parseJson = (raw: string): E.Either<unknown, unknown> => E.tryCatch(() => JSON.parse(raw) as unknown, (e) => e)

const describe = (u: unknown): string => {
  if (u === undefined) return 'undefined'
  if (typeof u === 'string') return JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u)
  if (Array.isArray(u)) return `array(${u.length})`
  if (u !== null && typeof u === 'object') return 'object'
  return String(u)
}

const isStructural = (type: t.Decoder<unknown, unknown>): boolean =>
  type instanceof t.UnionType || type instanceof t.IntersectionType || type instanceof t.ReadonlyType ||
  type instanceof t.ExactType || type instanceof t.RefinementType

/**
 * Turns io-ts errors into dotted paths: `data.0.asks.0.1`. Inside a union the member is named in angle brackets,
 * `<OkxError>.code`, so the message says which alternative failed where.
 */
export const toIssues = (errors: t.Errors): readonly DecodeIssue[] => {
  const seen = new Set<string>()
  const issues: DecodeIssue[] = []
  for (const error of errors) {
    const parts: string[] = []
    const ctx = error.context
    for (let i = 1; i < ctx.length; i++) {
      const entry = ctx[i]
      const parent = ctx[i - 1]
      if (entry === undefined || parent === undefined) continue
      if (parent.type instanceof t.UnionType) {
        parts.push(`<${entry.type.name}>`)
        continue
      }
      if (isStructural(parent.type) && /^\d+$/.test(entry.key) && !(parent.type instanceof t.UnionType)) continue
      parts.push(entry.key)
    }
    const path = parts.join('.').replace(/>\./g, '>.')
    const last = ctx[ctx.length - 1]
    const expected = error.message ?? `expected ${last?.type.name ?? 'value'}`
    const issue: DecodeIssue = {
      path: path === '' ? '(root)' : path,
      expected: error.message === undefined ? (last?.type.name ?? 'value') : expected,
      actual: describe(error.value),
    }
    const key = `${issue.path}|${issue.expected}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue)
  }
  return issues
}

/**
 * Builds a venue decoder: `JSON.parse` (never throwing) then the codec chosen by `codecFor` for that JSON.
 * @example const decode = decodeJson('okx', codecFor); decode('{"event":"login","code":"0"}')
 */
export const decodeJson =
  <A>(venue: string, codecFor: (json: unknown) => t.Decoder<unknown, A>) =>
  (raw: string): E.Either<DecodeError, A> => {
    const json = parseJson(raw)
    if (E.isLeft(json)) {
      const reason = json.left instanceof Error ? json.left.message : String(json.left)
      return E.left(new DecodeError({ venue, codec: 'JSON', issues: [{ path: '(root)', expected: 'valid JSON', actual: reason }], raw }))
    }
    const codec = codecFor(json.right)
    const result = codec.decode(json.right)
    return E.isRight(result)
      ? result
      : E.left(new DecodeError({ venue, codec: codec.name, issues: toIssues(result.left), raw }))
  }

/** Decodes an already-parsed value with a named codec, for REST bodies. */
export const decodeWith = <A>(venue: string, codec: t.Decoder<unknown, A>, value: unknown, raw: string): E.Either<DecodeError, A> => {
  const result = codec.decode(value)
  return E.isRight(result) ? result : E.left(new DecodeError({ venue, codec: codec.name, issues: toIssues(result.left), raw }))
}
