/** Lag percentiles over the most recent samples, in ms. */
export interface LagSummary {
  /** Samples recorded since the start (not only those kept). */
  readonly count: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
}

const EMPTY: LagSummary = { count: 0, p50: 0, p90: 0, p99: 0, max: 0 }

/**
 * Keeps the last `size` lag samples (`receivedAt - ts`) in a preallocated ring: recording allocates nothing;
 * percentiles are computed when asked.
 * @internal
 */
export class LagRecorder {
  private readonly ring: Float64Array
  private next = 0
  count = 0

  constructor(size = 1024) {
    this.ring = new Float64Array(size)
  }

  record(lagMs: number): void {
    this.ring[this.next] = lagMs
    this.next = this.next + 1 === this.ring.length ? 0 : this.next + 1
    this.count++
  }

  summary(): LagSummary {
    const n = Math.min(this.count, this.ring.length)
    if (n === 0) return EMPTY
    const sorted = this.ring.slice(0, n).sort()
    const at = (q: number): number => sorted[Math.min(n - 1, Math.floor(q * n))] ?? 0
    return { count: this.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[n - 1] ?? 0 }
  }
}
