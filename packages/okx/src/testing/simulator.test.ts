import * as E from 'fp-ts/Either'
import { WebSocket } from 'ws'
import { createBookMachine, decodeJson, type BookMachine, type VenueChannel } from '@tributary/core'
import { loginFrame } from '../auth'
import { codecFor } from '../codecs'
import { interpret } from '../mappers'
import { createOkx } from '../adapter'
import { testContext } from '../__tests__/support'
import { DEFAULT_ACCOUNT } from './sim-state'
import { startOkxSimulator, type OkxSimulator, type OkxSimulatorOptions } from './simulator'

const decode = decodeJson('okx', codecFor)

interface Client {
  readonly frames: string[]
  send(frame: string | object): void
  next(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>
  closed: Promise<{ code: number; reason: string }>
  close(): void
}

const connect = (url: string): Promise<Client> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const frames: string[] = []
    let seen = 0
    const closed = new Promise<{ code: number; reason: string }>((done) => ws.on('close', (code, reason) => done({ code, reason: reason.toString() })))
    ws.on('message', (data) => frames.push(String(data)))
    ws.on('error', reject)
    ws.on('open', () =>
      resolve({
        frames,
        closed,
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        close: () => ws.close(),
        next: async (predicate, timeoutMs = 2_000) => {
          const deadline = Date.now() + timeoutMs
          for (;;) {
            const index = frames.findIndex((f, i) => i >= seen && predicate(f))
            if (index >= 0) {
              seen = index + 1
              return frames[index] ?? ''
            }
            if (Date.now() > deadline) throw new Error(`no matching frame; got ${frames.slice(seen).join('\n').slice(0, 500)}`)
            await new Promise((r) => setTimeout(r, 5))
          }
        },
      }),
    )
  })

const has = (...parts: string[]) => (frame: string) => parts.every((p) => frame.includes(p))

