import fc from 'fast-check'
import { asapScheduler, filter, type OperatorFunction, type SchedulerLike, Subject } from 'rxjs'
import { BufferOverflowError } from '../errors'
import { deliver, deliverMatching, type DeliverOptions } from './deliver'
import { microtaskScheduler } from './microtask'

type V = { readonly kind: 'a' | 'b'; readonly symbol: string; readonly n: number }
type A = V & { readonly kind: 'a' }
const isA = (v: V): v is A => v.kind === 'a'
const overflow = (): Error => new BufferOverflowError('test', 'trades', 0)
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface Outcome {
  readonly seen: number[]
  readonly conflated: number
  readonly ended: string
}

/** Pushes each batch in its own macrotask (one socket read each), then ends the source as the script says. */
const play = async (operator: (onConflated: (n: number) => void) => OperatorFunction<V, A>, batches: V[][], end: 'complete' | 'error' | 'open'): Promise<Outcome> => {
  const source = new Subject<V>()
  const seen: number[] = []
  let conflated = 0
  let ended = 'open'
  source.pipe(operator((n) => (conflated += n))).subscribe({
    next: (v) => seen.push(v.n),
    error: (e: unknown) => (ended = e instanceof BufferOverflowError ? 'overflow' : 'error'),
    complete: () => (ended = 'complete'),
  })
  for (const batch of batches) {
    for (const v of batch) source.next(v)
    await macrotask()
  }
  if (end === 'complete') source.complete()
  if (end === 'error') source.error(new Error('boom'))
  await macrotask()
  return { seen, conflated, ended }
}

const value = fc.record({ kind: fc.constantFrom<'a' | 'b'>('a', 'b'), symbol: fc.constantFrom('X', 'Y', 'Z'), n: fc.nat() })

describe('deliverMatching on microtaskScheduler', () => {
  it('delivers exactly what filter then deliver on asapScheduler delivers, batch for batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(value, { maxLength: 12 }), { maxLength: 8 }),
        fc.constantFrom<'conflate' | 'buffer'>('conflate', 'buffer'),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom<'complete' | 'error' | 'open'>('complete', 'error', 'open'),
        async (batches, policy, bound, end) => {
          const options = (scheduler: SchedulerLike, onConflated: (n: number) => void): DeliverOptions => ({
            policy, capacity: bound, conflateAbove: bound, overflow, onConflated, scheduler,
          })
          const before = await play((onConflated) => (s) => s.pipe(filter(isA), deliver<A>(options(asapScheduler, onConflated))), batches, end)
          const after = await play((onConflated) => deliverMatching(isA, options(microtaskScheduler, onConflated)), batches, end)
          expect(after).toEqual(before)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('delivers nothing synchronously: a batch arrives on the next microtask', async () => {
    const source = new Subject<V>()
    const seen: number[] = []
    source.pipe(deliverMatching(isA, { policy: 'buffer', capacity: 10, overflow, scheduler: microtaskScheduler })).subscribe((v) => seen.push(v.n))
    source.next({ kind: 'a', symbol: 'X', n: 1 })
    source.next({ kind: 'b', symbol: 'X', n: 2 })
    source.next({ kind: 'a', symbol: 'X', n: 3 })
    expect(seen).toEqual([])
    await Promise.resolve()
    expect(seen).toEqual([1, 3])
  })

  it('delivers nothing after an unsubscribe, even with a drain pending', async () => {
    const source = new Subject<V>()
    const seen: number[] = []
    const sub = source.pipe(deliverMatching(isA, { policy: 'buffer', capacity: 10, overflow, scheduler: microtaskScheduler })).subscribe((v) => seen.push(v.n))
    source.next({ kind: 'a', symbol: 'X', n: 1 })
    sub.unsubscribe()
    await macrotask()
    expect(seen).toEqual([])
  })
})
