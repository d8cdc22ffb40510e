import { wsDialer } from '@tributary/core'
import type { Subscription } from 'rxjs'
import { stampUs, type PumpKind } from './bench-scripts'
import type { BenchClient } from './clients'
import { SIM_VENUES, type SimEndpoints, type SimVenue } from './protocol'
import type { Recorder } from './recorder'

interface Wire {
  readonly url: string
  /** Sent once the socket is open (KuCoin: after its welcome). */
  readonly subscribe: string
  /** The send stamp of a data frame, or undefined for acks and greetings. */
  readonly stamp: (frame: Record<string, unknown>) => number | undefined
}

const first = (x: unknown): Record<string, unknown> => (Array.isArray(x) && typeof x[0] === 'object' && x[0] !== null ? (x[0] as Record<string, unknown>) : {})
const asRecord = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {})

const wires = async (endpoints: Readonly<Record<SimVenue, SimEndpoints>>, kind: PumpKind): Promise<Record<SimVenue, Wire>> => {
  const res = await fetch(`${endpoints.kucoin.httpBase}/api/v1/bullet-public`, { method: 'POST' })
  const token = (await res.json()) as { data: { token: string; instanceServers: { endpoint: string }[] } }
  const endpoint = token.data.instanceServers[0]?.endpoint ?? ''
  return {
    okx: {
      url: `${endpoints.okx.wsBase}/ws/v5/public`,
      subscribe: JSON.stringify({ op: 'subscribe', args: [{ channel: kind === 'ticker' ? 'tickers' : 'trades', instId: 'BTC-USDT' }] }),
      stamp: (f) => (f['data'] === undefined ? undefined : Number(first(f['data'])['ts'])),
    },
    kucoin: {
      url: `${endpoint}?token=${token.data.token}&connectId=floor`,
      subscribe: JSON.stringify({ id: 1, type: 'subscribe', topic: `${kind === 'ticker' ? '/market/ticker' : '/market/match'}:BTC-USDT`, response: true }),
      stamp: (f) => {
        if (f['type'] !== 'message') return undefined
        const time = asRecord(f['data'])['time']
        return kind === 'ticker' ? Number(time) : Number(String(time).slice(0, -6))
      },
    },
    weex: {
      url: `${endpoints.weex.wsBase}/v3/ws/public`,
      subscribe: JSON.stringify({ method: 'SUBSCRIBE', params: [`BTCUSDT@${kind === 'ticker' ? 'ticker' : 'trade'}`], id: 1 }),
      stamp: (f) => (typeof f['E'] === 'number' ? f['E'] : undefined),
    },
  }
}

/**
 * The floor: one bare socket per venue (core's `wsDialer`, a thin Observable over `ws`) and `JSON.parse`, nothing
 * else: no validation, mapping, routing or delivery scheduling.
 */
export const wsFloorClient = async (endpoints: Readonly<Record<SimVenue, SimEndpoints>>, kind: PumpKind, recorder: Recorder): Promise<BenchClient> => {
  const table = await wires(endpoints, kind)
  const errors: string[] = []
  const dial = wsDialer()
  /** KuCoin subscribes only after its welcome frame. */
  let kucoinSocket: { send(text: string): void } | undefined
  const subs: Subscription[] = SIM_VENUES.map((v) => {
    const wire = table[v]
    return dial({ url: wire.url, headers: { 'User-Agent': 'tributary-bench' } }, { venue: v, connection: 'floor' }).subscribe({
      next: (event) => {
        if (typeof event !== 'string') {
          if (v !== 'kucoin') event.send(wire.subscribe)
          else kucoinSocket = event
          return
        }
        const frame = asRecord(JSON.parse(event))
        if (v === 'kucoin' && frame['type'] === 'welcome') kucoinSocket?.send(wire.subscribe)
        const stamp = wire.stamp(frame)
        if (stamp === undefined || Number.isNaN(stamp)) return
        recorder.record(v, stampUs() - stamp)
      },
      error: (e: unknown) => void errors.push(`${v}: ${e instanceof Error ? e.message : String(e)}`),
    })
  })
  return {
    name: `ws floor ${kind}`,
    errors,
    close: () => {
      for (const s of subs) s.unsubscribe()
      return Promise.resolve()
    },
  }
}
