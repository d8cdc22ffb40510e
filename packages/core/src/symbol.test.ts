import * as E from 'fp-ts/Either'
import type { Instrument } from './model/instrument'
import { formatSymbol, instrumentSymbolMapper, isInverse, parseSymbol, type SymbolMapper, symbolKind, type SymbolParts } from './symbol'

const table: readonly (readonly [string, SymbolParts, ReturnType<typeof symbolKind>, boolean])[] = [
  ['BTC/USDT', { base: 'BTC', quote: 'USDT' }, 'spot', false],
  ['BCHSV/USDT', { base: 'BCHSV', quote: 'USDT' }, 'spot', false],
  ['1000PEPE/USDT:USDT', { base: '1000PEPE', quote: 'USDT', settle: 'USDT' }, 'swap', false],
  ['BTC/USDT:USDT', { base: 'BTC', quote: 'USDT', settle: 'USDT' }, 'swap', false],
  ['UNI/USD:UNI', { base: 'UNI', quote: 'USD', settle: 'UNI' }, 'swap', true],
  ['BTC/USDT:USDT-250328', { base: 'BTC', quote: 'USDT', settle: 'USDT', expiry: '250328' }, 'future', false],
  ['BTC/USD:BTC-220624', { base: 'BTC', quote: 'USD', settle: 'BTC', expiry: '220624' }, 'future', true],
  ['BTC/USD:BTC-210924-66000-C', { base: 'BTC', quote: 'USD', settle: 'BTC', expiry: '210924', strike: '66000', optionType: 'C' }, 'option', true],
  ['ETH/USD:ETH-220325-8800-P', { base: 'ETH', quote: 'USD', settle: 'ETH', expiry: '220325', strike: '8800', optionType: 'P' }, 'option', true],
  ['ETH/USDC:USDC-250926-2.5-C', { base: 'ETH', quote: 'USDC', settle: 'USDC', expiry: '250926', strike: '2.5', optionType: 'C' }, 'option', false],
]

describe('parseSymbol', () => {
  it.each(table)('parses %s', (symbol, parts) => {
    expect(parseSymbol(symbol)).toEqual(E.right(parts))
  })

  it.each([
    ['', 'not a unified symbol: ""'],
    ['BTCUSDT', 'not a unified symbol: "BTCUSDT"'],
    ['BTC-USDT', 'not a unified symbol: "BTC-USDT"'],
    ['BTC/', 'not a unified symbol: "BTC/"'],
    ['/USDT', 'not a unified symbol: "/USDT"'],
    ['BTC/USDT:', 'not a unified symbol: "BTC/USDT:"'],
    ['BTC/USDT-250328', 'not a unified symbol: "BTC/USDT-250328"'],
    ['BTC/USDT:USDT-2503', 'not a unified symbol: "BTC/USDT:USDT-2503"'],
    ['BTC/USD:BTC-250328-60000', 'not a unified symbol: "BTC/USD:BTC-250328-60000"'],
    ['BTC/USD:BTC-250328-60000-X', 'not a unified symbol: "BTC/USD:BTC-250328-60000-X"'],
    [' BTC/USDT', 'not a unified symbol: " BTC/USDT"'],
    ['BTC/USDT/ETH', 'not a unified symbol: "BTC/USDT/ETH"'],
  ])('rejects %j, quoting it', (symbol, start) => {
    const result = parseSymbol(symbol)
    expect(E.isLeft(result) && result.left.startsWith(start)).toBe(true)
  })

  it('lists the accepted forms in the message', () => {
    expect(parseSymbol('BTCUSDT')).toEqual(
      E.left('not a unified symbol: "BTCUSDT" (expected BASE/QUOTE, BASE/QUOTE:SETTLE, BASE/QUOTE:SETTLE-YYMMDD or BASE/QUOTE:SETTLE-YYMMDD-STRIKE-C|P)'),
    )
  })

  it.each(['BTC/USDT:USDT-251328', 'BTC/USDT:USDT-250100', 'BTC/USDT:USDT-250032'])('rejects the impossible expiry in %s', (symbol) => {
    expect(parseSymbol(symbol)).toEqual(E.left(`bad expiry in "${symbol}": ${symbol.slice(-6)} is not a YYMMDD date`))
  })
})

describe('formatSymbol', () => {
  it.each(table)('formats the parts of %s back into it', (symbol, parts) => {
    expect(formatSymbol(parts)).toBe(symbol)
  })

  it.each(table)('round-trips %s through parse and format', (symbol) => {
    expect(E.map(formatSymbol)(parseSymbol(symbol))).toEqual(E.right(symbol))
  })

  it('does not write an expiry without a settlement currency', () => {
    expect(formatSymbol({ base: 'BTC', quote: 'USDT', expiry: '250328' })).toBe('BTC/USDT')
  })

  it('does not write a strike without an option type', () => {
    expect(formatSymbol({ base: 'BTC', quote: 'USD', settle: 'BTC', expiry: '250328', strike: '60000' })).toBe('BTC/USD:BTC-250328')
  })
})

describe('symbolKind and isInverse', () => {
  it.each(table)('classifies %s', (_symbol, parts, kind, inverse) => {
    expect([symbolKind(parts), isInverse(parts)]).toEqual([kind, inverse])
  })
})

describe('instrumentSymbolMapper', () => {
  const instrument = (symbol: string, venueSymbol: string): Instrument => ({
    venue: 'okx', symbol, venueSymbol, kind: 'swap', base: 'BTC', quote: 'USDT', tickSize: 0.1, lotSize: 1,
  })
  const fallback: SymbolMapper = {
    toVenue: (symbol) => (symbol === 'ETH/USDT' ? E.right('ETH-USDT') : E.left(`okx cannot express ${symbol}`)),
    fromVenue: (id) => (id === 'ETH-USDT' ? 'ETH/USDT' : undefined),
  }
  const mapper = instrumentSymbolMapper([instrument('BTC/USDT:USDT', 'BTC-USDT-SWAP')], fallback)

  it('maps a known instrument both ways', () => {
    expect([mapper.toVenue('BTC/USDT:USDT'), mapper.fromVenue('BTC-USDT-SWAP')]).toEqual([E.right('BTC-USDT-SWAP'), 'BTC/USDT:USDT'])
  })

  it('asks the fallback for symbols it does not know', () => {
    expect([mapper.toVenue('ETH/USDT'), mapper.fromVenue('ETH-USDT')]).toEqual([E.right('ETH-USDT'), 'ETH/USDT'])
  })

  it("passes on the fallback's refusal", () => {
    expect(mapper.toVenue('DOGE/USDT')).toEqual(E.left('okx cannot express DOGE/USDT'))
  })

  it('refuses an unknown symbol without a fallback', () => {
    const exact = instrumentSymbolMapper([instrument('BTC/USDT:USDT', 'BTC-USDT-SWAP')])
    expect([exact.toVenue('ETH/USDT'), exact.fromVenue('ETH-USDT')]).toEqual([E.left('unknown symbol ETH/USDT'), undefined])
  })
})
