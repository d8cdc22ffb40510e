import type { Trade } from './market'
import { type FeedEvent, isKind } from './events'

const trade: Trade = { kind: 'trade', venue: 'okx', symbol: 'BTC/USDT', ts: 1, receivedAt: 2, id: '1', price: 1, size: 1, side: 'sell' }
const events: readonly FeedEvent[] = [
  trade,
  { kind: 'connection', venue: 'okx', connection: 'public#1', state: 'open', ts: 1, receivedAt: 1 },
  { kind: 'quote', venue: 'okx', symbol: 'BTC/USDT', ts: 1, receivedAt: 2, bid: 1, bidSize: 1, ask: 2, askSize: 1 },
]

describe('isKind', () => {
  it('keeps only the events of one kind, typed as that kind', () => {
    const trades: readonly Trade[] = events.filter(isKind('trade'))
    expect(trades).toEqual([trade])
  })

  it('keeps nothing when no event has the kind', () => {
    expect(events.filter(isKind('fill'))).toEqual([])
  })
})
