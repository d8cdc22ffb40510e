import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { fixturePath, readCapture } from '@tributary/testkit'
import { requestKucoin } from './rest'
import { createRestBookScan, KucoinRestLevels } from './rest-book'

const scan = createRestBookScan()
/** What the full path (JSON.parse + envelope + codec) answers for a body sent with HTTP 200. */
const full = (body: string) =>
  requestKucoin(async () => ({ status: 200, body }), { method: 'GET', url: 'http://x/book' }, KucoinRestLevels, 'GET book')

/** Whether the scanner answers nothing, or exactly what the full path answers. */
const agrees = async (body: string): Promise<boolean> => {
  const fast = scan(body)
  if (fast === undefined) return true
  const slow = await full(body)
  return E.isRight(slow) && isDeepStrictEqual(fast, slow.right)
}

describe('the REST book fast path', () => {
  const recorded = readCapture(fixturePath('kucoin/kucoin-spot-2021-04-25-l2-ticker-match-candles.jsonl')).filter(
    (l) => l.dir === 'http' && (l.url ?? '').includes('/orderbook/level2'),
  )

  it('reads every recorded full-depth snapshot exactly as the full path does', async () => {
    const results = await Promise.all(recorded.map(async (l) => [scan(l.data) !== undefined, await agrees(l.data)]))
    expect(results).toEqual(recorded.map(() => [true, true]))
  })

  it('leaves a refusal to the full path', () => {
    expect(scan('{"code":"400100","msg":"bad"}')).toBeUndefined()
  })

  it('leaves a body whose data is sent twice to the full path', () => {
    const data = '{"time":1,"sequence":"5","bids":[],"asks":[]}'
    expect([scan(`{"code":"200000","data":${data}}`), scan(`{"code":"200000","data":${data},"data":${data}}`)]).toEqual([
      { time: 1, sequence: 5, bids: [], asks: [] },
      undefined,
    ])
  })

  const decimal = fc.oneof(
    { weight: 300, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(String(n))) },
    { weight: 1, arbitrary: fc.constantFrom('""', '"1e999"', '"0x1"', '5', 'null', '"1\\u0030"') },
  )
  const row = fc.tuple(decimal, decimal, fc.integer({ min: 0, max: 200 })).map(([p, s, n]) => `[${n === 0 ? p : n === 1 ? `${p},${s},${s}` : `${p},${s}`}]`)
  const rows = fc.array(row, { maxLength: 5 }).map((r) => `[${r.join(',')}]`)
  const member = (key: string, value: fc.Arbitrary<string>) =>
    fc.tuple(fc.oneof({ weight: 80, arbitrary: fc.constant(`"${key}"`) }, { weight: 1, arbitrary: fc.constant(`"\\u00${key.charCodeAt(0).toString(16)}${key.slice(1)}"`) }), value)
  /** An object from members: shuffled, one sometimes dropped or sent twice, sometimes with an unknown one. */
  const object = (members: readonly fc.Arbitrary<readonly [string, string]>[]) =>
    fc
      .tuple(fc.tuple(...members), fc.nat(), fc.integer({ min: 0, max: 12 }), fc.option(fc.json(), { freq: 6 }), fc.constantFrom('', '', ' '))
      .map(([ms, at, what, extra, space]) => {
        const list = [...ms, ...(extra === null ? [] : [['"extra"', extra] as const])]
        const i = at % list.length
        const picked = what === 0 ? list.filter((_, n) => n !== i) : what === 1 ? [...list, list[i] as readonly [string, string]] : at % 2 === 0 ? list : [...list].reverse()
        return `{${space}${picked.map(([k, v]) => `${k}${space}:${space}${v}`).join(`,${space}`)}${space}}`
      })
  const data = object([
    member('time', fc.oneof({ weight: 10, arbitrary: fc.integer().map(String) }, { weight: 1, arbitrary: fc.constantFrom('1e999', '"1"', '-0') })),
    member(
      'sequence',
      fc.oneof(
        { weight: 20, arbitrary: fc.maxSafeInteger().map((n) => `"${n}"`) },
        { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }).map((n) => `"${n}"`) },
        { weight: 1, arbitrary: fc.constantFrom('"1.5"', '""', '12', '"-"') },
      ),
    ),
    member('bids', rows),
    member('asks', rows),
  ])
  const body = object([
    member('code', fc.oneof({ weight: 10, arbitrary: fc.constant('"200000"') }, { weight: 1, arbitrary: fc.constantFrom('"400100"', '200000', '"20000\\u0030"') })),
    member('msg', fc.oneof({ weight: 10, arbitrary: fc.constantFrom('"ok"', '"\\u00e9"') }, { weight: 1, arbitrary: fc.constantFrom('null', '1') })),
    member('data', data),
  ]).chain((text) => fc.tuple(fc.constant(text), fc.nat(), fc.integer({ min: 0, max: 20 })).map(([t, at, cut]) => (cut === 0 ? t.slice(0, at % (t.length + 1)) : t)))

  it('answers generated and mutated bodies exactly as the full path does, or leaves them to it', async () => {
    await fc.assert(fc.asyncProperty(body, agrees), { numRuns: 3000 })
  })

  it('answers many of the generated bodies, so the property above tests it', () => {
    expect(fc.sample(body, 1000).filter((b) => scan(b) !== undefined).length).toBeGreaterThan(100)
  })
})
