import type { Logger } from '@tributary/core'
import { injectFault, pickFault, type FaultKind } from '../simulation/faults'
import { demoMarket, seededRandom } from '../simulation/market'
import { startVenues, type RunningVenue } from '../simulation/serve'
import { VENUES } from '../venues'
import type { SimulateArgs } from './args'
import type { CliIo } from './io'

/** How a client reaches the running simulators: `--url`/`--rest` flags for `tributary spread`. */
export const endpointFlags = (running: readonly RunningVenue[]): string =>
  running
    .flatMap((r) => Object.entries(r.endpoints).map(([entry, url]) => (entry === 'rest' ? `--rest ${r.entry.id}=${url}` : `--url ${r.entry.id}${entry === 'public' ? '' : `.${entry}`}=${url}`)))
    .join(' ')

/** `tributary simulate`: serves the simulated venues on loopback until stopped. Resolves with the exit code. */
export const runSimulate = async (args: SimulateArgs, io: CliIo, logger: Logger): Promise<number> => {
  const entries = VENUES.filter((v) => args.venues === undefined || args.venues.includes(v.id))
  const running = await startVenues(entries, demoMarket(args.seed), { port: args.port, logger })
  const out = (line: string): void => void io.stdout.write(`${line}\n`)
  out('tributary simulate: SIMULATED venues on a synthetic market (not real prices)')
  for (const r of running) {
    out(`  ${r.entry.id.padEnd(7)} ${r.sim.wsBase}  symbols ${r.symbols.join(', ')}`)
    for (const [entry, url] of Object.entries(r.endpoints)) out(`          ${entry.padEnd(9)} ${url}`)
  }
  const symbols = [...new Set(running.flatMap((r) => r.symbols))]
  out(`Connect with: tributary spread ${symbols.join(' ')} --venues ${running.map((r) => r.entry.id).join(',')} ${endpointFlags(running)}`)
  out(args.faults.length === 0 ? 'Faults: none (use --faults drop,silence,gap,checksum,malformed,schema)' : `Faults every 10 s: ${args.faults.join(', ')}`)
  const random = seededRandom(args.seed)
  const kinds = args.faults.filter((f): f is FaultKind => ['drop', 'silence', 'gap', 'checksum', 'malformed', 'schema'].includes(f))
  const timer = kinds.length === 0 ? undefined : setInterval(() => {
    const pick = pickFault(running, kinds, random)
    if (pick !== undefined) out(`${new Date().toISOString()} fault: ${injectFault(pick.venue.entry.id, pick.venue.sim, pick.fault).text}`)
  }, 10_000)
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve()
    else io.signal.addEventListener('abort', () => resolve(), { once: true })
  })
  if (timer !== undefined) clearInterval(timer)
  await Promise.all(running.map((r) => r.sim.close()))
  out('tributary simulate: stopped')
  return 0
}
