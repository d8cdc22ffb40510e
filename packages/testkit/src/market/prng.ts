/** A seeded pseudo-random generator: the same seed gives the same sequence on every platform. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number
  /** Standard normal (Box-Muller). */
  normal(): number
  /** True with probability `p`. */
  chance(p: number): boolean
}

/** FNV-1a over the parts, so `seedOf(seed, 'book', 'okx', 'BTC/USDT')` gives each stream its own seed. */
export const seedOf = (...parts: readonly (string | number)[]): number => {
  let hash = 0x811c9dc5
  for (const ch of parts.join('\u0000')) {
    hash ^= ch.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/**
 * mulberry32: small, fast and good enough for synthetic market data (not for anything secret).
 * @example const rng = createPrng(seedOf(42, 'mid', 'BTC/USDT'))
 */
export const createPrng = (seed: number): Prng => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: () => {
      const u = 1 - next() // (0, 1]
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
    },
    chance: (p) => next() < p,
  }
}
