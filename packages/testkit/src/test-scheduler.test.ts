import { delay, map } from 'rxjs'
import { testScheduler } from './test-scheduler'

describe('testScheduler', () => {
  it('runs marble tests in virtual time', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b|')
      expectObservable(source.pipe(delay(3), map((x) => x.toUpperCase()))).toBe('---A-(B|)')
      expectSubscriptions(source.subscriptions).toBe('^--!')
    })
  })

  it('fails a wrong expectation through the given expect', () => {
    const calls: unknown[] = []
    const scheduler = testScheduler((actual) => ({ toEqual: (expected) => calls.push([actual, expected]) }))
    scheduler.run(({ cold, expectObservable }) => expectObservable(cold('a|')).toBe('b|'))
    expect(calls).toHaveLength(1)
  })

  it('throws on a mismatch with the default assertion', () => {
    expect(() => testScheduler().run(({ cold, expectObservable }) => expectObservable(cold('a|')).toBe('b|'))).toThrow()
  })
})
