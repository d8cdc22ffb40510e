import { testScheduler } from '@tributary/testkit'
import { AuthenticationError, StaleConnectionError } from '../errors'
import { reconnect } from './reconnect'

const stale = new StaleConnectionError('test', 'public#1', 30)

describe('reconnect', () => {
  it('resubscribes after an error, waiting delayMs(attempt)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const socket = cold('  a-#', undefined, stale)
      const expected = '     a----a----a--'
      const subs = ['        ^-!            ',
                    '        -----^-!       ',
                    '        ----------^-!  ']
      expectObservable(socket.pipe(reconnect({ delayMs: () => 3 })), '^------------!').toBe(expected)
      expectSubscriptions(socket.subscriptions).toBe(subs)
    })
  })

  it('waits longer with every consecutive failure', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const socket = cold('#', undefined, stale)
      const subs = ['(^!)', '-(^!)', '---(^!)', '-------(^!)']
      expectObservable(socket.pipe(reconnect({ delayMs: (n) => 2 ** (n - 1) })), '^---------!').toBe('-')
      expectSubscriptions(socket.subscriptions).toBe(subs)
    })
  })

  it('rethrows an unrecoverable error without retrying', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const fatal = new AuthenticationError('test', '60009', 'login failed')
      const socket = cold('a-#', undefined, fatal)
      expectObservable(socket.pipe(reconnect({ delayMs: () => 1 }))).toBe('a-#', undefined, fatal)
      expectSubscriptions(socket.subscriptions).toBe('^-!')
    })
  })

  it('starts again at attempt 1 after a connection stayed open for healthyAfterMs', () => {
    const attempts: number[] = []
    testScheduler().run(({ cold, expectObservable }) => {
      // open at once, fail after 5 ms: healthy when healthyAfterMs ≤ 5
      const socket = cold('o----#', undefined, stale)
      const op = reconnect<string>({ delayMs: (n) => { attempts.push(n); return 1 }, healthyAfterMs: 5 })
      expectObservable(socket.pipe(op), '^-----------------!').toBe('o-----o-----o-----')
    })
    expect(attempts).toEqual([1, 1, 1])
  })

  it('keeps counting attempts while connections fail before proving healthy', () => {
    const attempts: number[] = []
    testScheduler().run(({ cold, expectObservable }) => {
      const socket = cold('o-#', undefined, stale)
      const op = reconnect<string>({ delayMs: (n) => { attempts.push(n); return 1 }, healthyAfterMs: 5 })
      expectObservable(socket.pipe(op), '^-----------!').toBe('o--o--o--o--')
    })
    expect(attempts).toEqual([1, 2, 3, 4])
  })

  it('counts only values that isOpen accepts as a connection opening', () => {
    const attempts: number[] = []
    testScheduler().run(({ cold, expectObservable }) => {
      // 'f' frames never mark the connection open, so it never proves healthy
      const socket = cold('f----#', undefined, stale)
      const op = reconnect<string>({ isOpen: (v) => v === 'o', delayMs: (n) => { attempts.push(n); return 1 }, healthyAfterMs: 1 })
      expectObservable(socket.pipe(op), '^-----------------!').toBe('f-----f-----f-----')
    })
    expect(attempts).toEqual([1, 2, 3])
  })

  it('reports each retry with its attempt and delay before waiting', () => {
    const seen: string[] = []
    testScheduler().run(({ cold, expectObservable }) => {
      const socket = cold('#', undefined, stale)
      const op = reconnect({ delayMs: (n) => n * 2, onRetry: (e, n, d) => seen.push(`${(e as Error).name}:${n}:${d}`) })
      expectObservable(socket.pipe(op), '^-----!').toBe('-')
    })
    expect(seen).toEqual(['StaleConnectionError:1:2', 'StaleConnectionError:2:4'])
  })
})
