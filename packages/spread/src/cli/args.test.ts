import { parseCli, type CliArgs } from './args'
import { UsageError } from './usage'

const VENUES = ['okx', 'kucoin', 'weex']
const parse = (argv: string, env: NodeJS.ProcessEnv = {}): CliArgs => parseCli(argv.split(' ').filter((s) => s !== ''), env, VENUES)
const usage = (argv: string, env: NodeJS.ProcessEnv = {}): string => {
  try {
    parse(argv, env)
  } catch (e) {
    if (e instanceof UsageError) return e.message
    throw e
  }
  throw new Error(`no usage error for ${argv}`)
}

describe('parseCli', () => {
  it('reads a spread command with its options', () => {
    expect(parse('spread BTC/USDT BTC/USDT:USDT --venues okx,kucoin --min-edge-bps 2.5 --fees okx=5,kucoin=10 --max-age 3s --same-quote USDT,USDC --json')).toEqual({
      command: 'spread',
      logLevel: 'warn',
      symbols: ['BTC/USDT', 'BTC/USDT:USDT'],
      venues: ['okx', 'kucoin'],
      minEdgeBps: 2.5,
      fees: { okx: 5, kucoin: 10 },
      maxAgeMs: 3_000,
      sameQuote: [['USDT', 'USDC']],
      via: 'book',
      json: true,
      intervalMs: undefined,
      endpoints: {},
    })
  })

  it('takes endpoints from the environment and lets the command line override them', () => {
    const args = parse('spread BTC/USDT --url okx=ws://127.0.0.1:1/ws/v5/public --url okx.private=ws://127.0.0.1:1/p --rest kucoin=http://127.0.0.1:2', {
      TRIBUTARY_OKX_URL: 'wss://elsewhere/ws/v5/public',
      TRIBUTARY_WEEX_REST_URL: 'http://127.0.0.1:3',
    })
    expect(args.command === 'spread' && args.endpoints).toEqual({
      okx: { public: 'ws://127.0.0.1:1/ws/v5/public', private: 'ws://127.0.0.1:1/p' },
      kucoin: { rest: 'http://127.0.0.1:2' },
      weex: { rest: 'http://127.0.0.1:3' },
    })
  })

  it('reads the output interval of spread and demo', () => {
    expect([parse('spread BTC/USDT --interval 250ms'), parse('demo --interval 2s')].map((a) => ('intervalMs' in a ? a.intervalMs : undefined))).toEqual([250, 2_000])
  })

  it('reads a replay command with its defaults', () => {
    expect(parse('replay capture.jsonl')).toEqual({ command: 'replay', logLevel: 'warn', file: 'capture.jsonl', venue: undefined, depth: 1, summary: undefined, instruments: undefined })
  })

  it('reads demo durations in seconds, milliseconds and minutes', () => {
    const ms = ['demo', 'demo --duration 500ms', 'demo --duration 2m', 'demo --duration 10'].map((a) => {
      const args = parse(a)
      return args.command === 'demo' ? args.durationMs : undefined
    })
    expect(ms).toEqual([30_000, 500, 120_000, 10_000])
  })

  it('reads simulate faults and port', () => {
    const args = parse('simulate --venues okx --port 9000 --faults drop,gap')
    expect(args).toMatchObject({ command: 'simulate', venues: ['okx'], port: 9000, faults: ['drop', 'gap'] })
  })

  it('reads record options', () => {
    expect(parse('record --venue okx --channels book,trades --symbols BTC/USDT,ETH/USDT --out x.jsonl --duration 1m')).toMatchObject({
      command: 'record',
      venue: 'okx',
      channels: ['book', 'trades'],
      symbols: ['BTC/USDT', 'ETH/USDT'],
      out: 'x.jsonl',
      durationMs: 60_000,
    })
  })

  it.each([
    ['', 'help'],
    ['--help', 'help'],
    ['spread --help', 'help'],
  ])('shows help for %j', (argv, command) => {
    expect(parse(argv).command).toBe(command)
  })

  it.each([
    ['launch', /unknown command "launch"/],
    ['spread', /at least one unified symbol/],
    ['spread BTCUSDT', /not a unified symbol/],
    ['spread BTC/USDT --venues okx,binance', /unknown venue binance/],
    ['spread BTC/USDT --fees okx', /--fees: bad fee "okx"/],
    ['spread BTC/USDT --min-edge-bps lots', /--min-edge-bps: expected a number/],
    ['spread BTC/USDT --via carrier-pigeon', /--via/],
    ['spread BTC/USDT --bogus', /Unknown option '--bogus'/],
    ['spread BTC/USDT --url okx=ftp://x', /--url: expected a ws/],
    ['spread BTC/USDT --url binance=ws://x', /--url: unknown venue "binance"/],
    ['demo --duration soon', /--duration: expected a duration/],
    ['simulate --faults meteor', /--faults: unknown fault meteor/],
    ['simulate --port 70000', /--port: expected 0..65535/],
    ['replay', /exactly one capture file/],
    ['replay a.jsonl --venue ftx', /--venue: unknown venue "ftx"/],
    ['replay a.jsonl --depth 0', /--depth: expected at least 1/],
    ['record --venue okx', /--out/],
    ['record --venue okx --out x.jsonl --channels gossip --symbols BTC/USDT', /--channels: unknown channel "gossip"/],
    ['spread BTC/USDT --log-level loud', /--log-level/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(usage(argv)).toMatch(message)
  })

  it('refuses a malformed endpoint in the environment, naming the variable', () => {
    expect(usage('spread BTC/USDT', { TRIBUTARY_OKX_REST_URL: 'nowhere' })).toMatch(/TRIBUTARY_OKX_REST_URL/)
  })
})
