import fc from 'fast-check'
import { CheckedText, PLAIN_TEXT } from './checked-text'

const r = new CheckedText()
const whole = (pattern: string): RegExp => new RegExp(`^${pattern}$`)
/** What the layouts of KuCoin and OKX check before reading: a `NumberFromString` text in quotes, a JSON number. */
const DECIMAL = '"-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?"'
const NUMBER = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?'

/** Decimal texts `NumberFromString` accepts, from the ordinary to the extreme (long mantissas, exponents, overflow). */
const decimalText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.stringMatching(/^-?(\d{1,25}\.?\d{0,25}|\.\d{1,25})([eE][-+]?\d{1,3})?$/),
  fc.constantFrom('0', '-0', '0.0', '-0.0', '1.', '.5', '-.5', '9007199254740993', '0.1234567890123456789012', '1e999', '-1e999'),
)
/** JSON number texts, including the ones JSON.parse reads as ±Infinity. */
const numberText = fc.oneof(
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.stringMatching(/^-?(0|[1-9]\d{0,25})(\.\d{1,20})?([eE][-+]?\d{1,3})?$/),
  fc.constantFrom('-0', '1e999', '-1e999', '12345678901234567890'),
)
const finiteOrNaN = (n: number): number => (Number.isFinite(n) ? n : NaN)

describe('CheckedText', () => {
  it('reads a decimal string as Number reads it (NaN when not finite), and stops on its closing quote', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const raw = `["${text}",1]`
        return whole(DECIMAL).test(`"${text}"`) && Object.is(r.decimal(raw, 2), finiteOrNaN(Number(text))) && r.pos === text.length + 2
      }),
      { numRuns: 5000 },
    )
  })

  it('reads a JSON number as JSON.parse reads it (NaN when not finite), and stops right after it', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        const raw = `{"a":${text}}`
        return whole(NUMBER).test(text) && Object.is(r.number(raw, 5), finiteOrNaN(JSON.parse(text) as number)) && r.pos === text.length + 5
      }),
      { numRuns: 5000 },
    )
  })

  it('reads plain text up to its closing quote', () => {
    const raw = '{"instId":"BTC-USDT-SWAP","x":1}'
    expect(whole(PLAIN_TEXT).test('BTC-USDT-SWAP')).toBe(true)
    expect([r.text(raw, 11), r.pos]).toEqual(['BTC-USDT-SWAP', 24])
  })
})

describe('CheckedText levels', () => {
  const r = new CheckedText()

  it('reads book rows into model levels, past members after the size, and stops just past the array', () => {
    const raw = '{"asks":[["41006.8","0.60038921","0","1"],["41007","3","0","12"]],"bids":[]'
    expect([r.levels(raw, 8, false), raw.slice(r.pos, r.pos + 8)]).toEqual([
      [
        [41006.8, 0.60038921, '41006.8', '0.60038921'],
        [41007, 3, '41007', '3'],
      ],
      ',"bids":',
    ])
  })

  it('leaves out rows whose price is zero when asked (sequence-only changes), and keeps them otherwise', () => {
    const raw = '[["1.5","2","7"],["0","0","8"],["-0","3","9"],["2e1","0.25","10"]]'
    expect([r.levels(raw, 0, true), r.levels(raw, 0, false)?.length]).toEqual([
      [
        [1.5, 2, '1.5', '2'],
        [20, 0.25, '2e1', '0.25'],
      ],
      4,
    ])
  })

  it('answers an empty array, or one of dropped rows, with no level', () => {
    expect([r.levels('[]', 0, true), r.pos, r.levels('[["0","0","5"]]', 0, true)]).toEqual([[], 2, []])
  })

  it('refuses rows holding a value that is not finite', () => {
    expect(r.levels('[["1e999","1"]]', 0, false)).toBeUndefined()
  })
})
