import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { decodeJson, type InterpretContext, type VenueMessage } from '@tributary/core'
import { codecFor, type KucoinFrame } from './codecs'
import { createDecode } from './decode'
import { createExactDecode } from './fast-exact'
import { createLayoutDecode } from './fast-layout'
import { createMatchDecode } from './fast-match'
import { createScanDecode } from './fast-scan'
import { createTickerDecode } from './fast-ticker'
import { createInterpreter } from './interpret'
import { createKucoinSymbols } from './symbols'

// Frames built from the codecs' shapes, then mutated, as text: every tier of the fast path must answer exactly what the
// full path means, or nothing.

/**
 * A JSON value as text pieces: an object keeps its members as written (duplicates, order), each with another value of
 * its kind for duplicating it; a leaf keeps its text as sent.
 */
type Node = { readonly obj: readonly Member[] } | { readonly arr: readonly Node[] } | { readonly text: string }
type Member = readonly [key: string, value: Node, other: Node]

const write = (node: Node, space: string): string => {
  if ('text' in node) return node.text
  if ('arr' in node) return `[${space}${node.arr.map((n) => write(n, space)).join(`,${space}`)}${space}]`
  return `{${space}${node.obj.map(([k, v]) => `${k}${space}:${space}${write(v, space)}`).join(`,${space}`)}${space}}`
}

const leaf = (text: string): Node => ({ text })
const str = (s: string): Node => leaf(JSON.stringify(s))

/** What one mutation does to one member of one object of a frame. */
type Mutation = 'none' | 'twice' | 'drop' | 'escape'
const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Mutation>('none') },
  { weight: 2, arbitrary: fc.constant<Mutation>('twice') },
  { weight: 1, arbitrary: fc.constantFrom<Mutation>('drop', 'escape') },
)

/** Applies `what` to member `j` of the `i`-th object (depth first), counted modulo: a new tree. */
const mutate = (root: Node, what: Mutation, i: number, j: number): Node => {
  let objects = 0
  const count = (node: Node): void => {
    if ('obj' in node) objects++
    if ('obj' in node) node.obj.forEach(([, v]) => count(v))
    if ('arr' in node) node.arr.forEach(count)
  }
  count(root)
  let seen = 0
  const target = i % objects
  const walk = (node: Node): Node => {
    if ('text' in node) return node
    if ('arr' in node) return { arr: node.arr.map(walk) }
    const here = seen++ === target
    const members = node.obj.map(([k, v, o]): Member => [k, walk(v), o])
    if (!here || members.length === 0 || what === 'none') return { obj: members }
    const at = j % members.length
    const [k, , other] = members[at] as Member
    if (what === 'twice') return { obj: [...members, [k, other, other]] }
    if (what === 'drop') return { obj: members.filter((_, n) => n !== at) }
    const escaped = `"\\u00${k.charCodeAt(1).toString(16)}${k.slice(2)}`
    return { obj: members.map((m, n): Member => (n === at ? [escaped, m[1], m[2]] : m)) }
  }
  return walk(root)
}

const decimalText = fc.oneof(
  { weight: 10, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 10, arbitrary: fc.stringMatching(/^-?(\d{1,18}\.?\d{0,12}|\.\d{1,5})([eE][-+]?\d{1,3})?$/) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.000', '-0', '1e999', '', '.', '-', '0x10', ' 1', 'NaN', '1_0') },
)
const decimal = fc.oneof({ weight: 40, arbitrary: decimalText.map(str) }, { weight: 1, arbitrary: fc.constantFrom('5', 'null', '"1\\u0030"').map(leaf) })
const number = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 0, max: 2 ** 53 }).map((n) => leaf(String(n))) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => leaf(JSON.stringify(n))) },
  { weight: 1, arbitrary: fc.constantFrom('-0', '1e999', '"12"', 'null', '1E3', '0.5e-2').map(leaf) },
)
const digits = fc.oneof({ weight: 40, arbitrary: fc.stringMatching(/^\d{1,16}$/).map(str) }, { weight: 1, arbitrary: fc.constantFrom('""', '"1.5"', '7', '"1\\u0032"').map(leaf) })
const symbol = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('BTC-USDT', 'BCHSV-USDT', 'ETH-BTC').map(str) },
  { weight: 1, arbitrary: fc.constantFrom('"BTC\\u002dUSDT"', '"é-ü"', '"A-B-C"', '""', '5').map(leaf) },
)
const row = fc
  .tuple(decimal, decimal, digits, fc.integer({ min: 0, max: 40 }))
  .map(([p, s, q, n]): Node => ({ arr: n === 0 ? [p, s] : n === 1 ? [p, s, q, q] : [p, s, q] }))
