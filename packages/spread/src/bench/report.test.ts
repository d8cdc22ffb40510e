import { formatFigure, renderMarkdown, renderTable, tableRows, type Measurement } from './report'

const throughput: Measurement = {
  benchmark: 'throughput',
  name: 'frames/s',
  venue: 'okx',
  file: 'okx-capture',
  unit: 'frames/s',
  median: 12_345.6,
  min: 10_000,
  max: 15_000,
  ccxt: { median: 6_000, min: 5_000, max: 7_000 },
  floor: { median: 100_000, min: 90_000, max: 110_000 },
  ratio: { median: 2.06, min: 1.5, max: 2.5 },
  target: '>= 2x ccxt',
  met: true,
}

describe('formatFigure', () => {
  it('groups thousands and drops decimals for large figures', () => {
    expect(formatFigure(12_345.6)).toBe('12,346')
  })

  it('keeps three decimals for figures below one', () => {
    expect(formatFigure(0.12345)).toBe('0.123')
  })

  it('prints a dash for NaN', () => {
    expect(formatFigure(NaN)).toBe('-')
  })
})

describe('tableRows', () => {
  it('puts median, spread, ccxt, floor, ratio and the target verdict in one row', () => {
    expect(tableRows([throughput])[1]).toEqual([
      'throughput', 'frames/s', 'okx', 'okx-capture', '12,346 [10,000..15,000]', 'frames/s', '6,000 [5,000..7,000]',
      '100,000 [90,000..110,000]', '2.06x [1.5..2.5]', '>= 2x ccxt met',
    ])
  })

  it('marks a missed target in capitals', () => {
    expect(tableRows([{ ...throughput, met: false }])[1]?.[9]).toBe('>= 2x ccxt MISSED')
  })
})

describe('renderTable', () => {
  it('pads every column to its widest cell', () => {
    expect(renderTable([['a', 'bb'], ['ccc', 'd']])).toEqual(['a    bb', 'ccc  d'])
  })
})

describe('renderMarkdown', () => {
  it('adds the separator row under the header and escapes pipes', () => {
    expect(renderMarkdown([['h1', 'h2'], ['a|b', 'c']])).toEqual(['| h1 | h2 |', '| --- | --- |', '| a\\|b | c |'])
  })
})
