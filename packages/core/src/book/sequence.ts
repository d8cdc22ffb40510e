import type { BookUpdate } from '../model/book'
import type { SequenceRule, SequenceVerdict } from '../venue'

/** Without its own sequence an update cannot be judged; without `prevSeq` only staleness can. */
const unjudged = (lastSeq: number, update: BookUpdate): SequenceVerdict | undefined => {
  if (update.seq === undefined) return 'apply'
  if (update.prevSeq === undefined) return update.seq <= lastSeq ? 'skip' : 'apply'
  return update.seq < update.prevSeq ? 'reset' : undefined
}

const isEmpty = (update: BookUpdate): boolean => update.bids.length === 0 && update.asks.length === 0

/**
 * Each update names the sequence it follows: `prevSeq` must equal the last one. An empty update with
 * `seq === prevSeq === last` is a heartbeat (skip); an update already covered (`seq <= last`) is a duplicate (skip);
 * `seq < prevSeq` is a venue reset; anything else is a gap. Sequences need not step by 1.
 */
export const chainedSequence: SequenceRule = (lastSeq, update) => {
  const early = unjudged(lastSeq, update)
  if (early !== undefined) return early
  const { seq = lastSeq, prevSeq } = update
  if (prevSeq === lastSeq) return seq === prevSeq && isEmpty(update) ? 'skip' : 'apply'
  return seq <= lastSeq ? 'skip' : 'gap'
}

/**
 * Each update covers the range (`prevSeq`, `seq`]. It applies when it starts at the last sequence or overlaps it
 * with new data (sizes are absolute, so replaying the overlap is idempotent); a range already covered is skipped;
 * a range that starts beyond the last sequence is a gap. `seq < prevSeq` is a reset.
 */
export const contiguousRange: SequenceRule = (lastSeq, update) => {
  const early = unjudged(lastSeq, update)
  if (early !== undefined) return early
  const { seq = lastSeq, prevSeq = lastSeq } = update
  if (seq <= lastSeq) return 'skip'
  return prevSeq <= lastSeq ? 'apply' : 'gap'
}

/**
 * Each update covers [`prevSeq`, `seq`] (`prevSeq` is the first sequence it contains): it applies when
 * `prevSeq <= last + 1` and it brings something new (`seq > last`); covered ranges are skipped; anything later is
 * a gap. `seq < prevSeq` is a reset.
 */
export const overlappingRange: SequenceRule = (lastSeq, update) => {
  const early = unjudged(lastSeq, update)
  if (early !== undefined) return early
  const { seq = lastSeq, prevSeq = lastSeq } = update
  if (seq <= lastSeq) return 'skip'
  return prevSeq <= lastSeq + 1 ? 'apply' : 'gap'
}
