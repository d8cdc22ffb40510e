import { Subject } from 'rxjs'
import { testScheduler } from '@tributary/testkit'
import { BufferOverflowError } from '../errors'
import { deliver } from './deliver'

type V = { readonly symbol: string; readonly n: number }
const v = (symbol: string, n: number): V => ({ symbol, n })
const overflow = (): Error => new BufferOverflowError('test', 'trades', 2)

describe('deliver', () => {
  it('delivers every value of a conflating stream to a consumer that keeps up', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(abc)-d', { a: v('X', 1), b: v('Y', 1), c: v('X', 2), d: v('X', 3) })
      const out = source.pipe(deliver<V>({ policy: 'conflate', capacity: 1, overflow }))
      expectObservable(out).toBe('(abc)-d', { a: v('X', 1), b: v('Y', 1), c: v('X', 2), d: v('X', 3) })
    })
  })

  it('conflates values that pile up beyond conflateAbove to the latest per symbol and counts the rest', () => {
    const conflated: number[] = []
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(abc)-d', { a: v('X', 1), b: v('Y', 1), c: v('X', 2), d: v('X', 3) })
      const out = source.pipe(deliver<V>({ policy: 'conflate', capacity: 1, conflateAbove: 2, overflow, onConflated: (n) => conflated.push(n) }))
      expectObservable(out).toBe('(bc)--d', { b: v('Y', 1), c: v('X', 2), d: v('X', 3) })
    })
    expect(conflated).toEqual([1])
  })

  it('keeps the latest value of each of many symbols when a burst exceeds conflateAbove', async () => {
    const subject = new Subject<V>()
    const seen: V[] = []
    let conflated = 0
    subject.pipe(deliver<V>({ policy: 'conflate', capacity: 1, conflateAbove: 4, overflow, onConflated: (n) => (conflated += n) })).subscribe((x) => seen.push(x))
    for (let round = 1; round <= 3; round++) for (let s = 0; s < 10; s++) subject.next(v(`S${s}`, round))
    await Promise.resolve()
    expect(seen.filter((x) => x.n === 3).map((x) => x.symbol).sort()).toEqual(Array.from({ length: 10 }, (_, s) => `S${s}`).sort())
    expect(seen.length + conflated).toBe(30)
    expect(new Set(seen.map((x) => x.symbol)).size).toBe(10)
  })

  it('delivers every value of a buffered stream in order', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(ab)-c|', { a: v('X', 1), b: v('X', 2), c: v('X', 3) })
      expectObservable(source.pipe(deliver<V>({ policy: 'buffer', capacity: 2, overflow }))).toBe('(ab)-c|', {
        a: v('X', 1), b: v('X', 2), c: v('X', 3),
      })
    })
  })

  it('errors a buffered stream with BufferOverflowError once more than capacity values are pending', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('(abc)', { a: v('X', 1), b: v('X', 2), c: v('X', 3) })
      expectObservable(source.pipe(deliver<V>({ policy: 'buffer', capacity: 2, overflow }))).toBe('#', undefined, overflow())
      expectSubscriptions(source.subscriptions).toBe('(^!)')
    })
  })

  it('delivers pending values before the source error', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(a#)', { a: v('X', 1) }, new Error('boom'))
      expectObservable(source.pipe(deliver<V>({ policy: 'buffer', capacity: 2, overflow }))).toBe('(a#)', { a: v('X', 1) }, new Error('boom'))
    })
  })

  it('lets one consumer overflow while a sibling keeps streaming', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-(abc)', { a: v('X', 1), b: v('X', 2), c: v('X', 3) })
      expectObservable(source.pipe(deliver<V>({ policy: 'buffer', capacity: 2, overflow }))).toBe('-#', undefined, overflow())
      expectObservable(source.pipe(deliver<V>({ policy: 'buffer', capacity: 5, overflow }))).toBe('-(abc)', { a: v('X', 1), b: v('X', 2), c: v('X', 3) })
    })
  })

  it('drains on the delivery scheduler, not synchronously', async () => {
    const subject = new Subject<V>()
    const seen: number[] = []
    subject.pipe(deliver<V>({ policy: 'buffer', capacity: 10, overflow })).subscribe((x) => seen.push(x.n))
    subject.next(v('X', 1))
    subject.next(v('X', 2))
    expect(seen).toEqual([])
    await Promise.resolve()
    expect(seen).toEqual([1, 2])
  })
})
