import fc from 'fast-check'
import { toSignificant15 } from './precision'

const reference = (n: number): number => Number(n.toPrecision(15))

describe('toSignificant15', () => {
  it('gives what Number(n.toPrecision(15)) gives for any double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (n) => Object.is(toSignificant15(n), reference(n))), { numRuns: 20_000 })
  })

  it('gives what the text gives for contract products and quotients', () => {
    const decimal = fc.tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 })).map(([m, k]) => m / 10 ** k)
    fc.assert(
      fc.property(decimal, decimal, decimal, (size, perContract, price) =>
        [size * perContract, price === 0 ? 0 : (size * perContract) / price].every((n) => Object.is(toSignificant15(n), reference(n))),
      ),
      { numRuns: 20_000 },
    )
  })

  it('gives what the text gives next to halves and powers of ten', () => {
    const near = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 10 ** 14, max: 10 ** 15 }), fc.integer({ min: -3, max: 3 })).map(
      ([e, d, ulps]) => {
        let n = (d + 0.5) * 10 ** e
        for (let i = 0; i < Math.abs(ulps); i++) n = ulps > 0 ? n + n * Number.EPSILON : n - n * Number.EPSILON
        return n
      },
    )
    fc.assert(fc.property(near, (n) => Object.is(toSignificant15(n), reference(n))), { numRuns: 20_000 })
  })

  it('drops the float noise of a product', () => {
    expect(toSignificant15(431 * 0.01)).toBe(4.31)
  })

  it('maps both zeros to 0', () => {
    expect([Object.is(toSignificant15(-0), 0), Object.is(toSignificant15(0), 0)]).toEqual([true, true])
  })
})
