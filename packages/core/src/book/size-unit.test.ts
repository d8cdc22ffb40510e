import type { OrderBook } from '../model/book'
import { snapshot, update } from './__tests__/events'
import { feed, machineWith, streamRules } from './__tests__/machine-helpers'
import type { BookEffect } from './types'

const contracts = { sizeUnit: 'contracts' } as const
const bookOf = (effects: readonly BookEffect[]): OrderBook | undefined => effects.flatMap((e) => (e.type === 'book' ? [e.book] : []))[0]

describe('createBookMachine with contract-sized events', () => {
  it('marks the books of a contract-sized snapshot and its updates with sizeUnit contracts', () => {
    const machine = machineWith(streamRules)
    const books = [
      machine.handle({ type: 'event', event: { ...snapshot({ seq: 1, bids: [[10, 431]], asks: [[11, 12]] }), ...contracts } }),
      machine.handle({ type: 'event', event: { ...update({ prevSeq: 1, seq: 2, bids: [[10, 5]] }), ...contracts } }),
    ].map(bookOf)
    expect(books.map((b) => [b?.sizeUnit, b?.bestBid?.[1]])).toEqual([['contracts', 431], ['contracts', 5]])
  })

  it('leaves books of base-unit events unmarked, in JSON too', () => {
    const book = bookOf(machineWith(streamRules).handle({ type: 'event', event: snapshot({ seq: 1, bids: [[10, 1]] }) }))
    expect([book !== undefined && 'sizeUnit' in book, JSON.parse(JSON.stringify(book)) as object]).toEqual([false, expect.not.objectContaining({ sizeUnit: expect.anything() })])
  })

  it('resyncs instead of mixing a base-unit update into a contract-sized book', () => {
    const machine = machineWith(streamRules)
    const effects = feed(machine, [
      { type: 'event', event: { ...snapshot({ seq: 1, bids: [[10, 431]], asks: [[11, 12]] }), ...contracts } },
      { type: 'event', event: update({ prevSeq: 1, seq: 2, bids: [[10, 4.31]] }) },
    ])
    expect([effects[1], machine.status]).toEqual([['live→resyncing (size-unit-changed)', 'resubscribe size-unit-changed #1'], 'resyncing'])
  })
})
