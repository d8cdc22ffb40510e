import { instrumentOfBase } from './book-server'
import { benchInstruments, levels } from './frames'

describe('benchInstruments', () => {
  it('names instruments with distinct letter-only bases', () => {
    const bases = benchInstruments(1_000).map((i) => i.base)
    expect([new Set(bases).size, bases.every((b) => /^Z[A-Z]+$/.test(b))]).toEqual([1_000, true])
  })

  it('is read back from its base by the simulators', () => {
    expect(benchInstruments(800).every((i) => instrumentOfBase(i.base)?.mid === i.mid)).toBe(true)
  })
})

describe('levels', () => {
  it('gives depth levels per side, best first, never crossed', () => {
    const { bids, asks } = levels({ base: 'ZA', mid: 100 }, 200)
    const px = (l: readonly (readonly [string, string])[]) => l.map(([p]) => Number(p))
    expect([bids.length, asks.length, px(bids)[0]! < px(asks)[0]!, px(bids).every((p, i, a) => i === 0 || p < a[i - 1]!)]).toEqual([200, 200, true, true])
  })
})
