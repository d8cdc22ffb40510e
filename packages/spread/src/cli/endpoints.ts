import type { Endpoints, VenueEntry } from '../venues'
import { UsageError } from './usage'

/** Keeps the overrides a venue accepts; an endpoint it does not have is bad usage. */
export const checkEndpoints = (entry: VenueEntry, endpoints: Readonly<Record<string, string>> | undefined): Endpoints => {
  const out: Record<string, string> = {}
  for (const [k, url] of Object.entries(endpoints ?? {})) {
    const allowed = entry.endpoints.find((e) => e === k)
    if (allowed === undefined) throw new UsageError(`${entry.id} has no ${k} endpoint to override; it has: ${entry.endpoints.join(', ')}`)
    out[allowed] = url
  }
  return out
}
