import type { SequenceRule, SequenceVerdict } from '../venue'
import { update } from './__tests__/events'
import { chainedSequence, contiguousRange, overlappingRange } from './sequence'

type Row = readonly [description: string, last: number, prevSeq: number | undefined, seq: number | undefined, empty: boolean, verdict: SequenceVerdict]

const judge = (rule: SequenceRule, [, last, prevSeq, seq, empty]: Row) =>
  rule(
    last,
    update({
      ...(prevSeq === undefined ? {} : { prevSeq }),
      ...(seq === undefined ? {} : { seq }),
      ...(empty ? {} : { bids: [[10, 1]] }),
    }),
  )

describe('chainedSequence', () => {
  it.each<Row>([
    ['applies an update that follows the last sequence', 100, 100, 105, false, 'apply'],
    ['skips an empty heartbeat with seq === prevSeq === last', 100, 100, 100, true, 'skip'],
    ['applies a non-empty update with seq === prevSeq === last', 100, 100, 100, false, 'apply'],
    ['skips a duplicate of an applied update', 105, 100, 105, false, 'skip'],
    ['skips an older update', 105, 90, 95, false, 'skip'],
    ['reports a gap when prevSeq is beyond the last sequence', 100, 103, 105, false, 'gap'],
    ['reports a gap for a heartbeat that is ahead', 100, 102, 102, true, 'gap'],
    ['reports a reset when seq < prevSeq', 100, 100, 5, false, 'reset'],
    ['applies an update without a sequence (trusted in order)', 100, undefined, undefined, false, 'apply'],
    ['applies an update without prevSeq that is newer', 100, undefined, 101, false, 'apply'],
    ['skips an update without prevSeq that is not newer', 100, undefined, 100, false, 'skip'],
  ])('%s', (...row) => {
    expect(judge(chainedSequence, row)).toBe(row[5])
  })
})

describe('contiguousRange', () => {
  it.each<Row>([
    ['applies the next range (start = last + 1)', 100, 100, 101, false, 'apply'],
    ['applies a range that overlaps the last sequence with new data', 100, 97, 103, false, 'apply'],
    ['skips a range that ends at the last sequence', 100, 99, 100, false, 'skip'],
    ['skips a duplicate range', 101, 100, 101, false, 'skip'],
    ['reports a gap when the range starts after last + 1', 100, 101, 102, false, 'gap'],
    ['reports a reset when seq < prevSeq', 100, 200, 50, false, 'reset'],
  ])('%s', (...row) => {
    expect(judge(contiguousRange, row)).toBe(row[5])
  })
})

describe('overlappingRange', () => {
  it.each<Row>([
    ['applies a range that starts at last + 1', 100, 101, 105, false, 'apply'],
    ['applies a range that starts at the last sequence', 100, 100, 105, false, 'apply'],
    ['applies a range that overlaps with new data', 100, 95, 105, false, 'apply'],
    ['skips a range already covered', 105, 101, 105, false, 'skip'],
    ['reports a gap when the range starts after last + 1', 100, 102, 105, false, 'gap'],
    ['reports a reset when seq < prevSeq', 100, 200, 50, false, 'reset'],
  ])('%s', (...row) => {
    expect(judge(overlappingRange, row)).toBe(row[5])
  })
})
