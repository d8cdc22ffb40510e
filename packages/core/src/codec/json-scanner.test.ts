import fc from 'fast-check'
import { SCAN_END, SCAN_FAIL, JsonScanner, SCAN_UNKNOWN } from './json-scanner'
import { toNumber } from './number-from-string'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Skips one value and checks nothing but whitespace follows. */
const accepts = (text: string): boolean => {
  const s = new JsonScanner().reset(text)
  return s.skipValue() && s.end()
}

/** Text near JSON: a JSON value with a few characters inserted, deleted or replaced. */
const nearJson = fc
  .tuple(
    fc.json(),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...'{}[],:"\\ -+.eE0159tfnu\u0001x'.split(''))), { maxLength: 3 }),
  )
  .map(([json, edits]) =>
    edits.reduce((text, [at, op, ch]) => {
      const i = text.length === 0 ? 0 : at % (text.length + 1)
      return op === 0 ? text.slice(0, i) + ch + text.slice(i) : op === 1 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i + 1)
    }, json),
  )

describe('JsonScanner', () => {
  it('accepts every JSON text JSON.stringify writes', () => {
    fc.assert(fc.property(fc.json(), (text) => accepts(text)))
  })

  it('accepts exactly what JSON.parse accepts on text near JSON', () => {
    fc.assert(fc.property(nearJson, (text) => accepts(text) === parses(text)), { numRuns: 3000 })
  })

  it('reads numbers as JSON.parse does', () => {
    const numbers = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
      fc.integer().map(String),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
      fc.stringMatching(/^-?(0|[1-9]\d{0,18})(\.\d{1,20})?([eE][+-]?\d{1,3})?$/),
    )
    fc.assert(
      fc.property(numbers, (text) => {
        const s = new JsonScanner().reset(text)
        expect([s.number(), s.end()]).toEqual([JSON.parse(text), true])
      }),
    )
  })

  it('reads escape-free strings as JSON.parse does and leaves strings with escapes to the full path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const text = JSON.stringify(value)
        const read = new JsonScanner().reset(text).string()
        expect(read).toBe(text.includes('\\') ? undefined : value)
      }),
    )
  })

  it('walks an object by listed keys, reporting unknown keys and the end', () => {
    const s = new JsonScanner().reset(' { "a" : 1 , "zz":[1,{"x":"\\u0041"}], "b":"two" } ')
    const seen: (number | string | undefined)[] = []
    expect(s.beginObject()).toBe(true)
    for (let k = s.firstKey(['a', 'b']); k !== SCAN_END; k = s.nextKey(['a', 'b'])) {
      if (k === SCAN_FAIL) throw new Error('unexpected SCAN_FAIL')
      if (k === SCAN_UNKNOWN) seen.push(s.skipValue() ? 'skipped' : 'bad')
      else seen.push(k === 0 ? s.number() : s.string())
    }
    expect([seen, s.end()]).toEqual([[1, 'skipped', 'two'], true])
  })

  it('fails on a listed key spelt with an escape, which only the full path can match for certain', () => {
    const s = new JsonScanner().reset('{"\\u0061":1}')
    s.beginObject()
    expect(s.firstKey(['a'])).toBe(SCAN_FAIL)
  })

  it('walks arrays item by item and fails on a missing comma', () => {
    const s = new JsonScanner().reset('[1, 2 3]')
    s.beginArray()
    const codes = [s.firstItem(), s.number(), s.nextItem(), s.number(), s.nextItem()]
    expect(codes).toEqual([1, 1, 1, 2, SCAN_FAIL])
  })

  it('gives up on nesting deeper than it follows instead of recursing without bound', () => {
    expect(accepts('['.repeat(10_000) + ']'.repeat(10_000))).toBe(false)
  })
})

describe('JsonScanner.decimal', () => {
  const decimals = fc.oneof(
    fc.stringMatching(/^-?(\d{1,20}\.?\d{0,25}|\.\d{1,25})([eE][-+]?\d{1,3})?$/),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.string({ maxLength: 6 }),
  )

  it('reads a decimal string exactly as NumberFromString does, and gives back the text as sent', () => {
    fc.assert(
      fc.property(decimals, (text) => {
        const s = new JsonScanner().reset(JSON.stringify(text))
        const read = s.decimal()
        const expected = toNumber(text)
        expect(read === undefined ? [undefined] : [read, s.lastText(), s.end()]).toEqual(expected === undefined || text.includes('\\') || /[\u0000-\u001f"]/.test(text) ? [undefined] : [expected, text, true])
      }),
      { numRuns: 5000 },
    )
  })

  it('rejects what is not a decimal string', () => {
    expect(['""', '"-"', '"."', '"1e"', '"0x10"', '"NaN"', '"1e999"', '12', '"1 "'].map((t) => new JsonScanner().reset(t).decimal())).toEqual(Array(9).fill(undefined))
  })
})
