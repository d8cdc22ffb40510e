import type { VenueChannel } from '../venue'

/**
 * Splits channels into subscribe requests: channels of one batch key (`channel.batch`, else `defaultBatch`) share
 * requests of at most `perRequest` channels; order is kept within a batch.
 * @internal
 */
export const toBatches = (channels: readonly VenueChannel[], defaultBatch: string, perRequest: number): VenueChannel[][] => {
  const size = Math.max(1, perRequest)
  const byBatch = new Map<string, VenueChannel[]>()
  for (const c of channels) {
    const key = c.batch ?? defaultBatch
    const batch = byBatch.get(key)
    if (batch === undefined) byBatch.set(key, [c])
    else batch.push(c)
  }
  const requests: VenueChannel[][] = []
  for (const batch of byBatch.values()) {
    for (let i = 0; i < batch.length; i += size) requests.push(batch.slice(i, i + size))
  }
  return requests
}
