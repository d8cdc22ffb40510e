import type { Simulator } from '@tributary/testkit'
import { injectFault, pickFault } from './faults'
import { seededRandom } from './market'

const recordingSim = () => {
  const calls: string[] = []
  const faults = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => void calls.push(`${String(name)}(${args.map((a) => JSON.stringify(a)).join(',')})`) })
  const sim = { faults, after: (ms: number, fn: () => void) => (calls.push(`after(${ms})`), fn(), () => undefined) } as unknown as Simulator
  return { sim, calls }
}

describe('injectFault', () => {
  it.each([
    ['drop', ['dropConnections({"code":1001,"reason":"simulated outage"})']],
    ['silence', ['silence(true)', 'after(4000)', 'silence(false)']],
    ['gap', ['skipSequence()']],
    ['checksum', ['corruptChecksum()']],
    ['malformed', ['sendMalformed()']],
    ['schema', ['sendSchemaFailure()']],
  ] as const)('%s flips the matching switch', (fault, expected) => {
    const { sim, calls } = recordingSim()
    const injected = injectFault('okx', sim, fault)
    expect([calls, injected.venue, injected.fault]).toEqual([expected, 'okx', fault])
  })
})

describe('pickFault', () => {
  it('picks the same faults for the same seed', () => {
    const picks = (seed: number) => {
      const random = seededRandom(seed)
      return Array.from({ length: 5 }, () => pickFault(['okx', 'kucoin', 'weex'], ['drop', 'gap'], random))
    }
    expect(picks(4)).toEqual(picks(4))
  })

  it('picks nothing from an empty list', () => {
    expect(pickFault([], ['drop'], () => 0.5)).toBeUndefined()
  })
})
