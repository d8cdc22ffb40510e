/** Exact powers of ten (10^0 … 10^22 are exact doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

/** 1e-7 … 1e20, for the decimal exponent of a magnitude (a binary search is cheaper than `Math.log10`). */
const DECADES = Array.from({ length: 28 }, (_, i) => Number(`1e${i - 7}`))

/** ⌊log10 a⌋ for `a` in [1e-7, 1e20), give or take one next to a power of ten. */
const exponentOf = (a: number): number => {
  let lo = 0
  let hi = DECADES.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (a >= (DECADES[mid] as number)) lo = mid
    else hi = mid
  }
  return lo - 7
}

const SPLIT = 134_217_729 // 2^27 + 1

/** `a × b − p` exactly, where `p` is the double `a × b` rounds to (Dekker's product; no overflow below 1e290). */
const productError = (a: number, b: number, p: number): number => {
  const ca = SPLIT * a
  const ah = ca - (ca - a)
  const al = a - ah
  const cb = SPLIT * b
  const bh = cb - (cb - b)
  const bl = b - bh
  return ah * bh - p + ah * bl + al * bh + al * bl
}

const viaText = (n: number): number => Number(n.toPrecision(15))

/**
 * `n` rounded to 15 significant digits: what `Number(n.toPrecision(15))` gives, bit for bit, mostly without the
 * string round trip. It drops binary floating-point noise from a product (`431 × 0.01` is `4.3100000000000005`).
 *
 * The 15 digits are `d = round(|n| × 10^k)` with `10^14 ≤ d < 10^15`. Below 2^50 the product is within 1/16 of its
 * exact value, so its own rounding decides `d` unless it is within 1/8 of a half; there the product's exact error
 * decides. `d / 10^k` (or `d × 10^-k`) of exact operands is the double nearest the decimal, which is what `Number`
 * reads from the text.
 */
export const toSignificant15 = (n: number): number => {
  if (n === 0) return 0
  const a = n < 0 ? -n : n
  if (!(a >= 1e-7 && a < 1e20)) return viaText(n)
  let k = 14 - exponentOf(a)
  let p = k >= 0 ? a * (POW10[k] as number) : a / (POW10[-k] as number)
  // One off next to a power of ten: step once.
  if (p >= 1e15) p = --k >= 0 ? a * (POW10[k] as number) : a / (POW10[-k] as number)
  else if (p < 1e14) p = ++k >= 0 ? a * (POW10[k] as number) : a / (POW10[-k] as number)
  if (!(p >= 1e14 && p < 1e15) || k > 22 || k < -22) return viaText(n)
  const floor = Math.floor(p)
  const half = p - floor - 0.5
  let d = half < 0 ? floor : floor + 1
  if (half > -0.125 && half < 0.125) {
    // Near a half: the product's rounding error decides. It is exact (Dekker); a / 10^j's is not: ask the text.
    if (k < 0) return viaText(n)
    const beyond = half + productError(a, POW10[k] as number, p)
    // A tie rounds up (toPrecision picks the larger of two equally near).
    d = beyond < 0 ? floor : floor + 1
  }
  const r = k >= 0 ? d / (POW10[k] as number) : d * (POW10[-k] as number)
  return n < 0 ? -r : r
}
