import { VirtualTimeScheduler, type SchedulerLike } from 'rxjs'
import type { Fill, FeedMetrics, OrderBook, Ticker } from '@tributary/core'
import { autoCleanup, collect, startKucoin, startOkx, until } from './support'

// Fault matrix, slow-consumer rows. A consumer that falls behind is modelled by holding back the feed's delivery
// scheduler: everything the socket delivers meanwhile waits for the consumer. Books (latest wins) are conflated and
// counted; fills (every one matters) are buffered up to `bufferCapacity`, beyond which the stream errors with a
// typed BufferOverflowError instead of dropping one silently.

autoCleanup()

/** A delivery scheduler that runs nothing until `release()`: the consumer is busy until then. */
const heldDelivery = (): { readonly scheduler: SchedulerLike; release(): void } => {
  const scheduler = new VirtualTimeScheduler()
  return { scheduler, release: () => scheduler.flush() }
}

const bookFramesSent = (frames: readonly string[], instId: string): string[] =>
  frames.filter((f) => f.includes('"channel":"books"') && f.includes(`"instId":"${instId}"`) && f.includes('"data"'))

describe('slow consumer: books are conflated', () => {
  it('okx: a consumer that fell behind gets only the latest book per symbol, and the conflation is counted', async () => {
    const held = heldDelivery()
    const rig = await startOkx({ feed: { deliveryScheduler: held.scheduler, metricsIntervalMs: 20, conflateAbove: 4 } })
    const books = collect<OrderBook>(rig.feed.book('BTC/USDT'))
    const sibling = collect<Ticker>(rig.feed.ticker('ETH/USDT'))
    const metrics = collect<FeedMetrics>(rig.feed.metrics$)
    await until(() => bookFramesSent(rig.sim.connections[0]?.sent ?? [], 'BTC-USDT').length >= 10)
    rig.sim.faults.silence(true) // freeze what the venue has said; once the client has read all of it, the consumer catches up
    const sent = rig.sim.connections[0]?.sent ?? []
    const lastSent = JSON.parse(bookFramesSent(sent, 'BTC-USDT').at(-1) ?? '{}') as { data: { seqId: number }[] }
    await until(() => (metrics.values.at(-1)?.connections[0]?.framesIn ?? 0) >= sent.length)
    held.release()
    rig.sim.faults.silence(false)
    expect({ delivered: books.values.length, seq: books.values[0]?.seq, status: books.values[0]?.status }).toEqual({
      delivered: 1, seq: lastSent.data[0]?.seqId, status: 'live',
    })
    await until(() => metrics.values.at(-1)?.subscriptions.some((s) => s.topic.includes('BTC-USDT') && s.conflated >= 9) === true)
    expect([sibling.values.length > 0, sibling.error, books.error]).toEqual([true, undefined, undefined])
  })
})

describe('slow consumer: fills are buffered, then fail loudly', () => {
  /** Two bursts of three matched orders; each burst arrives in one socket read. */
  const placeSix = async (rig: Awaited<ReturnType<typeof startKucoin>>): Promise<void> => {
    const matches = (): number => rig.sim.connections.reduce((n, c) => n + c.sent.filter((f) => f.includes('"type":"match"')).length, 0)
    const place = (n: number) => rig.script.placeOrder({ symbol: 'BTC-USDT', side: 'buy', price: 70_000, size: 0.1, clientOid: `bp-${n}` })
    for (const n of [1, 2, 3]) place(n)
    await until(() => matches() === 3)
    for (const n of [4, 5, 6]) place(n)
  }
  const privateSubscribed = (rig: Awaited<ReturnType<typeof startKucoin>>): boolean =>
    rig.sim.connections.some((c) => c.received.some((f) => f.includes('"subscribe"') && f.includes('tradeOrders')))

  it('kucoin: a consumer that falls behind by more than bufferCapacity fills (two bursts of 3, bound 4) gets a BufferOverflowError', async () => {
    const held = heldDelivery()
    const rig = await startKucoin({ feed: { deliveryScheduler: held.scheduler, bufferCapacity: 4 } })
    const fills = collect<Fill>(rig.feed.fills())
    const sibling = collect<Ticker>(rig.feed.ticker('ETH/USDT'))
    await until(() => privateSubscribed(rig))
    await placeSix(rig)
    await until(() => fills.error !== undefined && rig.sim.connections.some((c) => c.sent.some((f) => f.includes('/market/ticker:ETH-USDT'))))
    held.release()
    expect([fills.values, fills.error]).toEqual([[], expect.objectContaining({ kind: 'buffer-overflow', capacity: 4, stream: 'fills' })])
    expect([sibling.values.length > 0, sibling.error]).toEqual([true, undefined])
    const privateConn = rig.sim.connections.findIndex((c) => c.query.get('token')?.startsWith('simprv') === true)
    await until(() => rig.ops(privateConn).includes('unsubscribe')) // the failed stream let its subscription go
  })

  it('kucoin: a consumer that keeps up receives every fill, in order, under the same bound', async () => {
    const rig = await startKucoin({ feed: { bufferCapacity: 4 } })
    const fills = collect<Fill>(rig.feed.fills())
    await until(() => privateSubscribed(rig))
    await placeSix(rig)
    await until(() => fills.values.length === 6)
    expect([fills.values.map((f) => f.clientOrderId), fills.error]).toEqual([['bp-1', 'bp-2', 'bp-3', 'bp-4', 'bp-5', 'bp-6'], undefined])
  })
})
