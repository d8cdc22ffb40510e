export * from './prng'
export * from './synthetic-market'
export * from './types'
