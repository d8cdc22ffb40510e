import { execFile } from 'node:child_process'

export interface ChildOptions {
  /** Node flags before the script (`--expose-gc` is always passed). */
  readonly nodeFlags?: readonly string[]
  /** @defaultValue 600 000 (10 min) */
  readonly timeoutMs?: number
}

/**
 * Runs a benchmark script in a fresh `node --expose-gc` process, so what it measures is that process alone (not the
 * bench's own, which holds ccxt and earlier benchmarks' leftovers). Resolves with its output; rejects, named by `what`,
 * with its stderr when it fails.
 */
export const runInChild = (what: string, script: string, args: readonly string[], options: ChildOptions = {}): Promise<{ readonly stdout: string; readonly stderr: string }> =>
  new Promise((resolve, reject) => {
    const argv = ['--expose-gc', ...(options.nodeFlags ?? []), script, ...args]
    execFile(process.execPath, argv, { timeout: options.timeoutMs ?? 600_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${what}: ${stderr.trim() || error.message}`))
      else resolve({ stdout, stderr })
    })
  })

/** {@link runInChild} for a script that prints one JSON value on stdout: that value. */
export const jsonFromChild = async <T>(what: string, script: string, args: readonly string[], options: ChildOptions = {}): Promise<T> =>
  JSON.parse((await runInChild(what, script, args, options)).stdout) as T
