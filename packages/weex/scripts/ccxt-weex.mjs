// ccxt Pro's weex client as an independent oracle, run in its own Node process (Jest cannot load ccxt's ESM deps).
//   node ccxt-weex.mjs replay-book <capture.jsonl>          → JSON: best bid/ask after every depth frame
//   node ccxt-weex.mjs watch <wsBase> <method> [count]      → JSON: the first `count` results of ccxt's watch<method>
// No network: replay feeds recorded frames to ccxt's handlers; watch connects to the loopback URL it is given.
import { readFileSync } from 'node:fs'
import ccxt from 'ccxt'

const MARKET = {
  id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', baseId: 'BTC', quoteId: 'USDT', settleId: 'USDT',
  type: 'swap', spot: false, margin: false, swap: true, future: false, option: false, contract: true, linear: true, inverse: false,
  active: true, contractSize: 1, precision: { amount: 0.0001, price: 0.1 }, limits: {}, info: {},
}

const exchange = () => {
  const ex = new ccxt.pro.weex()
  ex.setMarkets([MARKET])
  return ex
}

const top = (book) => ({ bid: book.bids[0] === undefined ? null : [book.bids[0][0], book.bids[0][1]], ask: book.asks[0] === undefined ? null : [book.asks[0][0], book.asks[0][1]] })

const [mode, ...args] = process.argv.slice(2)
if (mode === 'replay-book') {
  const ex = exchange()
  const client = ex.client('wss://ws-contract.weex.com/v3/ws/public')
  client.send = () => Promise.resolve()
  const out = []
  for (const line of readFileSync(args[0], 'utf8').split('\n')) {
    if (line.trim() === '') continue
    const { dir, data } = JSON.parse(line)
    if (dir !== 'in' || !data.includes('"e":"depth')) continue
    ex.handleMessage(client, JSON.parse(data))
    out.push(top(ex.orderbooks['BTC/USDT:USDT']))
  }
  process.stdout.write(JSON.stringify(out))
} else if (mode === 'watch') {
  const [wsBase, method, count = '1'] = args
  const ex = exchange()
  ex.urls.api.ws.contract = `${wsBase}/v3/ws`
  await ex.loadHttpProxyAgent()
  const results = []
  const timer = setTimeout(() => { process.stderr.write('timeout'); process.exit(2) }, 8000)
  try {
    for (let i = 0; i < Number(count); i++) {
      const r = await ex[method]('BTC/USDT:USDT')
      results.push(method === 'watchOrderBook' ? { ...top(r), nonce: r.nonce } : method === 'watchTrades' ? r.map((t) => ({ id: t.id, price: t.price, amount: t.amount, side: t.side })) : { last: r.last, high: r.high, low: r.low, baseVolume: r.baseVolume, markPrice: r.markPrice, info: r.info })
    }
    process.stdout.write(JSON.stringify(results))
  } catch (e) {
    process.stderr.write(String(e && e.message ? e.message : e))
    process.exitCode = 1
  } finally {
    clearTimeout(timer)
    await ex.close()
  }
} else {
  process.stderr.write(`unknown mode ${mode}`)
  process.exit(1)
}