const rows = fc.oneof({ weight: 40, arbitrary: fc.array(row, { maxLength: 4 }).map((arr): Node => ({ arr })) }, { weight: 1, arbitrary: fc.constantFrom(leaf('null'), leaf('{}')) })

/**
 * An object from named members (an `undefined` value leaves one out), in order or (unless `ordered`) shuffled, sometimes
 * with an unknown one.
 */
const object = (members: readonly (readonly [string, fc.Arbitrary<Node | undefined>])[], ordered = false): fc.Arbitrary<Node> =>
  fc
    .tuple(
      fc.tuple(...members.map(([name, value]) => fc.tuple(fc.constant(JSON.stringify(name)), value, value, fc.nat()))),
      fc.oneof(
        { weight: 12, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('"extra"', '"time"', '"data"', '"x"'), fc.json().map(leaf), fc.json().map(leaf), fc.nat()).map((m) => [m]) },
      ),
      ordered ? fc.constant(false) : fc.boolean(),
    )
    .map(([named, unknown, shuffle]) => {
      const all = [...named, ...unknown]
      const ordered = shuffle ? [...all].sort((a, b) => a[3] - b[3]) : all
      return { obj: ordered.flatMap(([k, v, o]): Member[] => (v === undefined || o === undefined ? [] : [[k, v, o]])) }
    })

/** A `message` frame; `typeFirst` writes its members as later KuCoin frames do (`type`, `topic`, `subject`, `data`). */
const message = (subject: fc.Arbitrary<string>, topic: fc.Arbitrary<string>, data: fc.Arbitrary<Node>, typeFirst = false, ordered = false) => {
  const members: (readonly [string, fc.Arbitrary<Node>])[] = [
    ['data', data],
    ['subject', subject.map(str)],
    ['topic', topic.map(str)],
    ['type', fc.oneof({ weight: 40, arbitrary: fc.constant(str('message')) }, { weight: 1, arbitrary: fc.constantFrom(str('welcome'), leaf('"mess\\u0061ge"'), leaf('1')) })],
  ]
  return object(typeFirst ? [...members].reverse() : members, ordered)
}

/**
 * A `/market/level2` update; `changesFirst` writes `data` in the order of KuCoin's 2022 frames; `ordered` keeps the
 * members in that order (the layouts the exact tier reads).
 */
const level2In = (typeFirst: boolean, changesFirst: boolean, ordered = false) => {
  const sequences = [
    ['sequenceStart', number],
    ['symbol', symbol],
  ] as const
  const changes = [
    ['changes', object([['asks', rows], ['bids', rows]], ordered)],
    ['sequenceEnd', number],
  ] as const
  return message(
    fc.oneof({ weight: 40, arbitrary: fc.constant('trade.l2update') }, { weight: 1, arbitrary: fc.constantFrom('trade.ticker', 'level2') }),
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('/market/level2:BTC-USDT', '/market/level2:BCHSV-USDT', '/market/level2') },
      { weight: 1, arbitrary: fc.constantFrom('/market/level2x:BTC-USDT', '/market/ticker:BTC-USDT', '/market/level2:\u0001') },
    ),
    object([
      ...(changesFirst ? [...changes, ...sequences] : [sequences[0], sequences[1], ...changes]),
      // absent in 2021-era frames
      ['time', fc.option(number, { nil: undefined })],
    ], ordered),
    typeFirst,
    ordered,
  )
}
const level2 = fc.oneof(level2In(false, false), level2In(true, false), level2In(true, true), level2In(false, true))
/** Level2 updates in the layouts KuCoin writes (members in their places), each also mutated by `frameText`. */
const LAYOUTS = [level2In(false, false, true), level2In(true, false, true), level2In(true, true, true), level2In(false, true, true)]

const TICKER_MEMBERS: Readonly<Record<string, fc.Arbitrary<Node>>> = {
  sequence: fc.oneof({ weight: 40, arbitrary: digits }, { weight: 1, arbitrary: fc.constantFrom(leaf('5'), str('a\u0001b')) }),
  ...Object.fromEntries(['price', 'size', 'bestBid', 'bestBidSize', 'bestAsk', 'bestAskSize'].map((name) => [name, decimal])),
  time: number,
}
/** `data` orders of KuCoin's ticker pushes: documented, 2021 captures, alphabetical (2022 captures). */
const TICKER_ORDERS = [
  ['sequence', 'price', 'size', 'bestBid', 'bestBidSize', 'bestAsk', 'bestAskSize', 'time'],
  ['sequence', 'bestAsk', 'size', 'bestBidSize', 'price', 'time', 'bestAskSize', 'bestBid'],
  ['bestAsk', 'bestAskSize', 'bestBid', 'bestBidSize', 'price', 'sequence', 'size', 'time'],
] as const

