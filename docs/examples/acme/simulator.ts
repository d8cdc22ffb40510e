import type { SimulatorScript, SyntheticMarket } from '@tributary/testkit'

// Step 6: the protocol as a script for testkit's loopback simulator (trades only, as the adapter above).

/** Answers pings and subscribes, and pushes the market's trades of every subscribed symbol every `tickMs`. */
export const acmeScript = (market: SyntheticMarket, tickMs = 20): SimulatorScript => {
  const topics = new Map<number, Set<string>>()
  let ticking = false
  return {
    name: 'acme',
    authorize: (req) => (req.path === '/ws' ? { ok: true } : { ok: false, status: 404 }),
    onOpen: (conn, sim) => {
      topics.set(conn.id, new Set())
      if (ticking) return
      ticking = true
      sim.every(tickMs, () => {
        market.advance(tickMs)
        for (const c of sim.openConnections)
          for (const topic of topics.get(c.id) ?? []) {
            const id = topic.split('@')[0]?.toUpperCase() ?? ''
            const symbol = market.symbols.find((s) => s.replace('/', '') === id) ?? id
            for (const tr of market.trades('acme', symbol))
              c.send(JSON.stringify({ e: 'trade', s: id, p: String(tr.price), q: String(tr.size), m: tr.side === 'sell', T: tr.ts, t: tr.id }))
          }
      })
    },
    onMessage: (conn, text, sim) => {
      if (text === '{"op":"ping"}') return sim.faults.answeringPings ? conn.send('{"op":"pong"}') : undefined
      const msg = JSON.parse(text) as { method: string; params: string[]; id: number }
      const reject = msg.method === 'SUBSCRIBE' ? sim.faults.takeReject() : undefined
      if (reject !== undefined) return conn.send(JSON.stringify({ id: msg.id, result: false }))
      const held = topics.get(conn.id)
      for (const p of msg.params) {
        if (msg.method === 'SUBSCRIBE') held?.add(p)
        else held?.delete(p)
      }
      conn.send(JSON.stringify({ id: msg.id, result: true }))
    },
    onClose: (conn) => {
      topics.delete(conn.id)
    },
    schemaFailureFrame: () => '{"e":"trade","s":"BTCUSDT","p":7,"q":"1","m":false,"T":1,"t":"x"}',
  }
}
