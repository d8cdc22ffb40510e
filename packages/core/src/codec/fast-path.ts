import * as t from 'io-ts'

/** What a compiled check returns for input its codec rejects. */
const FAIL: unique symbol = Symbol('fail')
type Check = (u: unknown) => unknown

const ROOT: t.Context = []
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)
const isRecord = (u: unknown): u is Record<string, unknown> => u !== null && typeof u === 'object' && !Array.isArray(u)

// io-ts copies a record before changing a field with `__assign`, that is `Object.assign`.
const copyOf = (o: Record<string, unknown>): Record<string, unknown> => Object.assign({}, o)

/** io-ts's (internal) `mergeAll`, line for line: how an intersection combines its members' results. */
const mergeAll = (base: unknown, us: readonly unknown[]): unknown => {
  let equal = true
  let primitive = true
  const baseIsNotADictionary = !isRecord(base)
  for (const u of us) {
    if (u !== base) equal = false
    if (isRecord(u)) primitive = false
  }
  if (equal) return base
  if (primitive) return us[us.length - 1]
  const r: Record<string, unknown> = {}
  for (const u of us) {
    const record = u as Record<string, unknown>
    for (const k in record) {
      if (!hasOwn(r, k) || baseIsNotADictionary || record[k] !== (base as Record<string, unknown>)[k]) r[k] = record[k]
    }
  }
  return r
}

/** Source of a validate function (closures of one io-ts combinator share it). */
const sourceOf = (codec: t.Decoder<unknown, unknown>): string => Function.prototype.toString.call(codec.validate)

// What io-ts's own combinators validate with. A codec of the same class built by hand (`new t.RefinementType(...)`
// with another validate) does not match, and runs its own validate.
const REFERENCE = {
  type: sourceOf(t.type({ a: t.string })),
  partial: sourceOf(t.partial({ a: t.string })),
  array: sourceOf(t.array(t.string)),
  tuple: sourceOf(t.tuple([t.string])),
  intersection: sourceOf(t.intersection([t.string, t.string])),
  union: sourceOf(t.union([t.string, t.number])),
  refinement: sourceOf(t.refinement(t.string, () => true)),
  literal: sourceOf(t.literal('a')),
  keyof: sourceOf(t.keyof({ a: null })),
}

// Codecs whose validate is `is(u) ? success(u) : failure` (a literal's `value` is `u` when `is(u)`).
const PRIMITIVES: readonly t.Decoder<unknown, unknown>[] = [t.string, t.number, t.boolean, t.null, t.undefined, t.unknown, t.UnknownArray, t.UnknownRecord]
const primitiveSources = new Set(PRIMITIVES.map(sourceOf))
const isOnly = (codec: t.Decoder<unknown, unknown>): codec is t.Mixed => {
  const source = sourceOf(codec)
  return (
    (codec instanceof t.LiteralType && source === REFERENCE.literal) ||
    (codec instanceof t.KeyofType && source === REFERENCE.keyof) ||
    (codec instanceof t.Type && primitiveSources.has(source) && PRIMITIVES.some((p) => p.constructor === codec.constructor))
  )
}

const props = (record: t.Props): readonly (readonly [string, Check])[] => Object.keys(record).map((k) => [k, compile(record[k] as t.Mixed)] as const)

const interfaceCheck = (record: t.Props): Check => {
  const fields = props(record)
  return (u) => {
    if (!isRecord(u)) return FAIL
    let a = u
    for (const [k, check] of fields) {
      const ak = a[k]
      const v = check(ak)
      if (v === FAIL) return FAIL
      if (v !== ak || (v === undefined && !hasOwn(a, k))) {
        if (a === u) a = copyOf(u)
        a[k] = v
      }
    }
    return a
  }
}

const partialCheck = (record: t.Props): Check => {
  const fields = props(record)
  return (u) => {
    if (!isRecord(u)) return FAIL
    let a = u
    for (const [k, check] of fields) {
      const ak = a[k]
      const v = check(ak)
      if (v === FAIL) {
        if (ak !== undefined) return FAIL
      } else if (v !== ak) {
        if (a === u) a = copyOf(u)
        a[k] = v
      }
    }
    return a
  }
}

const arrayCheck = (item: t.Mixed): Check => {
  const check = compile(item)
  return (u) => {
    if (!Array.isArray(u)) return FAIL
    let as: unknown[] = u
    for (let i = 0; i < u.length; i++) {
      const ui: unknown = u[i]
      const v = check(ui)
      if (v === FAIL) return FAIL
      if (v !== ui) {
        if (as === u) as = u.slice()
        as[i] = v
      }
    }
    return as
  }
}

const tupleCheck = (items: readonly t.Mixed[]): Check => {
  const checks = items.map(compile)
  const len = checks.length
  return (u) => {
    if (!Array.isArray(u)) return FAIL
    let as: unknown[] = u.length > len ? u.slice(0, len) : u
    for (let i = 0; i < len; i++) {
      const a: unknown = u[i]
      const v = (checks[i] as Check)(a)
      if (v === FAIL) return FAIL
      if (v !== a) {
        if (as === u) as = u.slice()
        as[i] = v
      }
    }
    return as
  }
}

/** A field of a `type` (required) or `partial` (optional) member. */
type Field = readonly [key: string, check: Check, optional: boolean]

