import type { VenueChannel } from '../venue'
import { toBatches } from './batches'

const ch = (topic: string, batch?: string): VenueChannel => ({
  key: topic, group: 'public', topic, request: { kind: 'ticker', symbol: topic }, ...(batch === undefined ? {} : { batch }),
})
const topics = (requests: VenueChannel[][]): string[][] => requests.map((r) => r.map((c) => c.topic))

describe('toBatches', () => {
  it.each([
    ['one request when under the limit', [ch('a'), ch('b')], 10, [['a', 'b']]],
    ['chunks of maxChannelsPerRequest', [ch('a'), ch('b'), ch('c')], 2, [['a', 'b'], ['c']]],
    ['separate requests per batch key', [ch('a', 'l2'), ch('b', 'ticker'), ch('c', 'l2')], 10, [['a', 'c'], ['b']]],
    ['at least one channel per request', [ch('a'), ch('b')], 0, [['a'], ['b']]],
    ['nothing for no channels', [], 5, []],
  ])('%s', (_name, channels, perRequest, expected) => {
    expect(topics(toBatches(channels, 'public', perRequest))).toEqual(expected)
  })
})
