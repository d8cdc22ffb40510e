import * as E from 'fp-ts/Either'
import { toIssues } from '../codec/decode'
import { BookLevel, BookSnapshot, BookState, BookStatus, BookUpdate } from './book'

const pathsOf = (result: E.Either<Parameters<typeof toIssues>[0], unknown>): readonly string[] =>
  E.isLeft(result) ? toIssues(result.left).map((i) => i.path) : []

// Values from weex/weex-contract-v3-2026-09-06-btcusdt-depth-ticker-kline.jsonl (first delta after the snapshot).
const update: BookUpdate = {
  kind: 'book-update',
  venue: 'weex',
  symbol: 'BTC/USDT:USDT',
  ts: 1788692246314,
  receivedAt: 1788692246417,
  bids: [[79979.8, 2.8356, '79979.8', '2.8356'], [79977.9, 0, '79977.9', '0']],
  asks: [[79979.9, 2.5579, '79979.9', '2.5579']],
  seq: 16786244424,
  prevSeq: 16786244375,
  depth: 15,
}

// Values from okx/okx-v5-2022-02-27-books-l2-tbt.jsonl; sizes converted from contracts, raw sizes as sent.
const snapshot: BookSnapshot = {
  kind: 'book-snapshot',
  venue: 'okx',
  symbol: 'UNI/USD:UNI',
  ts: 1646003667640,
  receivedAt: 1646003667879,
  bids: [[9.617, 458.564, '9.617', '441']],
  asks: [],
  checksum: -980833328,
}

describe('BookLevel', () => {
  it('decodes [price, size, rawPrice, rawSize]', () => {
    expect(BookLevel.decode([9.617, 441, '9.617', '441'])).toEqual(E.right([9.617, 441, '9.617', '441']))
  })

  it.each([
    [[9.617, 441, '9.617'], ['3']],
    [['9.617', 441, '9.617', '441'], ['0']],
    [[9.617, 441, 9.617, '441'], ['2']],
    [[NaN, 441, '9.617', '441'], ['0']],
    [[9.617, Infinity, '9.617', '441'], ['1']],
  ])('rejects %p at %p', (level, paths) => {
    expect(pathsOf(BookLevel.decode(level))).toEqual(paths)
  })
})

describe('BookUpdate', () => {
  it('decodes an update with its sequence fields', () => {
    expect(BookUpdate.decode(update)).toEqual(E.right(update))
  })

  it('decodes an update without the optional sequence, checksum and depth', () => {
    const { seq: _seq, prevSeq: _prev, depth: _depth, ...bare } = update
    expect(E.isRight(BookUpdate.decode(bare))).toBe(true)
  })

  it('rejects a snapshot given as an update', () => {
    expect(pathsOf(BookUpdate.decode(snapshot))).toEqual(['kind'])
  })

  it('names the level and index of a bad size', () => {
    expect(pathsOf(BookUpdate.decode({ ...update, asks: [[79979.9, '2.5579', '79979.9', '2.5579']] }))).toEqual(['asks.0.1'])
  })

  it('rejects a sequence that is not a number', () => {
    expect(pathsOf(BookUpdate.decode({ ...update, seq: '16786244424' }))).toEqual(['seq'])
  })

  it('rejects a missing receive time', () => {
    const { receivedAt: _r, ...rest } = update
    expect(pathsOf(BookUpdate.decode(rest))).toEqual(['receivedAt'])
  })
})

describe('BookSnapshot', () => {
  it('decodes a snapshot with its checksum', () => {
    expect(BookSnapshot.decode(snapshot)).toEqual(E.right(snapshot))
  })

  it('decodes a snapshot whose sizes are contracts as sent', () => {
    const contracts: BookSnapshot = { ...snapshot, bids: [[9.617, 441, '9.617', '441']], sizeUnit: 'contracts' }
    expect(BookSnapshot.decode(contracts)).toEqual(E.right(contracts))
  })

  it('rejects a size unit other than contracts', () => {
    expect(pathsOf(BookSnapshot.decode({ ...snapshot, sizeUnit: 'base' }))).toEqual(['sizeUnit'])
  })

  it('rejects a side that is not a list of levels', () => {
    expect(pathsOf(BookSnapshot.decode({ ...snapshot, bids: {} }))).toEqual(['bids'])
  })
})

describe('BookState', () => {
  const state: BookState = { kind: 'book-state', venue: 'okx', symbol: 'BTC/USDT', ts: 1, receivedAt: 1, state: 'resyncing', reason: 'checksum-mismatch', previous: 'live' }

  it('decodes a status change with its reason', () => {
    expect(BookState.decode(state)).toEqual(E.right(state))
  })

  it('rejects an unknown status', () => {
    expect(pathsOf(BookState.decode({ ...state, state: 'broken' }))).toEqual(['state'])
  })

  it('lists the four statuses', () => {
    expect(Object.keys(BookStatus.keys)).toEqual(['syncing', 'live', 'resyncing', 'stale'])
  })
})

// Compile-time: the types derived from the codecs are readonly all the way down (tsc fails if not).
export const readonlyChecks = (u: BookUpdate, level: BookLevel): void => {
  // @ts-expect-error kind is readonly
  u.kind = 'book-update'
  // @ts-expect-error sides are readonly arrays
  u.bids.push(level)
  // @ts-expect-error levels are readonly tuples
  level[0] = 1
}
