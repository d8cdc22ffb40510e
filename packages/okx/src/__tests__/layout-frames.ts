import fc from 'fast-check'

// Frames in OKX's compact layout (no whitespace, OKX's member order), as the layout tiers read them, with values at
// and past the edges of what the codecs accept: so that generated frames exercise the tiers' reads, not only their
// hand-overs. `mutated` then edits such frames character by character.

const q = (s: string): string => `"${s}"`

/** Decimal strings: plain, long, exponents, signs, and texts `NumberFromString` rejects. */
const decimal = fc.oneof(
  { arbitrary: fc.stringMatching(/^-?(\d{1,9}(\.\d{0,9})?|\.\d{1,9})$/), weight: 30 },
  { arbitrary: fc.stringMatching(/^-?(\d{10,22}(\.\d{0,26})?|\.\d{20,30})$/), weight: 1 },
  {
    arbitrary: fc.constantFrom('0', '-0', '.5', '5.', '-.5', '1e5', '1E-3', '9007199254740993', '0.1', '0.00000074527', '1'.repeat(400), '1'.repeat(320) + '.5'),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('', 'abc', '+1', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '1.2.3', '-', '.', '1e', '١'), weight: 1 },
)
/** Integer texts for JSON numbers: ordinary, at the 15-digit edge, and near-integers. */
const integer = fc.oneof(
  { arbitrary: fc.integer().map(String), weight: 12 },
  { arbitrary: fc.constantFrom('0', '-0', '-1', '999999999999999', '1000000000000000', '12345678901234567', '01', '-01', '1.5', '1e3', '1.0', '-'), weight: 1 },
)
/** `ts` texts for `IntFromString`. */
const intString = fc.oneof(
  { arbitrary: fc.stringMatching(/^\d{1,15}$/), weight: 12 },
  { arbitrary: fc.constantFrom('', '-1', '0', '007', '1.0', '1e3', ' 1', '9999999999999999', '12345678901234567'), weight: 1 },
)
/** Instrument ids, with an escape, a non-ASCII letter, or a control character now and then. */
const instId = fc.oneof(
  { arbitrary: fc.constantFrom('BTC-USDT', 'ETH-USDT-SWAP', 'BTC-USD-SWAP', 'BTC-USD-210924-66000-C', 'BTC-USD-220325'), weight: 12 },
  fc.constantFrom('BTC', '', 'BTC\\u002dUSDT', 'BTC-ÜSDT', 'BTC\\"X', 'A\u0001B'),
)

/** A member: its key, its value's text, and whether it is sent only now and then. */
type Part = readonly [key: string, value: fc.Arbitrary<string>, sometimes?: boolean]

/** Members in the order given, or (now and then) one moved to the end, dropped or repeated. */
const members = (parts: readonly Part[]) =>
  fc
    .tuple(
      fc.tuple(...parts.map(([key, value]) => value.map((v) => `"${key}":${v}`))),
      fc.array(fc.boolean(), { minLength: parts.length, maxLength: parts.length }),
      fc.oneof({ arbitrary: fc.constant('none'), weight: 12 }, { arbitrary: fc.constantFrom('move', 'drop', 'repeat'), weight: 1 }),
      fc.nat(),
    )
    .map(([texts, keep, fault, n]) => {
      const out = texts.filter((_, i) => parts[i]?.[2] !== true || keep[i] === true)
      if (fault === 'move' && out.length > 1) out.push(...out.splice(n % out.length, 1))
      if (fault === 'drop' && out.length > 0) out.splice(n % out.length, 1)
      if (fault === 'repeat' && out.length > 0) out.splice(n % out.length, 0, out[n % out.length] ?? '')
      return out.join(',')
    })

const trailing = fc.array(fc.oneof({ arbitrary: fc.constantFrom('"0"', '"13"', '"4"'), weight: 30 }, fc.constantFrom('""', '0', 'null', '"a"', '[]')), { maxLength: 3 })
const level = fc
  .tuple(decimal, decimal, trailing, fc.nat(40))
  .map(([px, sz, rest, odd]) => (odd === 0 ? `[${q(px)}]` : odd === 1 ? `[${px},${q(sz)}]` : `[${[q(px), q(sz), ...rest].join(',')}]`))
