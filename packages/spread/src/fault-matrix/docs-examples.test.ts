import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Writable } from 'node:stream'
import { firstValueFrom } from 'rxjs'
import { AuthenticationError, BufferOverflowError, ConfigurationError, DecodeError, VenueRejectedError, createFeed, type Trade } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { kucoinSimulator } from '@tributary/kucoin/testing'
import { createOkx } from '@tributary/okx'
import { startOkxSimulator } from '@tributary/okx/testing'
import { SyntheticMarket, recordingLogger, startSimulator } from '@tributary/testkit'
import { weexScript } from '@tributary/weex/testing'
import { ACME_ENTRIES } from '../../../../docs/examples/acme/venue-entry'
import { acmeScript } from '../../../../docs/examples/acme/simulator'
import { createFeeds } from '../../../../docs/examples/configure-feeds'
import { venuesAt } from '../../../../docs/examples/endpoints'
import { actionFor } from '../../../../docs/examples/error-handling'
import { watchHealth } from '../../../../docs/examples/health'
import { productionLogger } from '../../../../docs/examples/logging'
import { watchSpread } from '../../../../docs/examples/two-venue-spread'
import { SIM_CREDENTIALS, autoCleanup, collect, contiguous, kucoinMarket, onTeardown, tradeNumbers, until } from './support'

autoCleanup()

const ROOT = join(__dirname, '../../../..')
const MARKER = /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'examples' ? [] : markdownFiles(join(dir, e.name))) : e.name.endsWith('.md') ? [join(dir, e.name)] : []))

const examples = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))].flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(MARKER)].map((m) => ({ doc: relative(ROOT, file), path: m[1] ?? '', block: m[2] ?? '' })),
)

describe('examples in the docs', () => {
  it('marks at least the README example and one per operations, reliability and adapters page', () => {
    expect([...new Set(examples.map((e) => e.doc))].sort()).toEqual(['README.md', 'docs/adapters.md', 'docs/operations.md', 'docs/reliability.md'])
  })

  it.each(examples.map((e) => [`${e.doc} → ${e.path}`, e] as const))('%s: the block appears verbatim in its compiled file', (_, e) => {
    expect(readFileSync(join(ROOT, e.path), 'utf8')).toContain(e.block)
  })

  it('shows every top-level example file in some doc', () => {
    const files = readdirSync(join(ROOT, 'docs/examples')).filter((f) => f.endsWith('.ts')).map((f) => `docs/examples/${f}`)
    expect(files.filter((f) => !examples.some((e) => e.path === f))).toEqual([])
  })
})

describe('README: the two-venue spread', () => {
  it('logs spreads of live OKX and KuCoin books, pointed at the simulators', async () => {
    const okx = await startOkxSimulator({ tickMs: 20 })
    const kucoin = await startSimulator(kucoinSimulator({ market: kucoinMarket(), pushIntervalMs: 20 }))
    onTeardown(() => okx.close())
    onTeardown(() => kucoin.close())
    const logger = recordingLogger()
    const stop = watchSpread({ okx: createOkx({ wsBase: okx.wsBase, urls: { rest: okx.restBase } }), kucoin: createKucoin({ urls: { rest: kucoin.httpBase } }), logger })
    onTeardown(stop)
    await until(() => logger.messages('info').filter((m) => m === 'spread').length >= 3)
    const spread = logger.lines.find((l) => l.message === 'spread')?.meta
    expect([Number.isFinite(spread?.['buyOkxSellKucoin']), Number.isFinite(spread?.['buyKucoinSellOkx']), logger.messages('info')]).toEqual([true, true, expect.arrayContaining(['status'])])
  })
})

