import { TestScheduler } from 'rxjs/testing'
import { Uplink } from './uplink'

const setup = (limits: ConstructorParameters<typeof Uplink>[1]) => {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b))
  const sent: string[] = []
  const uplink = new Uplink((f) => sent.push(`${scheduler.now()}:${f}`), limits, scheduler)
  return { scheduler, sent, uplink }
}

describe('Uplink', () => {
  it('sends at once when the connection has no limits', () => {
    const { sent, uplink } = setup({ maxChannels: 10, maxChannelsPerRequest: 10 })
    uplink.send('a', 'op')
    uplink.send('b', 'message')
    expect(sent).toEqual(['0:a', '0:b'])
  })

  it('holds ops beyond opsPerWindow until the oldest leaves the window, in order', () => {
    const { scheduler, sent, uplink } = setup({ maxChannels: 10, maxChannelsPerRequest: 10, opsPerWindow: { ops: 2, windowMs: 100 } })
    for (const f of ['a', 'b', 'c', 'd', 'e']) uplink.send(f, 'op')
    expect(uplink.queued).toBe(3)
    scheduler.flush()
    expect(sent).toEqual(['0:a', '0:b', '100:c', '100:d', '200:e'])
  })

  it('counts pings against messagesPerWindow and sends them ahead of queued ops', () => {
    const { scheduler, sent, uplink } = setup({ maxChannels: 10, maxChannelsPerRequest: 10, messagesPerWindow: { messages: 2, windowMs: 50 } })
    uplink.send('sub1', 'op')
    uplink.send('ping', 'message')
    uplink.send('sub2', 'op')
    uplink.send('ping', 'message')
    scheduler.flush()
    expect(sent).toEqual(['0:sub1', '0:ping', '50:ping', '50:sub2'])
  })

  it('lets messages through while ops wait for their own window', () => {
    const { scheduler, sent, uplink } = setup({ maxChannels: 10, maxChannelsPerRequest: 10, opsPerWindow: { ops: 1, windowMs: 100 } })
    uplink.send('a', 'op')
    uplink.send('b', 'op')
    uplink.send('ping', 'message')
    expect(sent).toEqual(['0:a', '0:ping'])
    scheduler.flush()
    expect(sent).toEqual(['0:a', '0:ping', '100:b'])
  })

  it('reports each held frame, with the wait and the limit when it starts one', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b))
    const holds: unknown[] = []
    const uplink = new Uplink(() => undefined, { maxChannels: 10, maxChannelsPerRequest: 10, opsPerWindow: { ops: 1, windowMs: 500 } }, scheduler, (kind, starts) =>
      holds.push([kind, starts]),
    )
    uplink.send('a', 'op')
    scheduler.schedule(() => {
      uplink.send('b', 'op')
      uplink.send('c', 'op')
    }, 200)
    scheduler.flush()
    expect(holds).toEqual([
      ['op', { waitMs: 300, limit: '1 subscribe/unsubscribe/login requests per 0.5 s' }],
      ['op', undefined],
    ])
  })

  it('sends everything queued on flushAll, limits notwithstanding', () => {
    const { sent, uplink } = setup({ maxChannels: 10, maxChannelsPerRequest: 10, opsPerWindow: { ops: 1, windowMs: 100 } })
    uplink.send('a', 'op')
    uplink.send('unsub', 'op')
    uplink.flushAll()
    expect(sent).toEqual(['0:a', '0:unsub'])
  })
})
