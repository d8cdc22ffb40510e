export * from './create-feed'
export * from './deliver'
export * from './types'
