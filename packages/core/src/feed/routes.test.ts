import fc from 'fast-check'
import { Routes } from './routes'

describe('Routes', () => {
  it('finds what was set under a topic, again and again', () => {
    const routes = new Routes<number>()
    routes.set('trades:BTC-USDT', 1)
    expect([routes.get('trades:BTC-USDT'), routes.get(['trades', 'BTC-USDT'].join(':'))]).toEqual([1, 1])
  })

  it('forgets a topic deleted right after it was looked up', () => {
    const routes = new Routes<number>()
    routes.set('a', 1)
    routes.get('a')
    routes.delete('a')
    expect(routes.get('a')).toBeUndefined()
  })

  it('finds a topic set right after a lookup missed it', () => {
    const routes = new Routes<number>()
    expect(routes.get('a')).toBeUndefined()
    routes.set('a', 2)
    expect(routes.get('a')).toBe(2)
  })

  it('answers every lookup as a Map would, for any sequence of sets, deletes and lookups', () => {
    const topic = fc.constantFrom('a', 'b', 'c')
    const op = fc.oneof(
      fc.record({ op: fc.constant('set' as const), topic, value: fc.integer() }),
      fc.record({ op: fc.constant('delete' as const), topic }),
      fc.record({ op: fc.constant('get' as const), topic }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const routes = new Routes<number>()
        const map = new Map<string, number>()
        for (const o of ops) {
          if (o.op === 'set') {
            routes.set(o.topic, o.value)
            map.set(o.topic, o.value)
          } else if (o.op === 'delete') {
            routes.delete(o.topic)
            map.delete(o.topic)
          } else expect(routes.get(o.topic)).toBe(map.get(o.topic))
        }
      }),
    )
  })
})
