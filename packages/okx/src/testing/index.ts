/**
 * @packageDocumentation
 * `@tributary/okx/testing`: a simulated OKX V5 for loopback tests and the demo.
 */
export { startOkxSimulator, type OkxSimulator, type OkxSimulatorOptions } from './simulator'
export { DEFAULT_ACCOUNT, DEFAULT_INSTRUMENTS, type OkxSimAccount, type OkxSimInstrument } from './sim-state'
export type { ChecksumMode } from './sim-market'
