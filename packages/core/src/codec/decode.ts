import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { DecodeError, type DecodeIssue } from '../errors'
import { fastPath } from './fast-path'

export { fastPath } from './fast-path'

/** Parses JSON without throwing. */
export const parseJson = (raw: string): E.Either<unknown, unknown> => E.tryCatch(() => JSON.parse(raw) as unknown, (e) => e)

const describe = (u: unknown): string => {
  if (u === undefined) return 'undefined'
  if (typeof u === 'string') return JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u)
  if (Array.isArray(u)) return `array(${u.length})`
  if (u !== null && typeof u === 'object') return 'object'
  return String(u)
}

type Decoder = t.Decoder<unknown, unknown>

// Looks through codecs that validate with their inner codec's context (readonly, refinement, exact, recursion).
const unwrap = (type: Decoder): Decoder => {
  let current = type
  while (
    current instanceof t.ReadonlyType ||
    current instanceof t.RefinementType ||
    current instanceof t.ExactType ||
    current instanceof t.RecursiveType
  ) {
    current = current.type as Decoder
  }
  return current
}

const isDiscriminant = (type: Decoder): boolean => {
  const inner = unwrap(type)
  return inner instanceof t.LiteralType || inner instanceof t.KeyofType
}

// Position of the first union-member entry at or after `from` in a context, or -1.
const memberAt = (context: t.Context, from: number): number => {
  for (let i = Math.max(from, 1); i < context.length; i++) {
    const parent = context[i - 1]
    if (parent !== undefined && unwrap(parent.type) instanceof t.UnionType) return i
  }
  return -1
}

// How deep a union member got before a literal (discriminant) mismatch; Infinity when it had none.
const reach = (errors: readonly t.ValidationError[]): number => {
  let depth = Infinity
  for (const e of errors) {
    const last = e.context[e.context.length - 1]
    if (last !== undefined && isDiscriminant(last.type)) depth = Math.min(depth, e.context.length)
  }
  return depth
}

// Collects the errors of union members that are plainly the wrong alternative: a member that failed a literal
// (its discriminant) earlier than another member did. When every member failed alike, all are kept.
const collectWrongMembers = (errors: readonly t.ValidationError[], from: number, out: Set<t.ValidationError>): void => {
  const groups = new Map<string, { at: number; members: Map<string, t.ValidationError[]> }>()
  for (const error of errors) {
    const at = memberAt(error.context, from)
    const member = error.context[at]
    if (at < 0 || member === undefined) continue
    const key = error.context.slice(0, at).map((c) => c.key).join('\u0000')
    const group = groups.get(key) ?? { at, members: new Map<string, t.ValidationError[]>() }
    groups.set(key, group)
    const list = group.members.get(member.key) ?? []
    group.members.set(member.key, list)
    list.push(error)
  }
  for (const { at, members } of groups.values()) {
    const best = Math.max(...[...members.values()].map(reach))
    for (const list of members.values()) {
      if (reach(list) < best) for (const e of list) out.add(e)
      else collectWrongMembers(list, at + 1, out)
    }
  }
}

const pathOf = (context: t.Context): string => {
  const parts: string[] = []
  for (let i = 1; i < context.length; i++) {
    const entry = context[i]
    const parent = context[i - 1]
    if (entry === undefined || parent === undefined) continue
    const container = unwrap(parent.type)
    if (container instanceof t.UnionType) parts.push(`<${entry.type.name}>`)
    else if (!(container instanceof t.IntersectionType)) parts.push(entry.key)
  }
  return parts.length === 0 ? '(root)' : parts.join('.')
}

// A tagged union that found no member for the tag fails at the union itself: name the tag field instead.
const tagIssue = (error: t.ValidationError, path: string): DecodeIssue | undefined => {
  const last = error.context[error.context.length - 1]
  const union = last === undefined ? undefined : unwrap(last.type)
  if (!(union instanceof t.TaggedUnionType) || !t.UnknownRecord.is(error.value)) return undefined
  const tag: string = union.tag
  const values = (union.types as readonly Decoder[]).flatMap((member) => {
    const inner = unwrap(member)
    const prop: unknown = inner instanceof t.InterfaceType ? (inner.props as Record<string, unknown>)[tag] : undefined
    return prop instanceof t.LiteralType ? [JSON.stringify(prop.value)] : []
  })
  return {
    path: path === '(root)' ? tag : `${path}.${tag}`,
    expected: values.length === 0 ? last?.type.name ?? 'value' : values.join(' | '),
    actual: describe(error.value[tag]),
  }
}

/**
 * Turns io-ts errors into dotted paths: `data.0.asks.0.1`. Inside a union the member is named in angle brackets,
 * `<OkxError>.code`; members that failed their literal discriminant sooner than another member are left out, so
 * the issues name the alternative the value was meant to be.
 */
export const toIssues = (errors: t.Errors): readonly DecodeIssue[] => {
  const wrong = new Set<t.ValidationError>()
  collectWrongMembers(errors, 1, wrong)
  const seen = new Set<string>()
  const issues: DecodeIssue[] = []
  for (const error of errors) {
    if (wrong.has(error)) continue
    const last = error.context[error.context.length - 1]
    const path = pathOf(error.context)
    const issue: DecodeIssue = tagIssue(error, path) ?? {
      path,
      expected: error.message ?? last?.type.name ?? 'value',
      actual: describe(error.value),
    }
    const key = `${issue.path}|${issue.expected}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue)
  }
  return issues
}

// V8 quotes a slice of the input in JSON.parse errors ("…"), which may hold a secret: keep only the reason.
const jsonFailure = (e: unknown): string => {
  const message = e instanceof Error ? e.message : String(e)
  const reason = message.replace(/,?\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON$/, '').trim()
  return reason === '' ? 'not JSON' : reason
}

/**
 * Builds a venue decoder: `JSON.parse` (never throwing) then the codec chosen by `codecFor` for that JSON, through
 * {@link fastPath} (io-ts's result and errors, without its per-field work on valid frames).
 * @example const decode = decodeJson('okx', codecFor); decode('{"event":"login","code":"0"}')
 */
export const decodeJson =
  <A>(venue: string, codecFor: (json: unknown) => t.Decoder<unknown, A>) =>
  (raw: string): E.Either<DecodeError, A> => {
    const json = parseJson(raw)
    if (E.isLeft(json)) {
      const issue = { path: '(root)', expected: 'valid JSON', actual: jsonFailure(json.left) }
      return E.left(new DecodeError({ venue, codec: 'JSON', issues: [issue], raw }))
    }
    const codec = codecFor(json.right)
    const result = fastPath(codec).decode(json.right)
    return E.isRight(result)
      ? result
      : E.left(new DecodeError({ venue, codec: codec.name, issues: toIssues(result.left), raw }))
  }

/** Decodes an already-parsed value with a named codec, for REST bodies. */
export const decodeWith = <A>(venue: string, codec: t.Decoder<unknown, A>, value: unknown, raw: string): E.Either<DecodeError, A> => {
  const result = fastPath(codec).decode(value)
  return E.isRight(result) ? result : E.left(new DecodeError({ venue, codec: codec.name, issues: toIssues(result.left), raw }))
}
