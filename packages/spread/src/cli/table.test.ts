import { feeTable } from '../fees'
import { applyInput, createBoard, type MarketInput } from '../market'
import { evaluate } from '../monitor'
import { book, bookState, connection } from '../__tests__/fixtures'
import { formatAge, formatNumber, renderTable, toJsonLine } from './table'

const markets = [
  { venue: 'okx', symbol: 'BTC/USDT:USDT' },
  { venue: 'kucoin', symbol: 'BTC/USDT' },
  { venue: 'weex', symbol: 'BTC/USDT:USDT' },
]
const inputs: MarketInput[] = [
  connection('okx', 'public#1', 'open'),
  book('okx', 'BTC/USDT:USDT', [[99.5, 4]], [[100, 2]], { receivedAt: 960 }),
  book('kucoin', 'BTC/USDT', [[101, 1.5]], [[101.5, 3]], { receivedAt: 900 }),
  book('weex', 'BTC/USDT:USDT', [[100.2, 1]], [[100.4, 1]]),
  bookState('weex', 'BTC/USDT:USDT', 'resyncing', 'live'),
]
const view = evaluate(inputs.reduce(applyInput, createBoard(markets)), { now: 1_000, fees: feeTable({ okx: 5, kucoin: 10 }) })

describe('renderTable', () => {
  const lines = renderTable(view, { label: 'SIMULATED DATA' })

  it('labels the screen and shows the time', () => {
    expect(lines[0]).toBe('tributary spread monitor  [SIMULATED DATA]  1970-01-01 00:00:01.000 UTC')
  })

  it('shows each market with touch, sizes, age, book and connection state', () => {
    expect(lines.slice(2, 6)).toEqual([
      'VENUE   SYMBOL         BID    BID SIZE  ASK    ASK SIZE  AGE    BOOK       CONNECTION',
      'okx     BTC/USDT:USDT  99.5   4         100    2         40ms   live       open',
      'kucoin  BTC/USDT       101    1.5       101.5  3         100ms  live       -',
      'weex    BTC/USDT:USDT  100.2  1         100.4  1         0ms    resyncing  -           excluded: book-not-live',
    ])
  })

  it('shows the consolidated touch and the net-edge matrix, with excluded pairs marked', () => {
    expect(lines.slice(7, 12)).toEqual([
      'BTC/USDT  best bid 101 (kucoin BTC/USDT)  best ask 100 (okx BTC/USDT:USDT)  CROSSED',
      '  net bps: buy \\ sell  okx BTC/USDT:USDT  kucoin BTC/USDT  weex BTC/USDT:USDT',
      '  okx BTC/USDT:USDT    ·                  +84.9            x',
      '  kucoin BTC/USDT      -211.9             ·                x',
      '  weex BTC/USDT:USDT   x                  x                ·',
    ])
  })

  it('highlights the best opportunity and shows the counters', () => {
    expect(lines.slice(-2)).toEqual([
      'BEST  buy okx BTC/USDT:USDT @ 100 -> sell kucoin BTC/USDT @ 101  net +84.9 bps  gross +100.0 bps  size 1.5 (150.00 notional)',
      'VENUES  okx: 0 reconnects, 0 resyncs | kucoin: 0 reconnects, 0 resyncs | weex: 0 reconnects, 1 resyncs',
    ])
  })

  it('says so when no spread reaches the minimum edge', () => {
    expect(renderTable(view, { minEdgeBps: 100 }).at(-2)).toBe(
      'BEST  no opportunity at or above +100.0 bps net; closest: buy okx BTC/USDT:USDT @ 100 -> sell kucoin BTC/USDT @ 101  net +84.9 bps  gross +100.0 bps  size 1.5 (150.00 notional)',
    )
  })

  it('colours the best opportunity only when asked', () => {
    expect([renderTable(view, { color: true }).join('\n').includes('\u001b[1;32mBEST'), lines.join('\n').includes('\u001b')]).toEqual([true, false])
  })
})

describe('renderTable with sizes in contracts of unknown value', () => {
  const contracts = [{ venue: 'okx', symbol: 'BTC/USDT:USDT' }, { venue: 'kucoin', symbol: 'BTC/USDT' }]
  const sized: MarketInput[] = [{ ...book('okx', 'BTC/USDT:USDT', [[99.5, 40]], [[100, 20]]), sizeUnit: 'contracts' }, book('kucoin', 'BTC/USDT', [[101, 1.5]], [[101.5, 3]])]
  const lines = renderTable(evaluate(sized.reduce(applyInput, createBoard(contracts)), { now: 1_000, fees: feeTable({ okx: 5, kucoin: 10 }) }))

  it('shows the size unit in the size columns instead of a size of 0', () => {
    expect(lines.slice(2, 5)).toEqual([
      'VENUE   SYMBOL         BID   BID SIZE   ASK    ASK SIZE   AGE  BOOK  CONNECTION',
      'okx     BTC/USDT:USDT  99.5  contracts  100    contracts  0ms  live  -',
      'kucoin  BTC/USDT       101   1.5        101.5  3          0ms  live  -',
    ])
  })
})

describe('toJsonLine', () => {
  it('writes the whole view on one line with extra fields', () => {
    const line = toJsonLine(view, { simulated: true })
    expect([line.includes('\n'), JSON.parse(line)]).toEqual([false, expect.objectContaining({ kind: 'spread-monitor', ts: 1_000, simulated: true })])
  })
})

describe('formatNumber and formatAge', () => {
  it.each([
    [67012.3, '67012.3'],
    [0.1 + 0.2, '0.3'],
    [0.00001234, '0.00001234'],
    [undefined, '-'],
  ])('formats %p as %s', (x, text) => {
    expect(formatNumber(x)).toBe(text)
  })

  it('shows ages under a second in ms and longer ones in seconds', () => {
    expect([formatAge(999.4), formatAge(1_250)]).toEqual(['999ms', '1.3s'])
  })
})
