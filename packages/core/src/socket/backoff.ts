export interface BackoffOptions {
  /** Ceiling of the first wait. @defaultValue 500 */
  readonly baseMs?: number
  /** No wait exceeds this. @defaultValue 30_000 */
  readonly capMs?: number
  /** Uniform in [0, 1). @defaultValue Math.random */
  readonly random?: () => number
}

/** The ceiling before jitter: `min(capMs, baseMs × 2^(attempt-1))`. */
export const backoffCeilingMs = (attempt: number, baseMs: number, capMs: number): number =>
  Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 52)))

/**
 * Exponential backoff with full jitter: the wait before attempt `n` (1-based) is uniform in
 * `[0, min(capMs, baseMs × 2^(n-1)))`, so a fleet of clients never reconnects in lockstep.
 * @example const delayMs = fullJitterBackoff({ baseMs: 250, capMs: 10_000 }); delayMs(3) // 0 ≤ d < 1000
 */
export const fullJitterBackoff =
  (options: BackoffOptions = {}): ((attempt: number) => number) => {
    const { baseMs = 500, capMs = 30_000, random = Math.random } = options
    return (attempt) => Math.floor(random() * backoffCeilingMs(attempt, baseMs, capMs))
  }
