// ccxt Pro's kucoin client as an independent oracle, run in its own Node process (Jest cannot load ccxt's ESM deps).
//   node ccxt-kucoin.mjs replay-book <capture.jsonl>                       → JSON: {symbol: [[seq, bid, ask], …]} once synced
//   node ccxt-kucoin.mjs watch <httpBase> <method> <count> [key secret pw]  → JSON: the first `count` results of watch<method>
// No network: replay feeds recorded frames (and recorded REST snapshots) to ccxt's handlers; watch talks to the loopback
// simulator whose HTTP base it is given (ccxt fetches a bullet token there and dials the endpoint in it).
import { readFileSync } from 'node:fs'
import ccxt from 'ccxt'

const market = (id) => {
  const [baseId, quoteId] = id.split('-')
  const base = baseId === 'BCHSV' ? 'BSV' : baseId
  return {
    id, symbol: `${base}/${quoteId}`, base, quote: quoteId, baseId, quoteId, type: 'spot', spot: true, margin: false, swap: false,
    future: false, option: false, contract: false, active: true, precision: { amount: 1e-8, price: 1e-10 }, limits: {}, info: {},
  }
}

const top = (book) => ({ bid: book.bids[0] === undefined ? null : [book.bids[0][0], book.bids[0][1]], ask: book.asks[0] === undefined ? null : [book.asks[0][0], book.asks[0][1]] })
const tick = () => new Promise((resolve) => setImmediate(resolve))

const [mode, ...args] = process.argv.slice(2)
if (mode === 'replay-book') {
  const lines = readFileSync(args[0], 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
  const ids = ['BCHSV-USDT', 'SNX-BTC', 'CAPP-BTC', 'ANKR-BTC', 'FET-BTC']
  const ex = new ccxt.pro.kucoin()
  ex.setMarkets(ids.map(market))
  const url = 'wss://push-private.kucoin.com/endpoint'
  const client = ex.client(url)
  client.send = () => Promise.resolve()
  for (const id of ids) client.subscriptions[`/market/level2:${id}`] = { limit: undefined }
  // A recorded REST snapshot answers ccxt's fetch once its line is reached.
  const waiting = new Map()
  const recorded = new Map()
  ex.fetchRestOrderBookSafe = (symbol) =>
    new Promise((resolve) => {
      const body = recorded.get(symbol)
      if (body !== undefined) resolve(body)
      else waiting.set(symbol, resolve)
    })
  const answer = (symbol, data) => {
    const book = ex.parseOrderBook(data, symbol, data.time, 'bids', 'asks')
    book.nonce = Number(data.sequence)
    recorded.set(symbol, book)
    waiting.get(symbol)?.(book)
    waiting.delete(symbol)
  }
  const out = {}
  for (const { dir, url: restUrl, data } of lines) {
    if (dir === 'http' && restUrl?.includes('orderbook')) {
      const id = new URL(restUrl).searchParams.get('symbol')
      answer(market(id).symbol, JSON.parse(data).data)
      await tick()
      await tick()
      continue
    }
    if (dir !== 'in' || !data.includes('trade.l2update')) continue
    const frame = JSON.parse(data)
    ex.handleMessage(client, frame)
    await tick()
    const symbol = market(frame.data.symbol).symbol
    const book = ex.orderbooks[symbol]
    if (book?.nonce !== undefined) (out[symbol] ??= []).push([frame.data.sequenceEnd, book.bids[0]?.[0] ?? null, book.asks[0]?.[0] ?? null])
  }
  process.stdout.write(JSON.stringify(out), () => process.exit(0))
} else if (mode === 'watch') {
  const [httpBase, method, count = '1', apiKey, secret, password] = args
  const ex = new ccxt.pro.kucoin(apiKey === undefined ? {} : { apiKey, secret, password })
  ex.setMarkets(['BTC-USDT'].map(market))
  for (const key of Object.keys(ex.urls.api)) ex.urls.api[key] = httpBase
  await ex.loadHttpProxyAgent()
  const results = []
  const timer = setTimeout(() => { process.stderr.write('timeout'); process.exit(2) }, 20_000)
  try {
    for (let i = 0; i < Number(count); i++) {
      const r = await ex[method]('BTC/USDT')
      results.push(method === 'watchOrderBook' ? { ...top(r), nonce: r.nonce } : method === 'watchTrades' ? r.map((t) => ({ id: t.id, price: t.price, amount: t.amount, side: t.side })) : { last: r.last, bid: r.bid, ask: r.ask })
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
