import { fromKucoinInterval, nsStringToMs, toEpochMs } from './time'

describe('time units', () => {
  it('cuts a nanosecond string beyond 2^53 to exact milliseconds', () => {
    expect(nsStringToMs('1619378336197407320')).toBe(1619378336197)
  })

  it.each([
    [1730211033305, 1730211033305],
    [1593487482038606180, 1593487482038],
    [1730211033305123, 1730211033305],
    [1619378280, 1619378280000],
  ])('normalises %d to epoch ms %d by magnitude', (value, ms) => {
    expect(toEpochMs(value)).toBe(ms)
  })

  it.each([
    ['1min', '1m'],
    ['1hour', '1h'],
    ['1month', '1M'],
    ['7min', '7min'],
  ])('maps candle type %s to interval %s', (type, interval) => {
    expect(fromKucoinInterval(type)).toBe(interval)
  })
})
