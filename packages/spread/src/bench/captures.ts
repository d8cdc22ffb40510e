import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fixturePath, readCapture, type CaptureLine } from '@tributary/testkit'

/** A recorded capture and the venue it belongs to. */
export interface Capture {
  readonly venue: string
  readonly file: string
  readonly path: string
  readonly lines: readonly CaptureLine[]
  /** Inbound frames (`dir: in`). */
  readonly frames: number
}

export const CAPTURE_VENUES = ['okx', 'kucoin', 'weex'] as const

/** Every shared recorded capture of the three venues, optionally filtered by file-name fragments. */
export const loadCaptures = (filter: readonly string[] = []): Capture[] => {
  const root = dirname(fixturePath('okx/x.jsonl'))
  return CAPTURE_VENUES.flatMap((venue) => {
    const dir = join(dirname(root), venue)
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x) || venue === x))
      .sort()
      .map((f) => {
        const path = join(dir, f)
        const lines = readCapture(path)
        return { venue, file: basename(f, '.jsonl'), path, lines, frames: lines.filter((l) => l.dir === 'in').length }
      })
  })
}
