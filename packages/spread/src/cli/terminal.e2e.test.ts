import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { exited, spawnInTerminal } from './__tests__/cli-process'
import { renderScreen, type Screen } from './__tests__/screen'

const ROW = /^(okx|kucoin|weex) +(\S+) +\S+ +\S+ +\S+ +\S+ +\S+ +(\S+) +(\S+)/
const MARKETS = [
  ['okx', 'BTC/USDT'],
  ['okx', 'BTC/USDT:USDT'],
  ['okx', 'ETH/USDT'],
  ['okx', 'ETH/USDT:USDT'],
  ['kucoin', 'BTC/USDT'],
  ['kucoin', 'ETH/USDT'],
  ['weex', 'BTC/USDT:USDT'],
  ['weex', 'ETH/USDT:USDT'],
]

/** The market rows of the screen: venue, symbol, book, connection. */
const marketRows = (screen: Screen): string[][] => screen.lines.flatMap((l) => {
  const m = ROW.exec(l)
  return m === null ? [] : [m.slice(1, 5)]
})

/** A complete frame in which every simulated market has a live book on an open connection. */
const ready = (screen: Screen): boolean => {
  const rows = marketRows(screen)
  return rows.length === MARKETS.length && rows.every((r) => r[2] === 'live' && r[3] === 'open') && screen.lines.some((l) => l.startsWith('VENUES  '))
}

/**
 * Issue 8: `tributary demo` in a real pseudo-terminal (util-linux `script`), from source. The captured output is
 * played through a tiny terminal model; the test asserts on the screen a user would see when pressing Ctrl-C.
 */
describe('tributary demo in a terminal', () => {
  let child: ChildProcessWithoutNullStreams | undefined
  let output = ''
  let code: number | string | null = null

  beforeAll(async () => {
    const cli = spawnInTerminal(['demo', '--duration', '20s', '--no-faults', '--log-level', 'error'])
    child = cli
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    cli.stdin.on('error', (error) => (output += `\n[stdin: ${error.message}]`))
    cli.on('error', (error) => (output += `\n[spawn: ${error.message}]`))
    const deadline = Date.now() + 10_000
    while (!ready(renderScreen(output)) && Date.now() < deadline && cli.exitCode === null) await new Promise((r) => setTimeout(r, 100))
    if (cli.exitCode === null) cli.stdin.write('\u0003')
    const timeout = setTimeout(() => cli.kill('SIGKILL'), 5_000)
    code = await exited(cli)
    clearTimeout(timeout)
  }, 20_000)

  afterAll(async () => {
    if (child === undefined) return
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited(child)
  })

  it('redraws the table in place: cursor home and clear screen before every frame, no JSON lines', () => {
    const screen = renderScreen(output)
    const frames = output.split('\u001b[H\u001b[2J').length - 1
    expect([frames >= 2, screen.clears, screen.lines.filter((l) => l.startsWith('tributary spread monitor')).length, output.includes('"kind":"spread-monitor"')]).toEqual([true, frames, 1, false])
  })

  it('labels the screen as simulated data', () => {
    expect(renderScreen(output).lines[0]).toMatch(/^tributary spread monitor {2}\[SIMULATED DATA: loopback simulators, synthetic market\] {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/)
  })

  it('shows one row per simulated market, each with a live book on an open connection', () => {
    expect(marketRows(renderScreen(output))).toEqual(MARKETS.map((m) => [...m, 'live', 'open']))
  })

  it('shows the column headers and, per instrument, the net-edge matrix with a figure in every cell', () => {
    const lines = renderScreen(output).lines
    const matrix = (instrument: string) => lines.slice(lines.findIndex((l) => l.startsWith(`${instrument}  best bid `)) + 1).slice(0, 5)
    expect([lines[2], matrix('BTC/USDT')[0], matrix('ETH/USDT')[0], [...matrix('BTC/USDT').slice(1), ...matrix('ETH/USDT').slice(1)].every((l) => /^ {2}\S+ \S+ +(?:(?:[+-]\d+\.\d|·) *){4}$/.test(l))]).toEqual([
      expect.stringMatching(/^VENUE +SYMBOL +BID +BID SIZE +ASK +ASK SIZE +AGE +BOOK +CONNECTION$/),
      '  net bps: buy \\ sell  okx BTC/USDT  okx BTC/USDT:USDT  kucoin BTC/USDT  weex BTC/USDT:USDT',
      '  net bps: buy \\ sell  okx ETH/USDT  okx ETH/USDT:USDT  kucoin ETH/USDT  weex ETH/USDT:USDT',
      true,
    ])
  })

  it('shows the best opportunity line and the reconnect and resync counters of every venue', () => {
    const lines = renderScreen(output).lines
    expect([lines.find((l) => l.startsWith('BEST  ')), lines.find((l) => l.startsWith('VENUES  '))]).toEqual([
      expect.stringMatching(/^BEST {2}(buy|no opportunity at or above \+0\.0 bps net; closest: buy) \S+ \S+ @ [\d.]+ -> sell \S+ \S+ @ [\d.]+ {2}net [+-]\d+\.\d bps/),
      'VENUES  okx: 0 reconnects, 0 resyncs | kucoin: 0 reconnects, 0 resyncs | weex: 0 reconnects, 0 resyncs',
    ])
  })

  it('stops on Ctrl-C with exit code 0', () => {
    expect(code).toBe(0)
  })
})
