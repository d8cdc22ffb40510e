import fc from 'fast-check'
import { CheckedText, DECIMAL, LEVELS, NUMBER, ROWS } from './fast-text'

const r = new CheckedText()
const whole = (pattern: string): RegExp => new RegExp(`^${pattern}$`)

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

  it('reads level2 rows into model levels, leaving out the sequence-only ones (price zero)', () => {
    const raw = '{"asks":[["1.5","2","7"],["0","0","8"],["-0","3","9"],["2e1","0.25","10"]],'
    expect(whole(ROWS).test(raw.slice(8, -1))).toBe(true)
    expect([r.rows(raw, 8, true), raw.charAt(r.pos)]).toEqual([
      [
        [1.5, 2, '1.5', '2'],
        [20, 0.25, '2e1', '0.25'],
      ],
      ',',
    ])
  })

  it('keeps every book level, price zero included', () => {
    const raw = '[["0","1"],["3.25","4"]]'
    expect(whole(LEVELS).test(raw)).toBe(true)
    expect(r.rows(raw, 0, false)).toEqual([
      [0, 1, '0', '1'],
      [3.25, 4, '3.25', '4'],
    ])
  })

  it('answers an empty side, or one of sequence-only rows, with no level', () => {
    expect([r.rows('[]', 0, true), r.rows('[["0","0","5"]]', 0, true)]).toEqual([[], []])
  })

  it('refuses rows holding a value that is not finite', () => {
    expect(r.rows('[["1e999","1"]]', 0, false)).toBeUndefined()
  })
})
