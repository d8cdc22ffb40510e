/** Median, min and max of a sample. */
export interface Spread3 {
  readonly median: number
  readonly min: number
  readonly max: number
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b)

/**
 * The `p`-th percentile (0..100) of a sample, nearest-rank on the sorted values; NaN for an empty sample.
 * Pass `presorted: true` when `xs` is already ascending (large latency samples).
 */
export const percentile = (xs: readonly number[], p: number, presorted = false): number => {
  if (xs.length === 0) return Number.NaN
  const s = presorted ? xs : sorted(xs)
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * s.length)
  return s[Math.max(0, rank - 1)] ?? Number.NaN
}

/** Median (mean of the two middle values for an even count), min and max; NaN for an empty sample. */
export const summarize = (xs: readonly number[]): Spread3 => {
  if (xs.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN }
  const s = sorted(xs)
  const mid = s.length >> 1
  const median = s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
  return { median, min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN }
}

/** Element-wise ratios `a[i] / b[i]` of two same-length samples taken round by round. */
export const ratios = (a: readonly number[], b: readonly number[]): number[] =>
  a.slice(0, b.length).map((x, i) => x / (b[i] ?? Number.NaN))

/** Least-squares slope of `ys` against `xs` (units of y per unit of x); 0 with fewer than two points. */
export const slope = (xs: readonly number[], ys: readonly number[]): number => {
  const n = Math.min(xs.length, ys.length)
  if (n < 2) return 0
  let sx = 0
  let sy = 0
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0
    sy += ys[i] ?? 0
  }
  const mx = sx / n
  const my = sy / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx
    num += dx * ((ys[i] ?? 0) - my)
    den += dx * dx
  }
  return den === 0 ? 0 : num / den
}
