import type { Credentials, Venue } from '@tributary/core'
import { createAcme } from './adapter'

// Step 7: one entry in packages/spread/src/venues.ts. The entry type, trimmed to the fields this example fills in:
interface VenueEntry {
  readonly id: string
  readonly hosts: readonly string[]
  readonly endpoints: readonly ('public' | 'private' | 'business' | 'rest')[]
  readonly takerFeeBps: Readonly<Record<string, number>>
  readonly create: (setup: { readonly endpoints?: { readonly public?: string }; readonly credentials?: Credentials }) => Venue
  readonly forReplay: () => Venue
}

export const ACME_ENTRIES: readonly VenueEntry[] = [
{
  id: 'acme',
  hosts: ['acme.com'],
  endpoints: ['public', 'rest'],
  takerFeeBps: { acme: 7 },
  create: ({ endpoints, credentials }) => createAcme({ ...(endpoints?.public === undefined ? {} : { urls: { public: endpoints.public } }), ...(credentials === undefined ? {} : { credentials }) }),
  forReplay: () => createAcme(),
},
]
