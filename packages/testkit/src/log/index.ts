export * from './buffer-logger'
export * from './recording-logger'
