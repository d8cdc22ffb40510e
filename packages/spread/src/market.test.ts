import { applyInput, connectionOf, createBoard, marketKey, type MarketBoard, type MarketInput } from './market'
import { book, bookState, connection, quote } from './__tests__/fixtures'

const fold = (inputs: readonly MarketInput[], board: MarketBoard = createBoard([{ venue: 'okx', symbol: 'BTC/USDT' }])): MarketBoard => inputs.reduce(applyInput, board)
const okx = (board: MarketBoard) => board.markets.get(marketKey('okx', 'BTC/USDT'))

describe('applyInput', () => {
  it('takes the touch of a live book with its sizes and receive time', () => {
    const m = okx(fold([book('okx', 'BTC/USDT', [[100, 2], [99, 5]], [[101, 3]], { receivedAt: 1_234 })]))
    expect(m).toMatchObject({ bid: { price: 100, size: 2 }, ask: { price: 101, size: 3 }, receivedAt: 1_234, source: 'book', book: 'live' })
  })

  it('ignores markets it does not watch', () => {
    const board = createBoard([{ venue: 'okx', symbol: 'BTC/USDT' }])
    expect(applyInput(board, book('okx', 'ETH/USDT', [[1, 1]], [[2, 1]]))).toBe(board)
  })

  it('keeps the last touch but records the state when the book leaves live', () => {
    const m = okx(fold([book('okx', 'BTC/USDT', [[100, 2]], [[101, 3]]), bookState('okx', 'BTC/USDT', 'resyncing', 'live', 'public#1')]))
    expect(m).toMatchObject({ bid: { price: 100, size: 2 }, book: 'resyncing', bookReason: 'test resyncing', connectionId: 'public#1' })
  })

  it('lets a book outrank a quote stream for the same market', () => {
    const m = okx(fold([book('okx', 'BTC/USDT', [[100, 2]], [[101, 3]]), quote('okx', 'BTC/USDT', 90, 1, 91, 1)]))
    expect(m?.bid).toEqual({ price: 100, size: 2 })
  })

  it('counts a resync once per episode and a reconnect once per outage', () => {
    const board = fold([
      bookState('okx', 'BTC/USDT', 'resyncing', 'live'),
      bookState('okx', 'BTC/USDT', 'resyncing', 'resyncing'),
      connection('okx', 'public#1', 'reconnecting'),
      connection('okx', 'public#1', 'reconnecting'),
      connection('okx', 'public#1', 'open'),
      connection('okx', 'public#1', 'reconnecting'),
    ])
    expect(board.counters.get('okx')).toEqual({ reconnects: 2, resyncs: 1 })
  })

  it('counts a book rebuilt after its connection came back as a resync', () => {
    const board = fold([
      bookState('okx', 'BTC/USDT', 'live', 'syncing'),
      bookState('okx', 'BTC/USDT', 'stale', 'live'),
      bookState('okx', 'BTC/USDT', 'syncing', 'stale'),
      bookState('okx', 'BTC/USDT', 'live', 'syncing'),
    ])
    expect(board.counters.get('okx')).toEqual({ reconnects: 0, resyncs: 1 })
  })

  it('flags a market whose stream failed', () => {
    expect(okx(fold([{ kind: 'market-failure', venue: 'okx', symbol: 'BTC/USDT', message: 'okx: rejected: 60018' }]))?.failure).toBe('okx: rejected: 60018')
  })
})

describe('contract-sized inputs', () => {
  const contracts = { sizeUnit: 'contracts' } as const

  it('takes the prices of a contract-sized book, with sizes 0 and the market marked contracts', () => {
    const m = okx(fold([{ ...book('okx', 'BTC/USDT', [[100, 431]], [[101, 12]]), ...contracts }]))
    expect([m?.bid, m?.ask, m?.sizeUnit]).toEqual([{ price: 100, size: 0 }, { price: 101, size: 0 }, 'contracts'])
  })

  it('takes the prices of a contract-sized quote, with sizes 0', () => {
    const m = okx(fold([{ ...quote('okx', 'BTC/USDT', 100, 431, 101, 12), ...contracts }]))
    expect([m?.bid, m?.ask, m?.sizeUnit]).toEqual([{ price: 100, size: 0 }, { price: 101, size: 0 }, 'contracts'])
  })

  it('drops the mark when base-unit sizes arrive', () => {
    const m = okx(fold([{ ...book('okx', 'BTC/USDT', [[100, 431]], [[101, 12]]), ...contracts }, book('okx', 'BTC/USDT', [[100, 4.31]], [[101, 0.12]])]))
    expect([m?.bid, m?.sizeUnit]).toEqual([{ price: 100, size: 4.31 }, undefined])
  })
})

describe('a market failure', () => {
  it('is cleared when data flows again', () => {
    const failed = { kind: 'market-failure', venue: 'okx', symbol: 'BTC/USDT', message: 'request failed' } as const
    expect(okx(fold([failed, book('okx', 'BTC/USDT', [[100, 2]], [[101, 3]])]))?.failure).toBeUndefined()
  })
})

describe('connectionOf', () => {
  it("uses the market's own connection when the feed named it", () => {
    const board = fold([connection('okx', 'public#1', 'open'), connection('okx', 'public#2', 'reconnecting'), bookState('okx', 'BTC/USDT', 'live', 'syncing', 'public#1')])
    const m = okx(board)
    expect(m && connectionOf(board, m)).toBe('open')
  })

  it("falls back to the worst of the venue's connections", () => {
    const board = fold([connection('okx', 'public#1', 'open'), connection('okx', 'public#2', 'reconnecting')])
    const m = okx(board)
    expect(m && connectionOf(board, m)).toBe('reconnecting')
  })

  it('is unknown when the venue reported no connection', () => {
    const board = fold([])
    const m = okx(board)
    expect(m && connectionOf(board, m)).toBeUndefined()
  })
})
