export * from './backoff'
export * from './reconnect'
export * from './wire'
export type { LagSummary } from './lag'
