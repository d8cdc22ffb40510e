export * from './create-feed'
export * from './deliver'
export { microtaskScheduler } from './microtask'
export * from './types'
