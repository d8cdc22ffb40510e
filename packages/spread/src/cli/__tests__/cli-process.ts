import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join, resolve } from 'node:path'

/** The repository root: `@swc/core` and the workspace packages are found from here. */
const REPO_ROOT = resolve(__dirname, '../../../../..')

/** The CLI's entry, run from source. */
const BIN = join(REPO_ROOT, 'packages/spread/src/bin.ts')

/**
 * Run by `node -e`: loads TypeScript through `@swc/core` (as Jest does), maps `@tributary/<pkg>` to
 * `packages/<pkg>/src`, then runs the CLI entry with the arguments given after `--` (Node drops the `--`).
 */
const RUNNER = `
const Module = require('node:module')
const { readFileSync } = require('node:fs')
const { join } = require('node:path')
const root = ${JSON.stringify(REPO_ROOT)}
const { transformSync } = Module.createRequire(join(root, 'package.json'))('@swc/core')
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  const m = /^@tributary\\/([a-z0-9-]+)(\\/testing)?$/.exec(request)
  const target = m === null ? request : join(root, 'packages', m[1], 'src', m[2] === undefined ? 'index.ts' : 'testing/index.ts')
  return resolveFilename.call(this, target, ...rest)
}
Module._extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' }
  module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename)
}
process.argv.splice(1, 0, ${JSON.stringify(BIN)})
require(${JSON.stringify(BIN)})
`

const shellQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`

/**
 * Starts `tributary <args…>` from source in a pseudo-terminal: util-linux `script` gives the CLI a real tty (so
 * `process.stdout.isTTY`), and everything the CLI writes to it comes out of the child's stdout, ANSI sequences and
 * all. Writing `\u0003` to the child's stdin is a Ctrl-C typed at the terminal.
 */
export const spawnInTerminal = (args: readonly string[]): ChildProcessWithoutNullStreams => {
  // `exec`: the shell `script` starts must not stay between the terminal and the CLI. A shell left waiting (dash, CI's
  // /bin/sh) is in the terminal's foreground group too, dies of the Ctrl-C itself, and `script` reports its 130.
  const command = ['exec', shellQuote(process.execPath), '-e', '"$TRIBUTARY_E2E_RUNNER"', '--', ...args.map(shellQuote)].join(' ')
  return spawn('script', ['--quiet', '--return', '--flush', '--command', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...process.env, SHELL: '/bin/sh', TRIBUTARY_E2E_RUNNER: RUNNER },
  })
}

/** Resolves with the exit code, the signal, or the spawn error (`spawn script ENOENT`) of a child process. */
export const exited = (child: ChildProcessWithoutNullStreams): Promise<number | string | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode ?? child.signalCode)
    : new Promise((done) => {
        child.once('exit', (code, signal) => done(code ?? signal))
        child.once('error', (error) => done(error.message))
      })
