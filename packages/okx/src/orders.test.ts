import * as E from 'fp-ts/Either'
import { RequestTimeoutError, VenueRejectedError } from '@tributary/core'
import { createOrderEntry, type RequestPort } from './orders'

const reply = (data: object[], code = '0', msg = '') => ({ id: '1', op: 'order', code, msg, data })

const port = (answer: (frame: string) => unknown): RequestPort & { sent: string[]; groups: string[] } => {
  const sent: string[] = []
  const groups: string[] = []
  return {
    sent,
    groups,
    request: async (group, build) => {
      groups.push(group)
      const frame = build(41)
      sent.push(frame)
      const out = answer(frame)
      if (out instanceof Error) throw out
      return out
    },
  }
}

const limit = { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '30000', sz: '0.01', clOrdId: 'c1' } as const

describe('createOrderEntry', () => {
  it('sends an order op with the request id on the private connection', async () => {
    const p = port(() => reply([{ ordId: '9', clOrdId: 'c1', sCode: '0', sMsg: '' }]))
    await createOrderEntry(p).placeOrder(limit)
    expect([p.groups, p.sent.map((s) => JSON.parse(s))]).toEqual([['private'], [{ id: '41', op: 'order', args: [limit] }]])
  })

  it('resolves an accepted order with its id', async () => {
    const p = port(() => reply([{ ordId: '9', clOrdId: 'c1', sCode: '0', sMsg: '' }]))
    expect(await createOrderEntry(p).placeOrder(limit)).toEqual({ status: 'accepted', orderId: '9', clientOrderId: 'c1' })
  })

  it('accepts the reply wrapped in an Either', async () => {
    const p = port(() => E.right(reply([{ ordId: '9', clOrdId: '', sCode: '0', sMsg: '' }])))
    expect(await createOrderEntry(p).placeOrder(limit)).toEqual({ status: 'accepted', orderId: '9' })
  })

  it('types a per-order rejection with sCode and sMsg', async () => {
    const p = port(() => reply([{ ordId: '', clOrdId: 'c1', sCode: '51008', sMsg: 'Insufficient balance' }], '1'))
    expect(await createOrderEntry(p).placeOrder(limit)).toEqual({ status: 'rejected', code: '51008', message: 'Insufficient balance', clientOrderId: 'c1' })
  })

  it('types a request-level rejection', async () => {
    const p = port(() => E.left(new VenueRejectedError('okx', '60013', 'Invalid args')))
    expect(await createOrderEntry(p).cancelOrder({ instId: 'BTC-USDT', ordId: '9' })).toEqual({ status: 'rejected', code: '60013', message: 'Invalid args' })
  })

  it('reports a timeout as such', async () => {
    const p = port(() => new RequestTimeoutError('okx', 'order', 5000))
    expect(await createOrderEntry(p).amendOrder({ instId: 'BTC-USDT', ordId: '9', newPx: '1' })).toEqual({ status: 'timeout', timeoutMs: 5000 })
  })

  it('gives one result per order of a batch', async () => {
    const p = port(() => reply([{ ordId: '1', sCode: '0', sMsg: '' }, { ordId: '', sCode: '51000', sMsg: 'bad' }], '2'))
    const results = await createOrderEntry(p).placeOrders([limit, { ...limit, clOrdId: 'c2' }])
    expect([JSON.parse(p.sent[0] ?? '{}').op, results.map((r) => r.status)]).toEqual(['batch-orders', ['accepted', 'rejected']])
  })

  it('refuses a batch above 20 orders without sending it', async () => {
    const p = port(() => reply([]))
    const results = await createOrderEntry(p).placeOrders(Array.from({ length: 21 }, () => limit))
    expect([p.sent.length, results.every((r) => r.status === 'error')]).toEqual([0, true])
  })

  it('reports a malformed reply as an error', async () => {
    const p = port(() => ({ nonsense: true }))
    expect(await createOrderEntry(p).placeOrder(limit)).toMatchObject({ status: 'error' })
  })
})
