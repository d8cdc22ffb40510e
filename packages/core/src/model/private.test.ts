import * as E from 'fp-ts/Either'
import { toIssues } from '../codec/decode'
import { Balance, Fill, Order, Position } from './private'

const pathsOf = (result: E.Either<Parameters<typeof toIssues>[0], unknown>): readonly string[] =>
  E.isLeft(result) ? toIssues(result.left).map((i) => i.path) : []

const base = { venue: 'okx', symbol: 'BTC/USDT:USDT', ts: 1700000000000, receivedAt: 1700000000012 }
const order: Order = {
  kind: 'order', ...base, id: '680800019749904384', side: 'buy', type: 'limit', status: 'partially_filled', size: 0.05, filledSize: 0.02,
  price: 43000, averagePrice: 43000, clientId: 'c1', timeInForce: 'gtc', reduceOnly: false, venueStatus: 'partially_filled',
}
const fill: Fill = { kind: 'fill', ...base, id: '2', orderId: order.id, side: 'buy', price: 43000, size: 0.02, fee: -0.1, feeCurrency: 'USDT', liquidity: 'maker' }
const balance: Balance = { kind: 'balance', ...base, symbol: 'USDT', currency: 'USDT', total: 1000, free: 900, used: 100 }
const position: Position = { kind: 'position', ...base, side: 'long', size: 0.02, contracts: 2, marginMode: 'cross', entryPrice: 43000 }

describe('private codecs', () => {
  it.each([
    ['Order', Order, order],
    ['Fill', Fill, fill],
    ['Balance', Balance, balance],
    ['Position', Position, position],
    ['closed Position', Position, { ...position, side: 'flat', size: 0 }],
  ] as const)('decode a valid %s', (_name, codec, value) => {
    expect(codec.decode(value)).toEqual(E.right(value))
  })

  it.each([
    ['an order with a venue status word as its status', Order, { ...order, status: 'live' }, ['status']],
    ['an order with an unknown type', Order, { ...order, type: 'iceberg' }, ['type']],
    ['an order without its filled size', Order, { ...order, filledSize: undefined }, ['filledSize']],
    ['a fill with an unknown liquidity flag', Fill, { ...fill, liquidity: 'both' }, ['liquidity']],
    ['a balance without its currency', Balance, { ...balance, currency: undefined }, ['currency']],
    ['a position with a net-mode side', Position, { ...position, side: 'net' }, ['side']],
    ['a position with an unknown margin mode', Position, { ...position, marginMode: 'portfolio' }, ['marginMode']],
  ] as const)('reject %s', (_name, codec, value, paths) => {
    expect(pathsOf(codec.decode(value))).toEqual(paths)
  })
})

// Compile-time: derived types are readonly (tsc fails if not).
export const readonlyChecks = (o: Order): void => {
  // @ts-expect-error status is readonly
  o.status = 'filled'
}
