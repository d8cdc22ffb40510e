/**
 * @packageDocumentation
 * `@tributary/weex/testing`: the Weex contract V3 protocol as a script for testkit's loopback simulator.
 */
export { weexScript, type WeexSimOptions, type WeexSimScript } from './simulator'
export type { SimOrderRequest } from './sim-orders'
export type { SimInstrument } from './sim-streams'
