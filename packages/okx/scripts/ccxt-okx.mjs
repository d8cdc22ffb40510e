// ccxt Pro as an independent OKX client, run in its own Node process (ccxt is ESM-only in practice; Jest runs CJS).
//   node ccxt-okx.mjs replay-book <capture.jsonl>   → JSON: one { line, key, bid, ask } per book frame, ccxt's best levels
//   node ccxt-okx.mjs watch <wsBase> <symbol> ...    → JSON: ticker, order book top and trades ccxt received from a server
//   node ccxt-okx.mjs private <wsBase> <key> <secret> <passphrase> → JSON: watchBalance, createOrderWs, watchOrders results
import { readFileSync } from 'node:fs'
import ccxt from 'ccxt'

const [mode, ...args] = process.argv.slice(2)

const replayBook = (path) => {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l, i) => ({ ...JSON.parse(l), line: i + 1 }))
  const markets = lines.filter((l) => l.dir === 'http').flatMap((l) => JSON.parse(l.data).data)
  const exchanges = new Map()
  const out = []
  for (const l of lines) {
    if (l.dir !== 'in') continue
    const message = JSON.parse(l.data)
    const channel = message.arg?.channel
    if (message.event !== undefined || (channel !== 'books' && channel !== 'books-l2-tbt' && channel !== 'books50-l2-tbt')) continue
    let exchange = exchanges.get(l.conn)
    if (exchange === undefined) {
      exchange = new ccxt.pro.okx()
      exchange.setMarkets(exchange.parseMarkets(markets))
      exchanges.set(l.conn, exchange)
    }
    const client = exchange.client(l.conn.replace(/#\d+$/, ''))
    client.send = () => undefined
    exchange.handleMessage(client, message)
    const symbol = exchange.safeMarket(message.arg.instId).symbol
    const book = exchange.orderbooks[symbol]?.limit() // what watchOrderBook hands its caller
    // copy the levels: ccxt updates them in place
    const top = (side) => (side?.[0] === undefined ? null : [side[0][0], side[0][1]])
    out.push({ line: l.line, key: `${l.conn} ${channel}:${message.arg.instId}`, bid: top(book?.bids), ask: top(book?.asks) })
  }
  return out
}

const watch = async (wsBase, symbols) => {
  const exchange = new ccxt.pro.okx({ options: { defaultType: 'spot' } })
  exchange.urls.api.ws = wsBase
  await exchange.loadHttpProxyAgent()
  exchange.setMarkets(
    symbols.map((symbol) => {
      const [base, quote] = symbol.split('/')
      return { id: `${base}-${quote}`, symbol, base, quote, baseId: base, quoteId: quote, type: 'spot', spot: true, swap: false, future: false, option: false, contract: false, active: true, precision: { price: 0.1, amount: 0.0001 }, limits: {}, info: { instId: `${base}-${quote}`, instType: 'SPOT' } }
    }),
  )
  const result = {}
  for (const symbol of symbols) {
    const ticker = await exchange.watchTicker(symbol)
    const book = await exchange.watchOrderBook(symbol)
    const trades = await exchange.watchTrades(symbol)
    result[symbol] = {
      ticker: { bid: ticker.bid, ask: ticker.ask, last: ticker.last },
      book: { bid: book.bids[0] ?? null, ask: book.asks[0] ?? null, bids: book.bids.length, asks: book.asks.length },
      trades: trades.map((t) => ({ id: t.id, price: t.price, amount: t.amount, side: t.side })),
    }
  }
  await exchange.close()
  return result
}

const privateFlow = async (wsBase, apiKey, secret, password) => {
  const exchange = new ccxt.pro.okx({ apiKey, secret, password })
  exchange.urls.api.ws = wsBase
  await exchange.loadHttpProxyAgent()
  exchange.setMarkets([{ id: 'BTC-USDT', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', baseId: 'BTC', quoteId: 'USDT', type: 'spot', spot: true, swap: false, future: false, option: false, contract: false, active: true, precision: { price: 0.1, amount: 0.0001 }, limits: {}, info: { instId: 'BTC-USDT', instType: 'SPOT' } }])
  const balance = await exchange.watchBalance()
  const ordersPromise = exchange.watchOrders('BTC/USDT')
  const placed = await exchange.createOrderWs('BTC/USDT', 'market', 'buy', 0.01)
  const orders = await ordersPromise
  await exchange.close()
  return {
    balance: { usdt: balance.USDT ?? null, btc: balance.BTC ?? null },
    placed: { id: placed.id },
    orders: orders.map((o) => ({ id: o.id, status: o.status, filled: o.filled, side: o.side })),
  }
}

const run = async () => {
  if (mode === 'replay-book') return replayBook(args[0])
  if (mode === 'watch') return watch(args[0], args.slice(1))
  if (mode === 'private') return privateFlow(args[0], args[1], args[2], args[3])
  throw new Error(`unknown mode ${mode}`)
}

run().then(
  (out) => {
    // exit only once the pipe has taken everything: a large result is written asynchronously
    process.stdout.write(JSON.stringify(out), () => process.exit(0))
  },
  (error) => {
    process.stderr.write(String(error?.stack ?? error))
    process.exit(1)
  },
)