describe('operations.md examples', () => {
  it('venuesAt(): points all three venues at other hosts', async () => {
    const okx = await startOkxSimulator({ tickMs: 20 })
    const kucoin = await startSimulator(kucoinSimulator({ market: kucoinMarket(), pushIntervalMs: 20 }))
    const weex = await startSimulator(weexScript({ tickMs: 20 }))
    onTeardown(() => Promise.all([okx.close(), kucoin.close(), weex.close()]))
    const venues = venuesAt({ okx: { ws: okx.wsBase, rest: okx.restBase }, kucoin: { rest: kucoin.httpBase }, weex: { ws: weex.wsBase, rest: weex.httpBase } })
    const feeds = venues.map((v) => createFeed(v))
    onTeardown(() => feeds.forEach((f) => f.close()))
    const symbols = ['BTC/USDT', 'BTC/USDT', 'BTC/USDT:USDT']
    const tickers = await Promise.all(feeds.map((f, i) => firstValueFrom(f.ticker(symbols[i] ?? ''))))
    expect(tickers.map((t) => [t.venue, t.symbol])).toEqual([['okx', 'BTC/USDT'], ['kucoin', 'BTC/USDT'], ['weex', 'BTC/USDT:USDT']])
  })

  it('createFeeds(): one lazy feed per venue, credentials read from the environment by the app', () => {
    const env = { TRIBUTARY_OKX_API_KEY: 'k', TRIBUTARY_OKX_API_SECRET: 's', TRIBUTARY_OKX_API_PASSPHRASE: 'p' }
    const feeds = createFeeds(env)
    feeds.forEach((f) => f.close())
    expect(feeds.map((f) => f.venue)).toEqual(['okx', 'kucoin', 'weex'])
  })

  it('productionLogger(): writes JSON lines with every secret redacted', () => {
    let text = ''
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((text += chunk.toString('utf8')), done()) })
    productionLogger(stream, SIM_CREDENTIALS)
    const line = JSON.parse(text.trim()) as Record<string, unknown>
    const leaked = [SIM_CREDENTIALS.apiKey, SIM_CREDENTIALS.secret, SIM_CREDENTIALS.passphrase, 'abc123def'].filter((s) => text.includes(s))
    expect([line['message'], line['venue'], line['apiKey'], leaked, text.includes('not written')]).toEqual(['configured', 'okx', '[redacted]', [], false])
  })

  it('watchHealth(): logs connection states and issues of a feed', async () => {
    const okx = await startOkxSimulator({ tickMs: 20 })
    onTeardown(() => okx.close())
    const feed = createFeed(createOkx({ wsBase: okx.wsBase, urls: { rest: okx.restBase } }))
    onTeardown(() => feed.close())
    const logger = recordingLogger()
    onTeardown(() => health.unsubscribe())
    const health = watchHealth(feed, logger)
    const tickers = collect(feed.ticker('BTC/USDT'))
    await until(() => tickers.values.length > 0)
    okx.sim.faults.sendMalformed()
    await until(() => logger.messages('warn').includes('issue'))
    expect(logger.lines.find((l) => l.message === 'issue')?.meta).toMatchObject({ venue: 'okx', code: 'decode-error', codec: 'JSON' })
    expect(logger.lines.filter((l) => l.message === 'connection').map((l) => l.meta['state'])).toEqual(['connecting', 'open'])
  })
})

describe('reliability.md example', () => {
  it.each([
    { error: new ConfigurationError('okx', 'no channel'), action: 'fix-configuration' },
    { error: new AuthenticationError('okx', '60007', 'Invalid sign'), action: 'check-credentials' },
    { error: new VenueRejectedError('okx', '60018', 'no such instrument'), action: 'drop-symbol' },
    { error: new BufferOverflowError('kucoin', 'fills', 10_000), action: 'consume-faster' },
    { error: new DecodeError({ venue: 'weex', codec: 'JSON', issues: [], raw: 'x' }), action: 'already-retried' },
  ])('actionFor() answers $action to a $error.kind error', ({ error, action }) => {
    expect(actionFor(error)).toBe(action)
  })
})

describe('adapters.md: the fourth venue, Acme', () => {
  it('streams trades through the venue-list entry, against its simulator script', async () => {
    const market = new SyntheticMarket({ seed: 11, instruments: [{ symbol: 'BTC/USDT', mid: 65_000, tickSize: 0.1, lotSize: 0.001 }] })
    const sim = await startSimulator(acmeScript(market))
    onTeardown(() => sim.close())
    const [entry] = ACME_ENTRIES
    if (entry === undefined) throw new Error('docs/examples/acme/venue-entry.ts lists no entry')
    const feed = createFeed(entry.create({ endpoints: { public: `${sim.wsBase}/ws` } }))
    onTeardown(() => feed.close())
    const issues = collect(feed.issues$)
    const trades = collect<Trade>(feed.trades('BTC/USDT'))
    await until(() => trades.values.length >= 5)
    sim.faults.sendSchemaFailure()
    await until(() => issues.values.length > 0)
    expect([contiguous(tradeNumbers(trades.values)), trades.values[0]?.venue, sim.connections[0]?.received[0]]).toEqual([true, 'acme', '{"method":"SUBSCRIBE","params":["btcusdt@trade"],"id":1}'])
    expect(issues.values[0]?.message).toBe('acme: AcmeTrade: p: expected a decimal string, got 7')
  })
})
