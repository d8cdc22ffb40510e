import fc from 'fast-check'
import { backoffCeilingMs, fullJitterBackoff } from './backoff'

describe('fullJitterBackoff', () => {
  it('stays within [0, min(cap, base × 2^(attempt-1))) for any random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = fullJitterBackoff({ baseMs: 100, capMs: 5_000, random: () => r })(attempt)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThan(Math.max(1, backoffCeilingMs(attempt, 100, 5_000)))
      }),
    )
  })

  it('doubles its ceiling with every attempt', () => {
    const top = fullJitterBackoff({ baseMs: 100, capMs: 100_000, random: () => 0.999999 })
    expect([1, 2, 3, 4].map(top)).toEqual([99, 199, 399, 799])
  })

  it('never exceeds the cap', () => {
    const top = fullJitterBackoff({ baseMs: 100, capMs: 1_000, random: () => 0.999999 })
    expect(top(30)).toBe(999)
  })

  it('can wait nothing at all on the lowest draw', () => {
    expect(fullJitterBackoff({ random: () => 0 })(5)).toBe(0)
  })
})
