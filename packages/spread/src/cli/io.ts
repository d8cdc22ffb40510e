/** Where a command writes, what it reads from the environment, and how it is stopped. Tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number }
  readonly stderr: NodeJS.WritableStream
  readonly env: NodeJS.ProcessEnv
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal: AbortSignal
}

/** Writes lines in large chunks, waiting when the stream asks for it (pipes into `head`, slow consumers). */
export const lineWriter = (stream: NodeJS.WritableStream, chunkChars = 1 << 16) => {
  let buffer: string[] = []
  let size = 0
  const drain = (): Promise<void> => new Promise((resolve) => stream.once('drain', () => resolve()))
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return
    const text = buffer.join('')
    buffer = []
    size = 0
    if (!stream.write(text)) await drain()
  }
  return {
    write: async (line: string): Promise<void> => {
      buffer.push(line, '\n')
      size += line.length + 1
      if (size >= chunkChars) await flush()
    },
    flush,
  }
}
