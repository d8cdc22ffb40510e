import { BENCHMARKS, BenchUsageError, parseBenchArgs } from './args'

describe('parseBenchArgs', () => {
  it('runs every benchmark, in full, without JSON by default', () => {
    expect(parseBenchArgs([])).toEqual({ only: BENCHMARKS, quick: false, json: undefined, markdown: undefined, files: [], help: false })
  })

  it('keeps --only in benchmark order whatever order it is given in', () => {
    expect(parseBenchArgs(['--only', 'memory,throughput']).only).toEqual(['throughput', 'memory'])
  })

  it('accepts --flag=value as well as --flag value', () => {
    expect(parseBenchArgs(['--json=.bench/a.json', '--quick'])).toMatchObject({ json: '.bench/a.json', quick: true })
  })

  it('takes a Markdown path', () => {
    expect(parseBenchArgs(['--markdown', 'docs/table.md']).markdown).toBe('docs/table.md')
  })

  it('skips the -- separator pnpm may pass through', () => {
    expect(parseBenchArgs(['--', '--json', 'out.json']).json).toBe('out.json')
  })

  it('splits --files into name fragments', () => {
    expect(parseBenchArgs(['--files', 'okx, weex-contract']).files).toEqual(['okx', 'weex-contract'])
  })

  it('rejects an unknown benchmark name', () => {
    expect(() => parseBenchArgs(['--only', 'throughput,speed'])).toThrow(new BenchUsageError('--only: unknown benchmark speed (known: throughput, books, latency, memory, soak, scale)'))
  })

  it('rejects a flag whose value is missing', () => {
    expect(() => parseBenchArgs(['--json', '--quick'])).toThrow('--json needs a value')
  })

  it('rejects an unknown argument', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(BenchUsageError)
  })
})