const fieldsOf = (codec: t.Mixed): readonly Field[] | undefined => {
  const source = sourceOf(codec)
  if (codec instanceof t.InterfaceType && source === REFERENCE.type) return props(codec.props as t.Props).map(([k, c]) => [k, c, false] as const)
  if (codec instanceof t.PartialType && source === REFERENCE.partial) return props(codec.props as t.Props).map(([k, c]) => [k, c, true] as const)
  return undefined
}

/**
 * An intersection of `type`s and `partial`s in one pass and at most one copy, giving what io-ts's per-member copies
 * and `mergeAll` give: the record, or a copy with each changed field set (a later member's change winning). A record
 * with its own `__proto__` key goes to io-ts.
 */
const recordsCheck = (members: readonly (readonly Field[])[]): Check => (u) => {
  if (!isRecord(u) || hasOwn(u, '__proto__')) return FAIL
  let r: Record<string, unknown> | undefined
  for (const fields of members) {
    for (const [k, check, optional] of fields) {
      const ak = u[k]
      const v = check(ak)
      if (v === FAIL) {
        if (optional && ak === undefined) continue
        return FAIL
      }
      if (v !== ak || (!optional && v === undefined && !hasOwn(u, k))) {
        r ??= copyOf(u)
        r[k] = v
      }
    }
  }
  return r ?? u
}

const intersectionCheck = (members: readonly t.Mixed[]): Check => {
  const fields = members.map(fieldsOf)
  if (fields.every((f) => f !== undefined)) return recordsCheck(fields as (readonly Field[])[])
  const checks = members.map(compile)
  return (u) => {
    const us: unknown[] = []
    for (const check of checks) {
      const v = check(u)
      if (v === FAIL) return FAIL
      us.push(v)
    }
    return mergeAll(u, us)
  }
}

const unionCheck = (members: readonly t.Mixed[]): Check => {
  const checks = members.map(compile)
  return (u) => {
    for (const check of checks) {
      const v = check(u)
      if (v !== FAIL) return v
    }
    return FAIL
  }
}

// Any other decoder (custom types, tagged unions, exact, recursive): its own validate, which is exact by definition.
const opaque =
  (codec: t.Decoder<unknown, unknown>): Check =>
  (u) => {
    const result = codec.validate(u, ROOT)
    return result._tag === 'Right' ? result.right : FAIL
  }

const compiled = new WeakMap<t.Decoder<unknown, unknown>, Check>()

/**
 * A check that returns what `codec.validate(u)` succeeds with, or {@link FAIL}, mirroring io-ts's combinators
 * (`type`, `partial`, `intersection`, untagged `union`, `array`, `tuple`, `refinement`, `readonly`, primitives) with
 * no context or error values; other codecs (custom types, tagged unions, `exact`, recursion, and combinator classes
 * built by hand) run their own `validate`.
 */
const compile = (codec: t.Decoder<unknown, unknown>): Check => {
  const known = compiled.get(codec)
  if (known !== undefined) return known
  // Late-bound: recursion through the cache finds this entry before the real check is built.
  let check: Check = opaque(codec)
  compiled.set(codec, (u) => check(u))
  const source = sourceOf(codec)
  if (codec instanceof t.InterfaceType && source === REFERENCE.type) check = interfaceCheck(codec.props as t.Props)
  else if (codec instanceof t.PartialType && source === REFERENCE.partial) check = partialCheck(codec.props as t.Props)
  else if ((codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) && source === REFERENCE.array) check = arrayCheck(codec.type as t.Mixed)
  else if (codec instanceof t.TupleType && source === REFERENCE.tuple) check = tupleCheck(codec.types as t.Mixed[])
  else if (codec instanceof t.IntersectionType && source === REFERENCE.intersection) check = intersectionCheck(codec.types as t.Mixed[])
  else if (codec instanceof t.UnionType && source === REFERENCE.union) check = unionCheck(codec.types as t.Mixed[])
  else if (codec instanceof t.ReadonlyType && codec.validate === (codec.type as t.Mixed).validate) check = compile(codec.type as t.Mixed)
  else if (codec instanceof t.RefinementType && source === REFERENCE.refinement) {
    const inner = compile(codec.type as t.Mixed)
    const predicate = codec.predicate as (a: unknown) => boolean
    check = (u) => {
      const v = inner(u)
      return v !== FAIL && predicate(v) ? v : FAIL
    }
  } else if (isOnly(codec)) {
    const is = codec.is
    check = (u) => (is(u) ? u : FAIL)
  }
  compiled.set(codec, check)
  return check
}

const fastCodecs = new WeakMap<t.Decoder<unknown, unknown>, t.Decoder<unknown, unknown>>()

/**
 * `codec` with a fast path: valid input is checked without io-ts's per-field contexts and error values (compiled
 * once per codec), and decodes to exactly what `codec` gives; input the check rejects is decoded again by `codec`
 * itself, so failures keep io-ts's errors and paths.
 * @example const decode = (u: unknown) => fastPath(OkxBookPush).decode(u)
 */
export const fastPath = <A>(codec: t.Decoder<unknown, A>): t.Decoder<unknown, A> => {
  const known = fastCodecs.get(codec) as t.Decoder<unknown, A> | undefined
  if (known !== undefined) return known
  const check = compile(codec)
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    const v = check(u)
    return v === FAIL ? codec.validate(u, c) : t.success(v as A)
  }
  const decode = (u: unknown): t.Validation<A> => {
    const v = check(u)
    return v === FAIL ? codec.decode(u) : t.success(v as A)
  }
  const fast: t.Decoder<unknown, A> = { name: codec.name, validate, decode }
  fastCodecs.set(codec, fast)
  fastCodecs.set(fast, fast)
  return fast
}
