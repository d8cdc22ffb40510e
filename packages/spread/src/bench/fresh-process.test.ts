import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jsonFromChild, runInChild } from './fresh-process'

describe('fresh-process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-'))
  const script = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('returns the JSON a child prints, with its arguments and --expose-gc in effect', async () => {
    const path = script('echo.js', 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), gc: typeof globalThis.gc }))')
    await expect(jsonFromChild('echo', path, ['a', '2'])).resolves.toEqual({ args: ['a', '2'], gc: 'function' })
  })

  it('passes node flags before the script', async () => {
    const path = script('flags.js', 'process.stdout.write(JSON.stringify(process.execArgv))')
    await expect(jsonFromChild('flags', path, [], { nodeFlags: ['--max-semi-space-size=1'] })).resolves.toEqual(['--expose-gc', '--max-semi-space-size=1'])
  })

  it('rejects with the child stderr, named, when the child fails', async () => {
    const path = script('fail.js', "process.stderr.write('no simulator'); process.exit(3)")
    await expect(runInChild('latency floor', path, [])).rejects.toThrow('latency floor: no simulator')
  })
})