describe('OKX simulator', () => {
  let okx: OkxSimulator
  const clients: Client[] = []
  const open = async (group: string, options?: OkxSimulatorOptions): Promise<Client> => {
    if (options !== undefined) {
      await okx.close()
      okx = await startOkxSimulator(options)
    }
    const client = await connect(`${okx.wsBase}/${group}`)
    clients.push(client)
    return client
  }
  const login = async (client: Client, nowMs = Date.now(), account = DEFAULT_ACCOUNT) => {
    client.send(loginFrame(account, nowMs))
    return client.next(has('"event"'))
  }

  beforeEach(async () => {
    okx = await startOkxSimulator({ tickMs: 0 })
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close()
    await okx.close()
  })

  it('answers a text ping with a text pong', async () => {
    const c = await open('public')
    c.send('ping')
    expect(await c.next((f) => f === 'pong')).toBe('pong')
  })

  it('acks a subscribe per arg with the request id, then pushes a ticker the adapter decodes', async () => {
    const c = await open('public')
    c.send({ id: '3', op: 'subscribe', args: [{ channel: 'tickers', instId: 'BTC-USDT' }] })
    expect(JSON.parse(await c.next(has('"event":"subscribe"')))).toMatchObject({ id: '3', arg: { channel: 'tickers', instId: 'BTC-USDT' } })
    const ticker = decode(await c.next(has('"channel":"tickers"')))
    expect(E.map((f: { type: string }) => f.type)(ticker)).toEqual(E.right('tickers'))
  })

  it('rejects an unknown instrument with 60018, naming the channel in the text', async () => {
    const c = await open('public')
    c.send({ op: 'subscribe', args: [{ channel: 'tickers', instId: 'NOPE-USDT' }] })
    const frame = decode(await c.next(has('"event":"error"')))
    expect(E.map((f: Parameters<typeof interpret>[0]) => interpret(f, testContext()))(frame)).toEqual(E.right([expect.objectContaining({ type: 'reject', topic: 'tickers:NOPE-USDT' })]))
  })

  it('rejects a candle channel on the public URL with 64001', async () => {
    const c = await open('public')
    c.send({ op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USDT' }] })
    expect(JSON.parse(await c.next(has('"event":"error"')))).toMatchObject({ code: '64001' })
  })

  it('serves candles on the business URL', async () => {
    const c = await open('business')
    c.send({ op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USDT' }] })
    expect(JSON.parse(await c.next(has('"channel":"candle1m"', '"data"')))).toMatchObject({ data: [expect.arrayContaining(['0'])] })
  })

  it('refuses private channels before login with 60011', async () => {
    const c = await open('private')
    c.send({ op: 'subscribe', args: [{ channel: 'orders', instType: 'ANY' }] })
    expect(JSON.parse(await c.next(has('"event":"error"')))).toMatchObject({ code: '60011' })
  })

  it('accepts a login signed with the account secret', async () => {
    expect(JSON.parse(await login(await open('private')))).toMatchObject({ event: 'login', code: '0' })
  })

  it.each([
    ['60006', 'a timestamp outside the 30 s window', { nowMs: Date.now() - 60_000 }],
    ['60007', 'a bad signature', { account: { ...DEFAULT_ACCOUNT, secret: 'wrong' } }],
    ['60005', 'an unknown key', { account: { ...DEFAULT_ACCOUNT, apiKey: 'nobody' } }],
    ['60024', 'a wrong passphrase', { account: { ...DEFAULT_ACCOUNT, passphrase: 'wrong' } }],
  ])('refuses a login with %s for %s', async (code, _why, o: { nowMs?: number; account?: typeof DEFAULT_ACCOUNT }) => {
    expect(JSON.parse(await login(await open('private'), o.nowMs, o.account))).toMatchObject({ event: 'error', code })
  })

  const replayBook = async (c: Client, ticks: number, action?: () => void): Promise<BookMachine> => {
    const venue = createOkx()
    const rules = venue.spec.books
    if (rules === undefined) throw new Error('no book rules')
    const channel: VenueChannel = { key: 'books:BTC-USDT', group: 'public', topic: 'books:BTC-USDT', request: { kind: 'book', symbol: 'BTC/USDT' } }
    const machine = createBookMachine({ venue: 'okx', symbol: 'BTC/USDT', channel, rules, now: Date.now })
    c.send({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] })
    await c.next(has('"action":"snapshot"'))
    for (let i = 0; i < ticks; i++) {
      if (i === Math.floor(ticks / 2)) action?.()
      okx.tick()
    }
    await c.next(has('"action":"update"'))
    await new Promise((r) => setTimeout(r, 50))
    for (const raw of c.frames.filter(has('"channel":"books"', '"action"'))) {
      const frame = decode(raw)
      if (E.isLeft(frame)) throw frame.left
      for (const m of interpret(frame.right, testContext())) if (m.type === 'data') for (const event of m.events) if (event.kind === 'book-snapshot' || event.kind === 'book-update') machine.handle({ type: 'event', event })
    }
    return machine
  }

  it('sends books whose real CRC32 checksums verify in legacy mode', async () => {
    const machine = await replayBook(await open('public', { tickMs: 0, checksumMode: 'legacy' }), 30)
    expect({ status: machine.status, verified: machine.stats.checksumsVerified > 30, mismatches: machine.stats.checksumMismatches }).toEqual({ status: 'live', verified: true, mismatches: 0 })
  })

  it('sends checksum 0 in current mode, chained by seqId', async () => {
    const c = await open('public')
    const machine = await replayBook(c, 30)
    const updates = c.frames.filter(has('"action":"update"')).map((f) => JSON.parse(f) as { data: { checksum: number }[] })
    expect([machine.status, machine.stats.checksumsVerified, updates.every((u) => u.data[0]?.checksum === 0)]).toEqual(['live', 0, true])
  })

  it('skips one update on the skip-sequence fault, which the book sees as a gap', async () => {
    const machine = await replayBook(await open('public'), 20, () => okx.sim.faults.skipSequence())
    expect(machine.stats.sequenceGaps).toBe(1)
  })

  it('sends a wrong checksum on the corrupt-checksum fault', async () => {
    const machine = await replayBook(await open('public', { tickMs: 0, checksumMode: 'legacy' }), 20, () => okx.sim.faults.corruptChecksum())
    expect(machine.stats.checksumMismatches).toBe(1)
  })

  it('sends empty heartbeat updates with seqId equal to prevSeqId', async () => {
    const c = await open('public')
    c.send({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] })
    await c.next(has('"action":"snapshot"'))
    okx.heartbeat()
    const beat = JSON.parse(await c.next(has('"action":"update"'))) as { data: { seqId: number; prevSeqId: number; bids: unknown[] }[] }
    expect([beat.data[0]?.bids, beat.data[0]?.seqId === beat.data[0]?.prevSeqId]).toEqual([[], true])
  })

  it('closes a connection that got nothing for the idle timeout', async () => {
    const c = await open('public', { tickMs: 0, idleTimeoutMs: 100 })
    expect((await c.closed).code).toBe(4004)
  })

  it('fills a marketable order and pushes the order, the account and the reply', async () => {
    const c = await open('private')
    await login(c)
    c.send({ op: 'subscribe', args: [{ channel: 'orders', instType: 'ANY' }, { channel: 'account' }] })
    await c.next(has('"channel":"account"', '"data"'))
    c.send({ id: '77', op: 'order', args: [{ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'market', sz: '0.01' }] })
    const reply = JSON.parse(await c.next(has('"op":"order"'))) as { code: string; data: { sCode: string; ordId: string }[] }
    const order = JSON.parse(await c.next(has('"channel":"orders"'))) as { data: { state: string; ordId: string; fillSz: string }[] }
    expect([reply.code, reply.data[0]?.sCode, order.data[0]?.state, order.data[0]?.ordId === reply.data[0]?.ordId, order.data[0]?.fillSz]).toEqual(['0', '0', 'filled', true, '0.01'])
  })

  it('rejects an order beyond the balance with 51008', async () => {
    const c = await open('private')
    await login(c)
    c.send({ id: '78', op: 'order', args: [{ instId: 'BTC-USDT', tdMode: 'cash', side: 'sell', ordType: 'limit', px: '1', sz: '1000' }] })
    expect(JSON.parse(await c.next(has('"op":"order"')))).toMatchObject({ id: '78', code: '1', data: [{ sCode: '51008' }] })
  })

  it('refuses subscribe requests beyond the hourly budget with 60014', async () => {
    const c = await open('public', { tickMs: 0, opsPerHour: 2 })
    for (const instId of ['BTC-USDT', 'ETH-USDT', 'BTC-USDT']) c.send({ op: 'subscribe', args: [{ channel: 'tickers', instId }] })
    expect(JSON.parse(await c.next(has('"event":"error"')))).toMatchObject({ code: '60014' })
  })

  it('rejects the next subscribe with the armed code on the reject-subscribe fault', async () => {
    const c = await open('public')
    okx.sim.faults.rejectNextSubscribe('60029', 'Only whitelisted users may subscribe')
    c.send({ op: 'subscribe', args: [{ channel: 'tickers', instId: 'BTC-USDT' }, { channel: 'tickers', instId: 'ETH-USDT' }] })
    const error = JSON.parse(await c.next(has('"event":"error"'))) as { code: string; arg: unknown }
    expect([error.code, error.arg, JSON.parse(await c.next(has('"event":"subscribe"'))).arg]).toEqual([
      '60029',
      { channel: 'tickers', instId: 'BTC-USDT' },
      { channel: 'tickers', instId: 'ETH-USDT' },
    ])
  })

  it('serves instruments over REST', async () => {
    const response = await fetch(`${okx.restBase}/api/v5/public/instruments?instType=SWAP`)
    expect(await response.json()).toMatchObject({ code: '0', data: [{ instId: 'BTC-USDT-SWAP', ctVal: '0.01' }] })
  })
})
