import { readFile, writeFile } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import type { Logger } from '@tributary/core'
import { parseCapture, type CaptureLine } from '@tributary/testkit'
import { createReplay } from '../replay/engine'
import { venueEntry, venueOfUrls } from '../venues'
import type { ReplayArgs } from './args'
import { lineWriter, type CliIo } from './io'
import { UsageError } from './usage'

/**
 * `tributary replay`: a recorded capture through the venue adapter, without network. Normalized events go to stdout
 * as JSON lines; the summary goes to `--summary` or stderr. Returns the exit code.
 */
const load = async (file: string, io: CliIo): Promise<readonly CaptureLine[] | undefined> => {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    io.stderr.write(`tributary replay: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`)
    return undefined
  }
  const capture = parseCapture(text, file)
  if (E.isRight(capture)) return capture.right
  io.stderr.write(`tributary replay: ${file} is not a capture: ${capture.left.message}\n`)
  return undefined
}

export const runReplay = async (args: ReplayArgs, io: CliIo, logger: Logger): Promise<number> => {
  const lines = await load(args.file, io)
  const extra = args.instruments === undefined ? [] : await load(args.instruments, io)
  if (lines === undefined || extra === undefined) return 1
  const entry = args.venue === undefined ? venueOfUrls(lines.flatMap((l) => (l.url === undefined ? [l.conn] : [l.conn, l.url]))) : venueEntry(args.venue)
  if (entry === undefined) throw new UsageError(`replay: cannot tell the venue of ${args.file} from its connection URLs; pass --venue okx|kucoin|weex`)
  const out = lineWriter(io.stdout)
  const pending: string[] = []
  const replay = createReplay({ venue: entry.forReplay(), depth: args.depth, logger, emit: (event) => void pending.push(JSON.stringify(event)) })
  for (const line of extra.filter((l) => l.dir === 'http')) await replay.line({ ...line, ts: null })
  for (const line of lines) {
    if (io.signal.aborted) break
    await replay.line(line)
    for (const p of pending) await out.write(p)
    pending.length = 0
  }
  await out.flush()
  const summary = `${JSON.stringify({ file: args.file, ...replay.summary() }, null, 1)}\n`
  if (args.summary === undefined) io.stderr.write(summary)
  else await writeFile(args.summary, summary)
  return io.signal.aborted ? 1 : 0
}
