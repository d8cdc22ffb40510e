/**
 * @packageDocumentation
 * @tributary/testkit: loopback venue simulator engine, fault switches, capture replay, test helpers.
 */
export * from './capture'
