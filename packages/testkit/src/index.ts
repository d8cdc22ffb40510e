/**
 * @packageDocumentation
 * @tributary/testkit: loopback venue simulator engine, fault switches, capture replay, test helpers.
 */
export * from './capture'
export * from './log'
export * from './market'
export { MALFORMED_FRAME, GENERIC_SCHEMA_FAILURE_FRAME } from './sim/faults'
export * from './sim/replay'
export { startSimulator } from './sim/server'
export * from './sim/types'
export * from './test-scheduler'
export * from './wait'
