import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { FiniteNumber, IntFromString, NumberFromString, toNumber } from './number-from-string'

describe('NumberFromString', () => {
  it.each([
    ['8476.98', 8476.98],
    ['0', 0],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1.', 1],
    ['1e5', 100000],
    ['1E-8', 1e-8],
    ['5e+3', 5000],
    ['0.00000174', 0.00000174],
    ['007', 7],
  ])('decodes the decimal string %j to %p', (input, expected) => {
    expect(NumberFromString.decode(input)).toEqual(E.right(expected))
  })

  it.each([
    [''],
    [' 1'],
    ['1 '],
    ['NaN'],
    ['Infinity'],
    ['-Infinity'],
    ['0x10'],
    ['0b1'],
    ['1_000'],
    ['1,5'],
    ['+1'],
    ['-'],
    ['.'],
    ['e5'],
    ['1e'],
    ['1e400'],
    ['١٢'],
  ])('rejects the string %j', (input) => {
    expect(E.isLeft(NumberFromString.decode(input))).toBe(true)
  })

  it.each([[2], [0], [null], [undefined], [true], [['1']], [{}]])('rejects the non-string %p, numbers included', (input) => {
    expect(E.isLeft(NumberFromString.decode(input))).toBe(true)
  })

  it('fails with a message that says a decimal string was expected', () => {
    const result = NumberFromString.decode('abc')
    expect(E.isLeft(result) && result.left.map((e) => e.message)).toEqual(['expected a decimal string'])
  })

  it('keeps IEEE doubles exact for venue prices of up to 15 significant digits', () => {
    const prices = ['79979.8', '0.00000174', '123456789.012345', '9.617', '43474.1', '0.1']
    const roundTrips = prices.map((s) => NumberFromString.decode(s)).map(E.map(String))
    expect(roundTrips).toEqual(prices.map(E.right))
  })

  it('encodes back to a string', () => {
    expect(NumberFromString.encode(0.5)).toBe('0.5')
  })

  it('recognises finite numbers with is()', () => {
    expect([NumberFromString.is(1.5), NumberFromString.is(NaN), NumberFromString.is('1')]).toEqual([true, false, false])
  })
})

describe('IntFromString', () => {
  it.each([
    ['1626995747777', 1626995747777],
    ['0', 0],
    ['-12', -12],
  ])('decodes %j to %p', (input, expected) => {
    expect(IntFromString.decode(input)).toEqual(E.right(expected))
  })

  it.each([[''], ['1.5'], ['1e3'], ['0x10'], ['NaN'], [' 1'], [1]])('rejects %p', (input) => {
    expect(E.isLeft(IntFromString.decode(input))).toBe(true)
  })

  it('rejects integers beyond Number.MAX_SAFE_INTEGER, which a double cannot hold exactly', () => {
    const result = IntFromString.decode('1616362370760468781')
    expect(E.isLeft(result) && result.left.map((e) => e.message)).toEqual(['expected a safe integer string'])
  })
})

describe('FiniteNumber', () => {
  it.each([[NaN], [Infinity], [-Infinity], ['1']])('rejects %p', (input) => {
    expect(E.isLeft(FiniteNumber.decode(input))).toBe(true)
  })

  it('fails with a message that says a finite number was expected', () => {
    const result = FiniteNumber.decode(NaN)
    expect(E.isLeft(result) && result.left.map((e) => e.message)).toEqual(['expected a finite number'])
  })

  it('accepts a finite number', () => {
    expect(FiniteNumber.decode(-0.25)).toEqual(E.right(-0.25))
  })
})

describe('toNumber', () => {
  it.each([
    ['8476.98', 8476.98],
    ['', undefined],
    ['NaN', undefined],
    ['0x10', undefined],
    ['1e5', 100000],
  ])('parses %j to %p', (input, expected) => {
    expect(toNumber(input)).toBe(expected)
  })
})

describe('toNumber against the decimal grammar', () => {
  const GRAMMAR = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
  const reference = (s: string): number | undefined => {
    if (!GRAMMAR.test(s)) return undefined
    const n = Number(s)
    return Number.isFinite(n) ? n : undefined
  }
  const text = fc.string({ unit: fc.constantFrom(...'0123456789.-+eE x٣'.split('')), maxLength: 12 })

  it('accepts exactly the strings the regular expression accepts, with the same value', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.double().map(String), fc.string({ maxLength: 6 })), (s) => {
        expect(toNumber(s)).toBe(reference(s))
      }),
      { numRuns: 20_000 },
    )
  })
})
