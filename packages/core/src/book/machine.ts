import type { ResyncReason } from '../errors'
import type { BookSnapshot, BookStatus, BookUpdate, OrderBook } from '../model/book'
import type { SizeUnit } from '../model/common'
import { snapshotSourceOf, type BookRules, type SequenceVerdict } from '../venue'
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
  return new Machine(options)
}

/**
 * {@link createBookMachine}'s machine: one object of one shape per book, its methods on the prototype (a process
 * holds hundreds of books; closures would cost each one ~2 KB).
 */
class Machine implements BookMachine {
  private readonly venue: string
  private readonly symbol: string
  private readonly rules: BookRules
  private readonly now: () => number
  private readonly maxBuffered: number
  private readonly healthyAfterMs: number
  private readonly fromRest: boolean
  private readonly maxDepth: number | undefined
  private readonly l2 = new L2Book()
  private state: BookStatus = 'syncing'
  private lastSeq: number | undefined = undefined
  /** The unit of the snapshot's sizes; every update must share it. */
  private unit: SizeUnit | undefined = undefined
  private published: BookView | undefined = undefined
  private liveSince = 0
  private attempt = 0
  /** REST: a `fetch-snapshot` is outstanding. */
  private fetching = false
  /** Stream: a `resubscribe` is outstanding; deltas are skipped until its snapshot. */
  private resubscribed = false
  private lastReason: ResyncReason = 'delta-before-snapshot'
  /** REST: updates held while a snapshot is fetched. */
  private buffer: BookUpdate[] = []
  /** The view the checksum was verified on, and its event: publishing that event reuses it (the book is unchanged). */
  private checkedEvent: BookSnapshot | BookUpdate | undefined = undefined
  private checkedView: BookView | undefined = undefined
  /** Filled in for each view (the view copies it). */
  private readonly meta: Mutable<ViewMeta>
  private applied = 0
  private skipped = 0
  private checksumsVerified = 0
  private checksumMismatches = 0
  private sequenceGaps = 0
  private resyncs = 0

  constructor(options: BookMachineOptions) {
    const { venue, symbol, channel, rules } = options
    this.venue = venue
    this.symbol = symbol
    this.rules = rules
    this.now = options.now
    this.maxBuffered = options.maxBuffered ?? 10_000
    this.healthyAfterMs = options.healthyAfterMs ?? 30_000
    this.fromRest = snapshotSourceOf(rules, channel).source === 'rest'
    this.maxDepth = rules.maxDepth?.(channel)
    this.meta = { venue, symbol, status: 'live', seq: undefined, ts: 0, receivedAt: 0, sizeUnit: undefined }
  }

  get status(): BookStatus {
    return this.state
  }

  get stats(): BookStats {
    const { applied, skipped, checksumsVerified, checksumMismatches, sequenceGaps, resyncs } = this
    return { applied, skipped, checksumsVerified, checksumMismatches, sequenceGaps, resyncs }
  }

  get book(): OrderBook | undefined {
    return this.published
  }

  handle(input: BookInput): readonly BookEffect[] {
    switch (input.type) {
      case 'event':
        return input.event.kind === 'book-snapshot' ? this.onSnapshot(input.event) : this.onUpdate(input.event)
      case 'rest-snapshot':
        if (!this.fetching) return []
        return this.onSnapshot(input.snapshot)
      case 'rest-snapshot-failed':
        if (!this.fetching) return []
        this.attempt++
        return [{ type: 'fetch-snapshot', attempt: this.attempt }]
      case 'disconnected': {
        if (this.state === 'stale') return []
        this.reset()
        return this.moveTo('stale', input.reason, this.clock())
      }
      case 'connected': {
        if (this.state === 'stale') {
          const effects = this.moveTo('syncing', 'reconnected', this.clock())
          this.attempt = 0
          if (!this.fromRest) return effects
          this.fetching = true
          this.attempt = 1
          effects.push({ type: 'fetch-snapshot', attempt: this.attempt })
          return effects
        }
        if (this.state !== 'syncing' || !this.fromRest || this.fetching) return []
        this.fetching = true
        this.attempt = 1
        return [{ type: 'fetch-snapshot', attempt: this.attempt }]
      }
      case 'snapshot-timeout':
        if (!this.resubscribed) return []
        this.attempt++
        this.resyncs++
        return [{ type: 'resubscribe', reason: this.lastReason, attempt: this.attempt }]
    }
  }

  private clock(): Stamp {
    const t = this.now()
    return { ts: t, receivedAt: t }
  }

  private moveTo(state: BookStatus, reason: string, at: Stamp): BookEffect[] {
    if (state === this.state) return []
    const previous = this.state
    this.state = state
    if (state === 'live') this.liveSince = this.now()
    else this.published = undefined
    const { venue, symbol } = this
    return [{ type: 'state', state: { kind: 'book-state', venue, symbol, ts: at.ts, receivedAt: at.receivedAt, state, reason, previous } }]
  }

  private reset(): void {
    this.l2.clear()
    this.checkedEvent = undefined
    this.checkedView = undefined
    this.lastSeq = undefined
    this.buffer = []
    this.fetching = false
    this.resubscribed = false
  }

