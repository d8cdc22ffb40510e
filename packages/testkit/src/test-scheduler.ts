import { deepStrictEqual } from 'node:assert'
import { TestScheduler } from 'rxjs/testing'

/** The part of Jest's `expect` the scheduler needs. */
export type ExpectLike = (actual: unknown) => { toEqual(expected: unknown): void }

const globalExpect = (): ExpectLike | undefined => {
  const candidate: unknown = Reflect.get(globalThis, 'expect')
  return typeof candidate === 'function' ? (candidate as ExpectLike) : undefined
}

/**
 * An rxjs `TestScheduler` that asserts with `expect(a).toEqual(b)`: the given `expect`, else Jest's global one,
 * else `node:assert`'s `deepStrictEqual` (so testkit builds without Jest types).
 * @example
 * testScheduler().run(({ cold, expectObservable }) => {
 *   expectObservable(cold('a-b|').pipe(map((x) => x.toUpperCase()))).toBe('A-B|')
 * })
 */
export const testScheduler = (expect: ExpectLike | undefined = globalExpect()): TestScheduler =>
  new TestScheduler((actual, expected) => {
    if (expect === undefined) deepStrictEqual(actual, expected)
    else expect(actual).toEqual(expected)
  })
