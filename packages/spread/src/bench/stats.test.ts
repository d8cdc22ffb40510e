import { percentile, ratios, slope, summarize } from './stats'

describe('percentile', () => {
  const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]

  it('returns the nearest-rank value of an unsorted sample', () => {
    expect([percentile(xs, 50), percentile(xs, 90), percentile(xs, 99.9)]).toEqual([5, 9, 10])
  })

  it('returns the smallest value at p0 and the largest at p100', () => {
    expect([percentile(xs, 0), percentile(xs, 100)]).toEqual([1, 10])
  })

  it('reads a presorted sample without sorting it again', () => {
    expect(percentile([3, 2, 1], 0, true)).toBe(3)
  })

  it('is NaN for an empty sample', () => {
    expect(percentile([], 50)).toBeNaN()
  })
})

describe('summarize', () => {
  it('gives the middle value, min and max of an odd sample', () => {
    expect(summarize([3, 9, 1])).toEqual({ median: 3, min: 1, max: 9 })
  })

  it('averages the two middle values of an even sample', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5)
  })

  it('is NaN throughout for an empty sample', () => {
    expect(summarize([])).toEqual({ median: NaN, min: NaN, max: NaN })
  })
})

describe('ratios', () => {
  it('divides round by round, up to the shorter sample', () => {
    expect(ratios([10, 20, 30], [5, 4])).toEqual([2, 5])
  })
})

describe('slope', () => {
  it('is the least-squares growth per unit of x', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2)
  })

  it('is zero for a flat series', () => {
    expect(slope([0, 10, 20], [4, 4, 4])).toBe(0)
  })

  it('is zero with fewer than two points', () => {
    expect(slope([1], [5])).toBe(0)
  })
})
