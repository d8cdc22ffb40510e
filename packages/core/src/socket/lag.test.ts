import { LagRecorder } from './lag'

describe('LagRecorder', () => {
  it('reports zeros before any sample', () => {
    expect(new LagRecorder().summary()).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 })
  })

  it('computes percentiles over the samples', () => {
    const lag = new LagRecorder(1000)
    for (let i = 1; i <= 100; i++) lag.record(i)
    expect(lag.summary()).toEqual({ count: 100, p50: 51, p90: 91, p99: 100, max: 100 })
  })

  it('keeps only the most recent samples once the ring is full', () => {
    const lag = new LagRecorder(4)
    for (const v of [1000, 1000, 1, 2, 3, 4]) lag.record(v)
    expect(lag.summary()).toMatchObject({ count: 6, max: 4 })
  })
})
