import { createTradeMemory } from './trade-memory'

describe('createTradeMemory', () => {
  it('admits an id once per symbol', () => {
    const memory = createTradeMemory(4)
    expect([memory.admit('A', '1'), memory.admit('A', '1'), memory.admit('B', '1')]).toEqual([true, false, true])
  })

  it('forgets the oldest id once full', () => {
    const memory = createTradeMemory(2)
    memory.admit('A', '1')
    memory.admit('A', '2')
    memory.admit('A', '3')
    expect([memory.admit('A', '3'), memory.admit('A', '2'), memory.admit('A', '1')]).toEqual([false, false, true])
  })
})