/** A `/market/ticker` push with `data` in `order`; `ordered` keeps every member in its place. */
const tickerIn = (typeFirst: boolean, order: readonly string[], ordered = false) =>
  message(
    fc.constantFrom('trade.ticker', 'DOT-USDT', 'trade.l2update', 'é\\'),
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('/market/ticker:BTC-USDT', '/market/ticker:all', '/market/ticker') },
      { weight: 1, arbitrary: fc.constantFrom('/market/tickers:BTC-USDT', '/market/level2:BTC-USDT') },
    ),
    object(
      order.map((name) => [name, TICKER_MEMBERS[name] as fc.Arbitrary<Node>] as const),
      ordered,
    ),
    typeFirst,
    ordered,
  )
const ticker = fc.oneof(...TICKER_ORDERS.map((order) => tickerIn(false, order)))
/** Ticker pushes in the layouts KuCoin writes, each also mutated by `frameText`. */
const TICKER_LAYOUTS = TICKER_ORDERS.flatMap((order) => [tickerIn(false, order, true), tickerIn(true, order, true)])

const MATCH_MEMBERS: Readonly<Record<string, fc.Arbitrary<Node>>> = {
  symbol,
  tradeId: fc.oneof({ weight: 40, arbitrary: fc.constantFrom('6085c0a069bc50686d66da3c', '12345').map(str) }, { weight: 1, arbitrary: fc.constantFrom(leaf('5'), leaf('"a\\u0062"')) }),
  price: decimal,
  size: decimal,
  side: fc.oneof({ weight: 20, arbitrary: fc.constantFrom('buy', 'sell').map(str) }, { weight: 1, arbitrary: fc.constantFrom(str('Buy'), str(''), leaf('1')) }),
  time: digits,
  ...Object.fromEntries(['sequence', 'takerOrderId', 'makerOrderId'].map((name) => [name, digits])),
  type: fc.oneof({ weight: 20, arbitrary: fc.constant(str('match')) }, { weight: 1, arbitrary: fc.constantFrom(leaf('null'), leaf('{}')) }),
}
/** `data` orders of KuCoin's trades: 2021 captures, our simulator, alphabetical (KuCoin's current documentation). */
const MATCH_ORDERS = [
  ['symbol', 'sequence', 'side', 'size', 'price', 'takerOrderId', 'time', 'type', 'makerOrderId', 'tradeId'],
  ['symbol', 'sequence', 'side', 'size', 'price', 'takerOrderId', 'makerOrderId', 'time', 'type', 'tradeId'],
  ['makerOrderId', 'price', 'sequence', 'side', 'size', 'symbol', 'takerOrderId', 'time', 'tradeId', 'type'],
] as const

/** A `/market/match` trade with `data` in `order`; `ordered` keeps every member in its place. */
const matchIn = (typeFirst: boolean, order: readonly string[], ordered = false) =>
  message(
    fc.oneof({ weight: 40, arbitrary: fc.constant('trade.l3match') }, { weight: 1, arbitrary: fc.constantFrom('trade.ticker', 'trade.l3received') }),
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('/market/match:BTC-USDT', '/market/match') },
      { weight: 1, arbitrary: fc.constantFrom('/market/matches:BTC-USDT', '/market/ticker:BTC-USDT') },
    ),
    object(
      order.map((name) => [name, MATCH_MEMBERS[name] as fc.Arbitrary<Node>] as const),
      ordered,
    ),
    typeFirst,
    ordered,
  )
const MATCH_LAYOUTS = MATCH_ORDERS.flatMap((order) => [matchIn(false, order, true), matchIn(true, order, true)])
const matches = fc.oneof(...MATCH_ORDERS.map((order) => matchIn(false, order)), ...MATCH_LAYOUTS)

const depthRow = fc.tuple(decimal, decimal, digits, fc.integer({ min: 0, max: 40 })).map(([p, s, q, n]): Node => ({ arr: n === 0 ? [p] : n === 1 ? [p, s, q] : [p, s] }))
const depthRows = fc.oneof({ weight: 40, arbitrary: fc.array(depthRow, { maxLength: 6 }).map((arr): Node => ({ arr })) }, { weight: 1, arbitrary: fc.constantFrom(leaf('null'), leaf('{}')) })

const depth = message(
  fc.oneof({ weight: 40, arbitrary: fc.constant('level2') }, { weight: 1, arbitrary: fc.constantFrom('trade.l2update', 'level3') }),
  fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('/spotMarket/level2Depth5:BTC-USDT', '/spotMarket/level2Depth50:ETH-BTC', '/spotMarket/level2Depth50') },
    { weight: 1, arbitrary: fc.constantFrom('/spotMarket/level2Depth500:BTC-USDT', '/spotMarket/level2Depth:BTC-USDT', '/market/level2:BTC-USDT') },
  ),
  object([
    ['asks', depthRows],
    ['bids', depthRows],
    ['timestamp', number],
  ]),
)

