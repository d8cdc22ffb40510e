import { assessMarket } from './health'
import { applyInput, createBoard, marketKey, type MarketInput } from './market'
import { book, bookState, connection, quote } from './__tests__/fixtures'

const flagsAfter = (inputs: readonly MarketInput[], now = 1_000, maxAgeMs = 2_000) => {
  const board = inputs.reduce(applyInput, createBoard([{ venue: 'okx', symbol: 'BTC/USDT' }]))
  const market = board.markets.get(marketKey('okx', 'BTC/USDT'))
  if (market === undefined) throw new Error('market not watched')
  return assessMarket(board, market, { now, maxAgeMs })
}

describe('assessMarket', () => {
  it('finds nothing wrong with a fresh live book on an open connection', () => {
    const view = flagsAfter([connection('okx', 'public#1', 'open'), book('okx', 'BTC/USDT', [[100, 1]], [[101, 1]], { receivedAt: 900 })])
    expect(view).toMatchObject({ flags: [], ageMs: 100, connection: 'open', book: 'live' })
  })

  it('flags a market that has quoted nothing yet', () => {
    expect(flagsAfter([]).flags).toEqual(['no-quote'])
  })

  it('flags a book that is resyncing', () => {
    expect(flagsAfter([book('okx', 'BTC/USDT', [[100, 1]], [[101, 1]]), bookState('okx', 'BTC/USDT', 'resyncing', 'live')]).flags).toEqual(['book-not-live'])
  })

  it('flags a market whose connection is down', () => {
    expect(flagsAfter([book('okx', 'BTC/USDT', [[100, 1]], [[101, 1]]), connection('okx', 'public#1', 'reconnecting')]).flags).toEqual(['connection-down'])
  })

  it('flags a quote older than the allowed age, and not one exactly at it', () => {
    const at = (now: number) => flagsAfter([quote('okx', 'BTC/USDT', 100, 1, 101, 1, 1_000)], now, 2_000).flags
    expect([at(3_000), at(3_001)]).toEqual([[], ['quote-stale']])
  })

  it('keeps a contract-sized market usable, with its size flagged apart from its flags', () => {
    const view = flagsAfter([{ ...book('okx', 'BTC/USDT', [[100, 431]], [[101, 12]], { receivedAt: 900 }), sizeUnit: 'contracts' }])
    expect([view.flags, view.sizeFlags, view.bid]).toEqual([[], ['size-unit-contracts'], { price: 100, size: 0 }])
  })

  it('has no size flags for base-unit sizes', () => {
    expect(flagsAfter([book('okx', 'BTC/USDT', [[100, 1]], [[101, 1]])])).not.toHaveProperty('sizeFlags')
  })

  it('lists every reason at once', () => {
    const view = flagsAfter(
      [book('okx', 'BTC/USDT', [[100, 1]], [[101, 1]], { receivedAt: 0 }), bookState('okx', 'BTC/USDT', 'stale', 'live'), connection('okx', 'public#1', 'closed')],
      10_000,
    )
    expect(view.flags).toEqual(['book-not-live', 'connection-down', 'quote-stale'])
  })
})
