export * from './fetch-client'
export * from './node-client'
