import { SIM_VENUES, type SimVenue } from './protocol'

/** Latencies (µs) and delivered counts per venue, recorded by a consumer that keeps up. */
export interface Recorder {
  /** Records one delivered frame of `venue`, `us` after it was sent. */
  record(venue: SimVenue, us: number): void
  /** The latencies recorded since the last reset, in the order they were recorded (a copy). */
  latencies(): Float64Array
  readonly delivered: Readonly<Record<SimVenue, number>>
  reset(): void
}

/**
 * A recorder whose latencies go into a preallocated typed array (doubled, never dropped, when full): recording costs
 * the consumer one store, where a growing JS array costs every client under test young-generation garbage and
 * large copies that a real consumer would not pay.
 */
export const createRecorder = (capacity = 1 << 17): Recorder => {
  let store = new Float64Array(capacity)
  let count = 0
  const delivered: Record<SimVenue, number> = { okx: 0, kucoin: 0, weex: 0 }
  return {
    record(venue, us) {
      if (count === store.length) {
        const grown = new Float64Array(store.length * 2)
        grown.set(store)
        store = grown
      }
      store[count++] = us
      delivered[venue]++
    },
    latencies: () => store.slice(0, count),
    delivered,
    reset() {
      count = 0
      for (const v of SIM_VENUES) delivered[v] = 0
    },
  }
}
