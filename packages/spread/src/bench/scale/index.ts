import type { Measurement } from '../report'
import { summarize } from '../stats'
import { fleetInChild } from './fleet'

export interface ScaleOptions {
  readonly quick: boolean
  readonly log: (line: string) => void
}

/** Levels per side of the scale books (OKX `books`, KuCoin full `/market/level2`, Weex `depth200`). */
const DEPTH = 200

/**
 * 1,000 instruments across the three venues through Tributary's feeds, against the simulator process: the feed
 * shards them into connections within each venue's limits; reported are connections opened, subscribe requests
 * (and channels) per connection, and the time from the first subscribe to every book live.
 */
export const runScale = async (options: ScaleOptions): Promise<Measurement[]> => {
  const books = options.quick ? 300 : 1_000
  const r = await fleetInChild(books, DEPTH)
  const file = `${books} books x ${2 * DEPTH} levels`
  const one = (name: string, venue: string, unit: string, value: number, extra: Partial<Measurement> = {}): Measurement => ({
    benchmark: 'scale', name, venue, file, unit, median: value, min: value, max: value, samples: 1, ...extra,
  })
  options.log(`  scale: ${r.live}/${r.books} live in ${Math.round(r.allLiveMs)} ms; ${r.venues.map((v) => `${v.venue} ${v.connections} conn`).join(', ')}`)
  return [
    one('time to all live', 'all', 'ms', r.allLiveMs, { note: `${r.live}/${r.books} books live` }),
    one('rss', 'all', 'MB', r.rssMB, { note: 'whole client process (simulator in its own process)' }),
    one('heap', 'all', 'MB', r.heapMB - r.baseHeapMB, { note: 'heap growth while holding the books' }),
    ...r.venues.flatMap((v) => [
      one('time to all live', v.venue, 'ms', v.allLiveMs, { note: `${v.live}/${v.books} books live` }),
      one('connections', v.venue, 'count', v.connections),
      { ...one('subscribe ops per connection', v.venue, 'ops', 0), ...summarize(v.subscribeOps), samples: v.subscribeOps.length, note: `per connection: ${v.subscribeOps.join(', ')}` },
      { ...one('channels per connection', v.venue, 'channels', 0), ...summarize(v.channels), samples: v.channels.length, note: `per connection: ${v.channels.join(', ')}` },
    ]),
  ]
}
