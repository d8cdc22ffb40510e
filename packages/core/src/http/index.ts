export * from './fetch-client'
