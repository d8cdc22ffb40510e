/**
 * @packageDocumentation
 * @tributary/spread: cross-venue operators (consolidated top of book, spreads with fees and staleness checks) and
 * the `tributary` CLI.
 */
export * from './consolidate'
export * from './fees'
export * from './health'
export * from './market'
export * from './monitor'
export * from './quote-map'
export * from './sources'
export * from './spread'
