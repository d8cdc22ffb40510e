import * as E from 'fp-ts/Either'
import type { FeedEvent, InterpretContext, Venue } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { createOkx } from '@tributary/okx'
import { createWeex } from '@tributary/weex'
import { kucoinBench, okxBench, weexBench, type BenchScript, type PumpKind } from './bench-scripts'

const ctx: InterpretContext = { receivedAt: 0, group: 'public', connection: 'public#1', instrument: () => undefined, nextId: () => 1 }

/** What the adapter makes of one rendered frame. */
const eventsOf = (venue: Venue, frame: string): FeedEvent[] => {
  const decoded = venue.spec.decode(frame)
  if (E.isLeft(decoded)) throw decoded.left
  return venue.spec.interpret(decoded.right, ctx).flatMap((m) => (m.type === 'data' ? [...m.events] : []))
}

const cases: readonly (readonly [string, PumpKind, string, BenchScript, Venue, string])[] = [
  ['okx', 'ticker', 'ticker', okxBench(), createOkx(), 'BTC-USDT'],
  ['okx', 'trades', 'trade', okxBench(), createOkx(), 'BTC-USDT'],
  ['kucoin', 'ticker', 'ticker', kucoinBench(), createKucoin(), 'BTC-USDT'],
  ['kucoin', 'trades', 'trade', kucoinBench(), createKucoin(), 'BTC-USDT'],
  ['weex', 'ticker', 'ticker', weexBench(), createWeex(), 'BTCUSDT'],
  ['weex', 'trades', 'trade', weexBench(), createWeex(), 'BTCUSDT'],
]

describe('benchmark simulator frames', () => {
  it.each(cases)('%s %s frames map to a %s whose ts is the send stamp', (_, kind, eventKind, script, venue, symbol) => {
    const stamp = 123_456_789_012
    const event = eventsOf(venue, script.render(kind, symbol, 7, stamp)).find((e) => e.kind === eventKind)
    expect(event).toMatchObject({ kind: eventKind, ts: stamp })
  })
})