  private push(update: BookUpdate): void {
    const { buffer, maxBuffered } = this
    buffer.push(update)
    if (buffer.length > maxBuffered) buffer.splice(0, buffer.length - maxBuffered)
  }

  private resync(reason: ResyncReason, at: Stamp, keep: readonly BookUpdate[] = []): BookEffect[] {
    if (this.state === 'live' && this.now() - this.liveSince >= this.healthyAfterMs) this.attempt = 0
    this.attempt++
    this.resyncs++
    const effects = this.moveTo(this.state === 'live' ? 'resyncing' : this.state, reason, at)
    this.reset()
    if (this.fromRest) {
      this.buffer = keep.slice(-this.maxBuffered)
      this.fetching = true
      effects.push({ type: 'fetch-snapshot', attempt: this.attempt, reason })
    } else {
      this.resubscribed = true
      this.lastReason = reason
      effects.push({ type: 'resubscribe', reason, attempt: this.attempt })
    }
    return effects
  }

  private judge(update: BookUpdate): SequenceVerdict {
    const { sequence } = this.rules
    return sequence === undefined || this.lastSeq === undefined ? 'apply' : sequence(this.lastSeq, update)
  }

  private viewOf(event: BookSnapshot | BookUpdate): BookView {
    if (this.checkedEvent === event && this.checkedView !== undefined) return this.checkedView
    const { meta } = this
    meta.seq = this.lastSeq
    meta.ts = event.ts
    meta.receivedAt = event.receivedAt
    meta.sizeUnit = this.unit
    return this.l2.view(meta)
  }

  /** Truncates, then verifies the checksum and crossing; returns the reason to resync, if any. */
  private verify(event: BookSnapshot | BookUpdate): ResyncReason | undefined {
    const depth = this.maxDepth ?? event.depth
    if (depth !== undefined) this.l2.truncate(depth)
    this.checkedEvent = undefined
    const { checksum, allowCrossed } = this.rules
    if (checksum !== undefined && event.checksum !== undefined) {
      const view = this.viewOf(event)
      this.checkedEvent = event
      this.checkedView = view
      if (checksum(view) !== event.checksum) {
        this.checksumMismatches++
        return 'checksum-mismatch'
      }
      this.checksumsVerified++
    }
    return allowCrossed !== true && this.l2.crossed ? 'crossed-book' : undefined
  }

  /** Applies an update to a live book (or during replay), then verifies it. */
  private applyUpdate(update: BookUpdate): ResyncReason | undefined {
    if (update.sizeUnit !== this.unit) return 'size-unit-changed'
    this.l2.apply(update)
    if (update.seq !== undefined) this.lastSeq = update.seq
    this.applied++
    return this.verify(update)
  }

  private publish(event: BookSnapshot | BookUpdate): BookEffect {
    const published = this.viewOf(event)
    this.published = published
    this.checkedEvent = undefined
    this.checkedView = undefined
    return { type: 'book', book: published }
  }

  private onSnapshot(snapshot: BookSnapshot): BookEffect[] {
    const pending = this.buffer
    this.reset()
    this.l2.replace(snapshot)
    this.unit = snapshot.sizeUnit
    this.lastSeq = snapshot.seq
    this.applied++
    const failure = this.verify(snapshot)
    if (failure !== undefined) return this.resync(failure, snapshot, pending)
    let applied = false
    let last: BookSnapshot | BookUpdate = snapshot
    for (let i = 0; i < pending.length; i++) {
      const update = pending[i] as BookUpdate
      const verdict = this.judge(update)
      if (verdict === 'skip') {
        this.skipped++
        continue
      }
      if (verdict === 'gap' || verdict === 'reset') {
        this.sequenceGaps++
        const reason = verdict === 'reset' ? 'sequence-reset' : applied ? 'sequence-gap' : 'snapshot-too-old'
        return this.resync(reason, update, pending.slice(i))
      }
      applied = true
      last = update
      const broken = this.applyUpdate(update)
      if (broken !== undefined) return this.resync(broken, update)
    }
    const effects = this.moveTo('live', this.fromRest ? 'snapshot-aligned' : 'snapshot', last)
    effects.push(this.publish(last))
    return effects
  }

  private onUpdate(update: BookUpdate): BookEffect[] {
    if (this.state === 'live') {
      const verdict = this.judge(update)
      if (verdict === 'skip') {
        this.skipped++
        return []
      }
      if (verdict === 'gap' || verdict === 'reset') {
        this.sequenceGaps++
        return this.resync(verdict === 'reset' ? 'sequence-reset' : 'sequence-gap', update, [update])
      }
      const broken = this.applyUpdate(update)
      return broken === undefined ? [this.publish(update)] : this.resync(broken, update)
    }
    if (this.fromRest) {
      this.push(update)
      if (this.fetching || this.state === 'stale') return []
      this.fetching = true
      this.attempt = 1
      return [{ type: 'fetch-snapshot', attempt: this.attempt }]
    }
    this.skipped++
    if (this.resubscribed || this.state === 'stale') return []
    return this.resync('delta-before-snapshot', update)
  }
}
