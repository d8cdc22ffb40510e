import type { ResyncReason } from '../errors'
import type { BookSnapshot, BookStatus, BookUpdate, OrderBook } from '../model/book'
import type { SizeUnit } from '../model/common'
import { snapshotSourceOf } from '../venue'
import { L2Book } from './l2-book'
import type { BookEffect, BookInput, BookMachine, BookMachineOptions, BookStats } from './types'
import type { BookView, ViewMeta } from './view'

type Stamp = { readonly ts: number; readonly receivedAt: number }
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * Creates the state machine of one L2 book: `syncing → live → resyncing → live`, and `stale` while its connection
 * is down. Snapshots and updates are judged by `rules.sequence`, verified by `rules.checksum`, checked for a
 * crossed book and truncated to `rules.maxDepth`; a failure rebuilds this book alone (a `resubscribe` effect for
 * stream-snapshot venues, `fetch-snapshot` for REST-snapshot venues, whose updates are buffered meanwhile and
 * replayed on the snapshot). A book is published only while live.
 * @example
 * const machine = createBookMachine({ venue: 'okx', symbol: 'BTC/USDT', channel, rules, now: Date.now })
 * for (const event of events) for (const effect of machine.handle({ type: 'event', event })) publish(effect)
 */
export function createBookMachine(options: BookMachineOptions): BookMachine {
  const { venue, symbol, channel, rules, now, maxBuffered = 10_000, healthyAfterMs = 30_000 } = options
  const fromRest = snapshotSourceOf(rules, channel).source === 'rest'
  const maxDepth = rules.maxDepth?.(channel)
  const stats: Mutable<BookStats> = {
    applied: 0,
    skipped: 0,
    checksumsVerified: 0,
    checksumMismatches: 0,
    sequenceGaps: 0,
    resyncs: 0,
  }
  const book = new L2Book()
  let status: BookStatus = 'syncing'
  let lastSeq: number | undefined
  /** The unit of the snapshot's sizes; every update must share it. */
  let unit: SizeUnit | undefined
  let published: BookView | undefined
  let liveSince = 0
  let attempt = 0
  /** REST: a `fetch-snapshot` is outstanding. */
  let fetching = false
  /** Stream: a `resubscribe` is outstanding; deltas are skipped until its snapshot. */
  let resubscribed = false
  let lastReason: ResyncReason = 'delta-before-snapshot'
  let buffer: BookUpdate[] = []
  /** The view the checksum was verified on, and its event: publishing that event reuses it (the book is unchanged). */
  let checkedEvent: BookSnapshot | BookUpdate | undefined
  let checkedView: BookView | undefined
  /** Filled in for each view (the view copies it). */
  const meta: Mutable<ViewMeta> = { venue, symbol, status: 'live', seq: undefined, ts: 0, receivedAt: 0, sizeUnit: undefined }

  const clock = (): Stamp => {
    const t = now()
    return { ts: t, receivedAt: t }
  }

  const moveTo = (state: BookStatus, reason: string, at: Stamp): BookEffect[] => {
    if (state === status) return []
    const previous = status
    status = state
    if (state === 'live') liveSince = now()
    else published = undefined
    return [{ type: 'state', state: { kind: 'book-state', venue, symbol, ts: at.ts, receivedAt: at.receivedAt, state, reason, previous } }]
  }

  const reset = (): void => {
    book.clear()
    checkedEvent = undefined
    checkedView = undefined
    lastSeq = undefined
    buffer = []
    fetching = false
    resubscribed = false
  }

  const push = (update: BookUpdate): void => {
    buffer.push(update)
    if (buffer.length > maxBuffered) buffer.splice(0, buffer.length - maxBuffered)
  }

  const resync = (reason: ResyncReason, at: Stamp, keep: readonly BookUpdate[] = []): BookEffect[] => {
    if (status === 'live' && now() - liveSince >= healthyAfterMs) attempt = 0
    attempt++
    stats.resyncs++
    const effects = moveTo(status === 'live' ? 'resyncing' : status, reason, at)
    reset()
    if (fromRest) {
      buffer = keep.slice(-maxBuffered)
      fetching = true
      effects.push({ type: 'fetch-snapshot', attempt, reason })
    } else {
      resubscribed = true
      lastReason = reason
      effects.push({ type: 'resubscribe', reason, attempt })
    }
    return effects
  }

  const judge = (update: BookUpdate) =>
    rules.sequence === undefined || lastSeq === undefined ? 'apply' : rules.sequence(lastSeq, update)

  const viewOf = (event: BookSnapshot | BookUpdate): BookView => {
    if (checkedEvent === event && checkedView !== undefined) return checkedView
    meta.seq = lastSeq
    meta.ts = event.ts
    meta.receivedAt = event.receivedAt
    meta.sizeUnit = unit
    return book.view(meta)
  }

  /** Truncates, then verifies the checksum and crossing; returns the reason to resync, if any. */
  const verify = (event: BookSnapshot | BookUpdate): ResyncReason | undefined => {
    const depth = maxDepth ?? event.depth
    if (depth !== undefined) book.truncate(depth)
    checkedEvent = undefined
    if (rules.checksum !== undefined && event.checksum !== undefined) {
      const view = viewOf(event)
      checkedEvent = event
      checkedView = view
      if (rules.checksum(view) !== event.checksum) {
        stats.checksumMismatches++
        return 'checksum-mismatch'
      }
      stats.checksumsVerified++
    }
    return rules.allowCrossed !== true && book.crossed ? 'crossed-book' : undefined
  }

  /** Applies an update to a live book (or during replay), then verifies it. */
  const applyUpdate = (update: BookUpdate): ResyncReason | undefined => {
    if (update.sizeUnit !== unit) return 'size-unit-changed'
    book.apply(update)
    if (update.seq !== undefined) lastSeq = update.seq
    stats.applied++
    return verify(update)
  }

  const publish = (event: BookSnapshot | BookUpdate): BookEffect => {
    published = viewOf(event)
    checkedEvent = undefined
    checkedView = undefined
    return { type: 'book', book: published }
  }

  const onSnapshot = (snapshot: BookSnapshot): BookEffect[] => {
    const pending = buffer
    reset()
    book.replace(snapshot)
    unit = snapshot.sizeUnit
    lastSeq = snapshot.seq
    stats.applied++
    const failure = verify(snapshot)
    if (failure !== undefined) return resync(failure, snapshot, pending)
    let applied = false
    let last: BookSnapshot | BookUpdate = snapshot
    for (let i = 0; i < pending.length; i++) {
      const update = pending[i] as BookUpdate
      const verdict = judge(update)
      if (verdict === 'skip') {
        stats.skipped++
        continue
      }
      if (verdict === 'gap' || verdict === 'reset') {
        stats.sequenceGaps++
        const reason = verdict === 'reset' ? 'sequence-reset' : applied ? 'sequence-gap' : 'snapshot-too-old'
        return resync(reason, update, pending.slice(i))
      }
      applied = true
      last = update
      const broken = applyUpdate(update)
      if (broken !== undefined) return resync(broken, update)
    }
    const effects = moveTo('live', fromRest ? 'snapshot-aligned' : 'snapshot', last)
    effects.push(publish(last))
    return effects
  }

  const onUpdate = (update: BookUpdate): BookEffect[] => {
    if (status === 'live') {
      const verdict = judge(update)
      if (verdict === 'skip') {
        stats.skipped++
        return []
      }
      if (verdict === 'gap' || verdict === 'reset') {
        stats.sequenceGaps++
        return resync(verdict === 'reset' ? 'sequence-reset' : 'sequence-gap', update, [update])
      }
      const broken = applyUpdate(update)
      return broken === undefined ? [publish(update)] : resync(broken, update)
    }
    if (fromRest) {
      push(update)
      if (fetching || status === 'stale') return []
      fetching = true
      attempt = 1
      return [{ type: 'fetch-snapshot', attempt }]
    }
    if (resubscribed || status === 'stale') {
      stats.skipped++
      return []
    }
    stats.skipped++
    return resync('delta-before-snapshot', update)
  }

  const handle = (input: BookInput): readonly BookEffect[] => {
    switch (input.type) {
      case 'event':
        return input.event.kind === 'book-snapshot' ? onSnapshot(input.event) : onUpdate(input.event)
      case 'rest-snapshot':
        if (!fetching) return []
        return onSnapshot(input.snapshot)
      case 'rest-snapshot-failed':
        if (!fetching) return []
        attempt++
        return [{ type: 'fetch-snapshot', attempt }]
      case 'disconnected': {
        if (status === 'stale') return []
        reset()
        return moveTo('stale', input.reason, clock())
      }
      case 'connected': {
        if (status === 'stale') {
          const effects = moveTo('syncing', 'reconnected', clock())
          attempt = 0
          if (!fromRest) return effects
          fetching = true
          attempt = 1
          effects.push({ type: 'fetch-snapshot', attempt })
          return effects
        }
        if (status !== 'syncing' || !fromRest || fetching) return []
        fetching = true
        attempt = 1
        return [{ type: 'fetch-snapshot', attempt }]
      }
      case 'snapshot-timeout':
        if (!resubscribed) return []
        attempt++
        stats.resyncs++
        return [{ type: 'resubscribe', reason: lastReason, attempt }]
    }
  }

  return {
    handle,
    get status() {
      return status
    },
    get stats(): BookStats {
      return { ...stats }
    },
    get book(): OrderBook | undefined {
      return published
    },
  }
}
