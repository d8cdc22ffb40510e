/**
 * Remembers the last `capacity` trade ids per symbol, so a trade the venue sends twice (in a `tradeSnapshot` and a
 * later push, or again in the snapshot after a resubscribe) is emitted once. Memory is bounded: the oldest id is
 * forgotten first.
 */
export interface TradeMemory {
  /** True the first time an id is seen for the symbol (and remembers it); false for a repeat. */
  admit(symbol: string, id: string): boolean
}

/** @param capacity ids kept per symbol. @defaultValue 2_000 */
export const createTradeMemory = (capacity = 2_000): TradeMemory => {
  const bySymbol = new Map<string, { readonly ids: Set<string>; readonly order: string[]; next: number }>()
  return {
    admit(symbol, id) {
      let mem = bySymbol.get(symbol)
      if (mem === undefined) {
        mem = { ids: new Set(), order: [], next: 0 }
        bySymbol.set(symbol, mem)
      }
      if (mem.ids.has(id)) return false
      if (mem.order.length < capacity) mem.order.push(id)
      else {
        const evicted = mem.order[mem.next]
        if (evicted !== undefined) mem.ids.delete(evicted)
        mem.order[mem.next] = id
        mem.next = (mem.next + 1) % capacity
      }
      mem.ids.add(id)
      return true
    },
  }
}
