import { createRecorder } from './recorder'

describe('createRecorder', () => {
  it('keeps every latency, in order, past its initial capacity', () => {
    const recorder = createRecorder(4)
    for (let i = 0; i < 10; i++) recorder.record('okx', i)
    expect(Array.from(recorder.latencies())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('counts deliveries per venue', () => {
    const recorder = createRecorder()
    recorder.record('okx', 1)
    recorder.record('weex', 2)
    recorder.record('weex', 3)
    expect(recorder.delivered).toEqual({ okx: 1, kucoin: 0, weex: 2 })
  })

  it('starts afresh after a reset', () => {
    const recorder = createRecorder(2)
    recorder.record('kucoin', 5)
    recorder.record('kucoin', 6)
    recorder.reset()
    recorder.record('okx', 7)
    expect(Array.from(recorder.latencies())).toEqual([7])
    expect(recorder.delivered).toEqual({ okx: 1, kucoin: 0, weex: 0 })
  })
})
