import fc from 'fast-check'
import { Subject, type Subscription } from 'rxjs'
import { Fanout } from './fanout'

/** Subscribes a recorder that writes `tag:next:v`, `tag:error:e` and `tag:complete` into `log`. */
const record = (source: Fanout<number> | Subject<number>, tag: string, log: string[]): Subscription =>
  (source instanceof Fanout ? source.observable : source).subscribe({
    next: (v) => log.push(`${tag}:next:${v}`),
    error: (e: unknown) => log.push(`${tag}:error:${String(e)}`),
    complete: () => log.push(`${tag}:complete`),
  })

describe('Fanout', () => {
  it('hands every value to every subscriber, in order', () => {
    const fanout = new Fanout<number>()
    const log: string[] = []
    record(fanout, 'a', log)
    record(fanout, 'b', log)
    fanout.next(1)
    fanout.next(2)
    expect(log).toEqual(['a:next:1', 'b:next:1', 'a:next:2', 'b:next:2'])
  })

  it('gives a subscriber that joins while a value is handed out the next value, not that one', () => {
    const fanout = new Fanout<number>()
    const log: string[] = []
    fanout.observable.subscribe((v) => {
      log.push(`a:next:${v}`)
      if (v === 1) record(fanout, 'late', log)
    })
    fanout.next(1)
    fanout.next(2)
    expect(log).toEqual(['a:next:1', 'a:next:2', 'late:next:2'])
  })

  it('stops handing values to a subscriber that left', () => {
    const fanout = new Fanout<number>()
    const log: string[] = []
    const a = record(fanout, 'a', log)
    fanout.next(1)
    a.unsubscribe()
    fanout.next(2)
    expect(log).toEqual(['a:next:1'])
  })

  it('errors every subscriber, present and later, and hands out no value after the error', () => {
    const fanout = new Fanout<number>()
    const log: string[] = []
    record(fanout, 'a', log)
    fanout.error('boom')
    fanout.next(1)
    record(fanout, 'late', log)
    expect(log).toEqual(['a:error:boom', 'late:error:boom'])
  })

  it('completes every subscriber, present and later, and ignores a later error', () => {
    const fanout = new Fanout<number>()
    const log: string[] = []
    record(fanout, 'a', log)
    fanout.complete()
    fanout.error('boom')
    record(fanout, 'late', log)
    expect(log).toEqual(['a:complete', 'late:complete'])
    expect(fanout.ended).toBe(true)
  })

  it('completes later subscribers without the value when an earlier one completes it while taking that value', () => {
    const run = (source: Fanout<number> | Subject<number>): string[] => {
      const log: string[] = []
      ;(source instanceof Fanout ? source.observable : source).subscribe((v) => {
        log.push(`a:next:${v}`)
        source.complete()
      })
      record(source, 'b', log)
      source.next(1)
      return log
    }
    expect(run(new Fanout<number>())).toEqual(['a:next:1', 'b:complete'])
    expect(run(new Subject<number>())).toEqual(['a:next:1', 'b:complete'])
  })

  it('notifies exactly as an rxjs Subject does for any sequence of joins, leaves, values and ends', () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant('join' as const) }),
      fc.record({ op: fc.constant('leave' as const), who: fc.nat(7) }),
      fc.record({ op: fc.constant('next' as const), value: fc.integer() }),
      fc.record({ op: fc.constant('error' as const), value: fc.integer() }),
      fc.record({ op: fc.constant('complete' as const) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const run = (source: Fanout<number> | Subject<number>): string[] => {
          const log: string[] = []
          const subs: Subscription[] = []
          for (const o of ops) {
            if (o.op === 'join') subs.push(record(source, `s${subs.length}`, log))
            else if (o.op === 'leave') subs[o.who]?.unsubscribe()
            else if (o.op === 'next') source.next(o.value)
            else if (o.op === 'error') source.error(o.value)
            else source.complete()
          }
          return log
        }
        expect(run(new Fanout<number>())).toEqual(run(new Subject<number>()))
      }),
    )
  })
})