const levels = fc.array(level, { maxLength: 4 }).map((l) => `[${l.join(',')}]`)

/** A book push in OKX's layout (`books*`, `books5`, `bbo-tbt`). */
export const compactBookFrame: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constantFrom('books-l2-tbt', 'books', 'books50-l2-tbt', 'books5', 'bbo-tbt'), weight: 20 }, fc.constantFrom('books10', 'trades', 'book')),
    instId,
    fc.oneof({ arbitrary: fc.constantFrom('"action":"update",', '"action":"snapshot",'), weight: 8 }, fc.constantFrom('', '"action":"partial",')),
    fc.array(
      members(
        [
          ['asks', levels],
          ['bids', levels],
          ['instId', instId.map(q), true],
          ['ts', intString.map(q)],
          ['checksum', integer, true],
          ['prevSeqId', integer, true],
          ['seqId', integer, true],
        ],
      ),
      { maxLength: 2 },
    ),
  )
  .map(([channel, id, action, items]) => `{"arg":{"channel":"${channel}","instId":"${id}"},${action}"data":[${items.map((m) => `{${m}}`).join(',')}]}`)

const side = fc.oneof({ arbitrary: fc.constantFrom('buy', 'sell'), weight: 10 }, fc.constantFrom('BUY', 'b', ''))
const trade = members([
  ['instId', instId.map(q)],
  ['tradeId', fc.constantFrom('"206"', '"314161276"', '""', '206').map(String)],
  ['px', decimal.map(q)],
  ['sz', decimal.map(q)],
  ['side', side.map(q)],
  ['ts', intString.map(q)],
  ['count', fc.constantFrom('"3"', '"x"', '3'), true],
  ['source', fc.constantFrom('"0"', '"1"'), true],
  ['seqId', integer, true],
  ['px', decimal.map(q), true],
])

const optionalDecimal = fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: decimal, weight: 4 }).map(q)
const ticker = members([
  ['instType', fc.constantFrom('"SPOT"', '"SWAP"', '"OPTION"', '1'), true],
  ['instId', instId.map(q)],
  ...['last', 'lastSz', 'askPx', 'askSz', 'bidPx', 'bidSz', 'open24h', 'high24h', 'low24h'].map((k): Part => [k, optionalDecimal]),
  ['sodUtc0', optionalDecimal, true],
  ['sodUtc8', optionalDecimal, true],
  ['volCcy24h', optionalDecimal],
  ['vol24h', optionalDecimal],
  ['ts', intString.map(q)],
  ['last', optionalDecimal, true],
])

/** A `trades` / `trades-all` / `tickers` push in OKX's layout. */
export const compactPushFrame: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constantFrom('trades', 'trades-all', 'tickers'), weight: 20 }, fc.constantFrom('trade', 'tickers5', 'books')),
    instId,
    fc.boolean(),
    fc.array(fc.constant(null), { maxLength: 2 }),
  )
  .chain(([channel, id, asTrades, n]) =>
    fc
      .tuple(...n.map(() => ((channel === 'tickers') !== asTrades ? ticker : trade)))
      .map((items) => `{"arg":{"channel":"${channel}","instId":"${id}"},"data":[${items.map((m) => `{${m}}`).join(',')}]}`),
  )

/** `frame` with characters inserted, deleted or replaced, or cut short. */
export const mutated = (frame: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(frame, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...'{}[],:"\\ -+.eE0159tfnu\u0001x'.split(''))), { minLength: 1, maxLength: 3 }))
    .map(([text, edits]) =>
      edits.reduce((t, [at, op, ch]) => {
        const i = at % (t.length + 1)
        if (op === 0) return t.slice(0, i) + ch + t.slice(i)
        if (op === 1) return t.slice(0, i) + t.slice(i + 1)
        if (op === 2) return t.slice(0, i) + ch + t.slice(i + 1)
        return t.slice(0, i)
      }, text),
    )