/**
 * A frame's text: with a member sent twice, dropped or its key escaped; written compactly or with whitespace; sometimes cut
 * short or with one character changed.
 */
const frameText = (frame: fc.Arbitrary<Node>): fc.Arbitrary<string> =>
  fc
    .tuple(frame, mutation, fc.nat(), fc.nat(), fc.constantFrom('', '', '', '', '', ' ', '\n\t'), fc.nat(), fc.integer({ min: 0, max: 30 }), fc.constantFrom(...'{}[],:"\\ -.e0x'.split('')))
    .map(([node, what, i, j, space, at, edit, ch]) => {
      const text = write(mutate(node, what, i, j), space)
      const cut = at % (text.length + 1)
      return edit === 0 ? text.slice(0, cut) : edit === 1 ? text.slice(0, cut) + ch + text.slice(cut + 1) : text
    })

const full = decodeJson('kucoin', codecFor)
const ctx: InterpretContext = { receivedAt: 1_700_000_000_000, group: 'public', connection: 'c', instrument: () => undefined, nextId: () => 1 }
const interpret = (frame: KucoinFrame): readonly VenueMessage[] => createInterpreter(createKucoinSymbols())(frame, ctx)

const tiers: readonly (readonly [string, (raw: string) => KucoinFrame | undefined])[] = [
  ['the exact tier', createExactDecode()],
  ['the exact ticker tier', createTickerDecode()],
  ['the trade tier', createMatchDecode()],
  ['the layout tier', createLayoutDecode()],
  ['the scanner tier', createScanDecode()],
  ['createDecode', ((decode) => (raw: string) => E.getOrElseW(() => undefined)(decode(raw)))(createDecode())],
]

/** Whether `tier` answers nothing, or exactly what the full path means. */
const agrees = (tier: (raw: string) => KucoinFrame | undefined, raw: string): boolean => {
  const fast = tier(raw)
  if (fast === undefined) return true
  const decoded = full(raw)
  return E.isRight(decoded) && isDeepStrictEqual(interpret(fast), interpret(decoded.right))
}

describe.each(tiers)('%s on generated and mutated frames', (_name, tier) => {
  it.each([
    ['level2 updates', level2],
    ['level2 updates in the layouts KuCoin writes', fc.oneof(...LAYOUTS)],
    ['ticker pushes', ticker],
    ['ticker pushes in the layouts KuCoin writes', fc.oneof(...TICKER_LAYOUTS)],
    ['depth books', depth],
    ['trades', matches],
  ])('answers %s exactly as the full path does, or leaves them to it', (_kind, frame) => {
    fc.assert(fc.property(frameText(frame), (raw) => agrees(tier, raw)), { numRuns: 3000 })
  })
})

describe('the generated frames', () => {
  it('are often answered by the layout tier, so the properties above test it', () => {
    const layout = createLayoutDecode()
    const sample = fc.sample(frameText(fc.oneof(level2, ticker, depth)), 2000)
    expect(sample.filter((raw) => layout(raw) !== undefined).length).toBeGreaterThan(100)
  })

  it('are often answered by the exact tier, in each of the layouts it reads, so the properties above test it', () => {
    const exact = createExactDecode()
    const answered = LAYOUTS.map((layout) => fc.sample(frameText(layout), 1000).filter((raw) => exact(raw) !== undefined).length)
    expect(answered.every((n) => n > 40)).toBe(true)
  })

  it('are often answered by the exact ticker tier, in each of the layouts it reads, so the properties above test it', () => {
    const exact = createTickerDecode()
    const answered = TICKER_LAYOUTS.map((layout) => fc.sample(frameText(layout), 1000).filter((raw) => exact(raw) !== undefined).length)
    expect(answered.every((n) => n > 40)).toBe(true)
  })

  it('are often answered by the trade tier, in each of the layouts it reads, so the properties above test it', () => {
    const trades = createMatchDecode()
    const answered = MATCH_LAYOUTS.map((layout) => fc.sample(frameText(layout), 1000).filter((raw) => trades(raw) !== undefined).length)
    expect(answered.every((n) => n > 40)).toBe(true)
  })

  it('are often refused by the full path, so the properties above test refusal too', () => {
    const sample = fc.sample(frameText(fc.oneof(level2, ticker, depth)), 2000)
    expect(sample.filter((raw) => E.isLeft(full(raw))).length).toBeGreaterThan(500)
  })
})
