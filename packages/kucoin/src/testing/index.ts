/**
 * @packageDocumentation
 * `@tributary/kucoin/testing`: the KuCoin classic-spot protocol script for testkit's loopback simulator.
 */
export { kucoinSimulator, type KucoinSimulatorOptions, type KucoinSimulatorScript } from './simulator'
export { SimAccount, type SimOrderRequest, type PrivatePush } from './sim-orders'
