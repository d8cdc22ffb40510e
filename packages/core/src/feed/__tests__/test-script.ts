/**
 * The loopback simulator script of core's test venue (see socket/__tests__/test-venue.ts). Structurally typed so
 * that this helper does not import testkit (core's lint forbids it outside *.test.ts); tests pass it to
 * `startSimulator`.
 */
interface ScriptConnection {
  readonly id: number
  readonly open: boolean
  send(text: string): void
}
interface ScriptSim {
  readonly state: Map<string, unknown>
  readonly faults: { readonly answeringPings: boolean }
  readonly openConnections: readonly ScriptConnection[]
}
interface ScriptRequest {
  readonly method: string
  readonly path: string
}

/** Topics each connection subscribed (by connection id). */
const topicsOf = (sim: ScriptSim, conn: ScriptConnection): Set<string> => {
  const key = `topics#${conn.id}`
  let topics = sim.state.get(key) as Set<string> | undefined
  if (topics === undefined) {
    topics = new Set()
    sim.state.set(key, topics)
  }
  return topics
}

/** Topics the script refuses (`{"event":"error","topic":…}`). */
export const rejectTopic = (sim: ScriptSim, topic: string): void => {
  sim.state.set(`reject:${topic}`, true)
}

/** Makes every login fail with code 60009. */
export const refuseLogins = (sim: ScriptSim): void => {
  sim.state.set('refuse-login', true)
}

/** Sends `{"topic":…,"data":events}` to every open connection subscribed to `topic`; returns how many got it. */
export const publish = (sim: ScriptSim, topic: string, events: readonly object[]): number => {
  let n = 0
  for (const conn of sim.openConnections) {
    if (!topicsOf(sim, conn).has(topic)) continue
    conn.send(JSON.stringify({ topic, data: events }))
    n++
  }
  return n
}

export const testScript = {
  name: 'core-test-venue',
  onMessage(conn: ScriptConnection, text: string, sim: ScriptSim): void {
    if (text === 'ping') {
      if (sim.faults.answeringPings) conn.send('pong')
      return
    }
    const frame = JSON.parse(text) as { op: string; id?: number; args?: string[] }
    switch (frame.op) {
      case 'login':
        conn.send(sim.state.get('refuse-login') === true ? '{"event":"login","code":"60009","msg":"invalid key"}' : '{"event":"login","code":"0"}')
        return
      case 'subscribe':
        for (const topic of frame.args ?? []) {
          if (sim.state.get(`reject:${topic}`) === true) conn.send(JSON.stringify({ event: 'error', topic, code: '60018', msg: `no such channel ${topic}` }))
          else topicsOf(sim, conn).add(topic)
        }
        conn.send(JSON.stringify({ event: 'ack', id: frame.id }))
        return
      case 'unsubscribe':
        for (const topic of frame.args ?? []) topicsOf(sim, conn).delete(topic)
        conn.send(JSON.stringify({ event: 'ack', id: frame.id }))
        return
      case 'order':
        conn.send(JSON.stringify({ event: 'response', id: frame.id, result: { orderId: 'o-1' } }))
        return
      default:
        conn.send('{"event":"surprise"}')
    }
  },
  /** `POST /token` hands out a fresh token each time (like KuCoin's bullet). */
  http(req: ScriptRequest, sim: ScriptSim): { status: number; body: string } | undefined {
    if (req.method !== 'POST' || req.path !== '/token') return undefined
    const n = ((sim.state.get('tokens') as number | undefined) ?? 0) + 1
    sim.state.set('tokens', n)
    return { status: 200, body: JSON.stringify({ token: `tok-${n}` }) }
  },
}

export const ticker = (symbol: string, last: number, ts = 1): object => ({ kind: 'ticker', symbol, ts, last })
export const trade = (symbol: string, id: string): object => ({ kind: 'trade', symbol, ts: 1, id, price: 1, size: 1, side: 'buy' })
