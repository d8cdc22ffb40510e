import { join } from 'node:path'
import { runInChild } from './fresh-process'
import type { Measurement } from './report'
import { summarize } from './stats'

interface Recorded {
  readonly name: string
  readonly depth: number
  readonly unit: string
  readonly samples: readonly number[]
}

/**
 * Book engine structures (issue 4): apply throughput of candidate side structures at depths 5 to 5,000, the
 * engine's full per-update path, and the heap of 300 books x 400 levels. Runs book-structures.js in a fresh process
 * with --expose-gc and reads its `BOOKS_JSON` line.
 */
export const runBooks = async (options: { readonly quick: boolean; readonly log: (line: string) => void }): Promise<Measurement[]> => {
  const rounds = options.quick ? 3 : 7
  const script = join(__dirname, 'book-structures.js')
  const { stdout } = await runInChild('book-structures', script, ['--rounds', String(rounds), '--json-line'])
  const line = stdout.split('\n').find((l) => l.startsWith('BOOKS_JSON '))
  if (line === undefined) throw new Error('book-structures printed no BOOKS_JSON line')
  for (const l of stdout.split('\n')) if (l !== '' && !l.startsWith('BOOKS_JSON ')) options.log(`  ${l}`)
  const { recorded } = JSON.parse(line.slice('BOOKS_JSON '.length)) as { recorded: readonly Recorded[] }
  return recorded.map((r) => ({
    benchmark: 'books',
    name: r.name,
    venue: 'all',
    file: `depth ${r.depth}`,
    unit: r.unit,
    samples: r.samples.length,
    ...summarize(r.samples),
    ...(r.name.startsWith('heap 300 books:') && r.name.includes('(engine), after snapshot')
      ? { target: '<= 10 MB', met: Math.max(...r.samples) <= 10 }
      : {}),
  }))
}
