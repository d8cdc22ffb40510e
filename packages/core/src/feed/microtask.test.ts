import type { SchedulerAction } from 'rxjs'
import { microtaskScheduler } from './microtask'

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('microtaskScheduler', () => {
  it('runs scheduled work on a microtask, not synchronously', async () => {
    const ran: string[] = []
    microtaskScheduler.schedule((state) => ran.push(state ?? ''), 0, 'a')
    expect(ran).toEqual([])
    await Promise.resolve()
    expect(ran).toEqual(['a'])
  })

  it('runs work in the order it was scheduled', async () => {
    const ran: number[] = []
    for (const n of [1, 2, 3]) microtaskScheduler.schedule(() => ran.push(n))
    await Promise.resolve()
    expect(ran).toEqual([1, 2, 3])
  })

  it('never runs work unsubscribed before its microtask', async () => {
    const ran: number[] = []
    microtaskScheduler.schedule(() => ran.push(1)).unsubscribe()
    await Promise.resolve()
    expect(ran).toEqual([])
  })

  it('lets work schedule itself again', async () => {
    const ran: number[] = []
    microtaskScheduler.schedule(function (this: SchedulerAction<number>, n = 0) {
      ran.push(n)
      if (n < 2) this.schedule(n + 1)
    }, 0, 0)
    await delay(0)
    expect(ran).toEqual([0, 1, 2])
  })

  it('runs delayed work after its delay, not on the next microtask', async () => {
    const ran: number[] = []
    microtaskScheduler.schedule(() => ran.push(1), 20)
    await Promise.resolve()
    expect(ran).toEqual([])
    await delay(60)
    expect(ran).toEqual([1])
  })
})
