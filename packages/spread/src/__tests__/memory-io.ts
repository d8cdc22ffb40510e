import { Writable } from 'node:stream'
import type { CliIo } from '../cli/io'

/** A CLI io whose output is kept in memory. */
export const memoryIo = (env: NodeJS.ProcessEnv = {}, signal: AbortSignal = new AbortController().signal) => {
  const sink = () => {
    const chunks: string[] = []
    const stream = new Writable({
      write: (chunk: Buffer | string, _enc, done) => {
        chunks.push(chunk.toString())
        done()
      },
    })
    return { stream, text: () => chunks.join('') }
  }
  const stdout = sink()
  const stderr = sink()
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, env, signal }
  return { io, stdout: stdout.text, stderr: stderr.text }
}
