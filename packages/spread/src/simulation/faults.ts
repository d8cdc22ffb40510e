import type { Simulator } from '@tributary/testkit'

/** Faults the demo and `simulate --faults` inject. */
export type FaultKind = 'drop' | 'silence' | 'gap' | 'checksum' | 'malformed' | 'schema'

export interface InjectedFault {
  readonly venue: string
  readonly fault: FaultKind
  /** What a reader sees: `weex: connections dropped`. */
  readonly text: string
}

const TEXT: Readonly<Record<FaultKind, string>> = {
  drop: 'connections dropped',
  silence: 'silent for a while (half-open socket)',
  gap: 'one book update skipped (sequence gap)',
  checksum: 'one book checksum corrupted',
  malformed: 'a malformed frame sent',
  schema: 'a frame failing the schema sent',
}

/** Flips one fault switch of a simulator now. `silence` ends by itself after `silenceMs`. */
export const injectFault = (venue: string, sim: Simulator, fault: FaultKind, silenceMs = 4_000): InjectedFault => {
  switch (fault) {
    case 'drop':
      sim.faults.dropConnections({ code: 1001, reason: 'simulated outage' })
      break
    case 'silence':
      sim.faults.silence(true)
      sim.after(silenceMs, () => sim.faults.silence(false))
      break
    case 'gap':
      sim.faults.skipSequence()
      break
    case 'checksum':
      sim.faults.corruptChecksum()
      break
    case 'malformed':
      sim.faults.sendMalformed()
      break
    case 'schema':
      sim.faults.sendSchemaFailure()
      break
  }
  return { venue, fault, text: `${venue}: ${TEXT[fault]}` }
}

/** Picks the next (venue, fault) from a random source in [0, 1). */
export const pickFault = <V>(venues: readonly V[], kinds: readonly FaultKind[], random: () => number): { readonly venue: V; readonly fault: FaultKind } | undefined => {
  const venue = venues[Math.floor(random() * venues.length)]
  const fault = kinds[Math.floor(random() * kinds.length)]
  return venue === undefined || fault === undefined ? undefined : { venue, fault }
}
