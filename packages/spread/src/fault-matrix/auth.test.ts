import type { Order, Ticker } from '@tributary/core'
import { DEFAULT_ACCOUNT } from '@tributary/okx/testing'
import { SIM_CREDENTIALS, autoCleanup, collect, pause, startKucoin, startOkx, startWeex, streamsOn, until, type Rig } from './support'

// Fault matrix, authentication rows: a refused login or signed handshake fails the private streams with a typed
// AuthenticationError, is never retried in a loop (that could lock the key), leaks no secret, and leaves the public
// streams of the same feed running.

autoCleanup()

const WRONG_SECRET = 'not-the-secret-at-all'
const SKEWED_CLOCK = (): number => Date.now() - 120_000

/** Private attempts the venue saw: OKX private sockets, KuCoin private token requests, Weex private upgrades. */
const privateAttempts = (rig: Rig): number =>
  rig.venue === 'okx'
    ? rig.sim.connections.filter((c) => c.path.endsWith('/private')).length
    : rig.venue === 'kucoin'
      ? rig.sim.httpRequests.filter((r) => r.path === '/api/v1/bullet-private').length
      : rig.sim.refused.filter((r) => r.path === '/v3/ws/private').length + rig.sim.connections.filter((c) => c.path === '/v3/ws/private').length

/** Subscribes orders and a public ticker, waits for the orders to fail, and returns what a row asserts. */
const failedLogin = async (rig: Rig, publicSymbol: string) => {
  const ticker = collect<Ticker>(rig.feed.ticker(publicSymbol))
  const orders = collect<Order>(rig.feed.orders())
  await until(() => orders.error !== undefined && ticker.values.length > 0)
  await pause(150) // a retry loop would show up here
  await streamsOn(ticker)
  const message = orders.error instanceof Error ? orders.error.message : ''
  const leaked = [WRONG_SECRET, SIM_CREDENTIALS.secret, DEFAULT_ACCOUNT.secret].filter((s) => message.includes(s))
  return { error: orders.error, attempts: privateAttempts(rig), leaked, tickerError: ticker.error }
}

describe('authentication failure: bad signature', () => {
  it('okx: the login is refused (60007), private streams fail once, public ones go on', async () => {
    const rig = await startOkx({ venue: { credentials: { ...DEFAULT_ACCOUNT, secret: WRONG_SECRET } } })
    expect(await failedLogin(rig, 'BTC/USDT')).toEqual({
      error: expect.objectContaining({ kind: 'authentication', code: '60007' }), attempts: 1, leaked: [], tickerError: undefined,
    })
    expect(rig.ops(rig.sim.connections.findIndex((c) => c.path.endsWith('/private')))).toEqual(['login'])
  })

  it('kucoin: the signed token request is refused, private streams fail once, public ones go on', async () => {
    const rig = await startKucoin({ venue: { credentials: { ...SIM_CREDENTIALS, secret: WRONG_SECRET } } })
    expect(await failedLogin(rig, 'BTC/USDT')).toEqual({
      error: expect.objectContaining({ kind: 'authentication' }), attempts: 1, leaked: [], tickerError: undefined,
    })
    expect(rig.sim.connections.every((c) => !c.query.get('token')?.startsWith('simprv'))).toBe(true)
  })

  it('weex: the signed upgrade is refused (401), private streams fail once, public ones go on', async () => {
    const rig = await startWeex({ venue: { credentials: { ...SIM_CREDENTIALS, secret: WRONG_SECRET } } })
    expect(await failedLogin(rig, 'BTC/USDT:USDT')).toEqual({
      error: expect.objectContaining({ kind: 'authentication', code: '401' }), attempts: 1, leaked: [], tickerError: undefined,
    })
  })
})

describe('authentication failure: clock skew', () => {
  it('okx: a login stamped two minutes late is refused (60006) and not retried', async () => {
    const rig = await startOkx({ feed: { now: SKEWED_CLOCK } })
    expect(await failedLogin(rig, 'BTC/USDT')).toEqual({
      error: expect.objectContaining({ kind: 'authentication', code: '60006' }), attempts: 1, leaked: [], tickerError: undefined,
    })
  })

  it('weex: an upgrade signed two minutes late is refused (401) and not retried', async () => {
    const rig = await startWeex({ feed: { now: SKEWED_CLOCK } })
    expect(await failedLogin(rig, 'BTC/USDT:USDT')).toEqual({
      error: expect.objectContaining({ kind: 'authentication', code: '401' }), attempts: 1, leaked: [], tickerError: undefined,
    })
    expect(rig.sim.refused.map((r) => r.status)).toEqual([401])
  })
})
