import type { BookLevel } from '@tributary/core'
import { checksumText, crc32, okxChecksum } from './checksum'

const level = (px: string, sz: string): BookLevel => [Number(px), Number(sz), px, sz]

describe('crc32', () => {
  it.each([
    ['A (real frame)', '0.0025:20:0.003:1506', 1483419732],
    [
      'B (real frame)',
      '0.0065:5:0.008:300:0.006:305:0.0085:402:0.0055:601:0.009:301:0.001:2:0.0105:305:0.0005:10:0.019:13:0.026:6:0.14:6:0.2:2',
      -90978610,
    ],
    ['C', '3366.1:7:3366.8:9:3366:6:3368:8:3372:8', 1362239393],
    ['D', '3366.1:7', -201739918],
  ])('matches vector %s', (_name, text, expected) => {
    expect(crc32(text)).toBe(expected)
  })

  it('matches the zlib check value for "123456789"', () => {
    expect(crc32('123456789') >>> 0).toBe(0xcbf43926)
  })
})

describe('checksumText', () => {
  it('interleaves bids and asks, the longer side following', () => {
    expect(checksumText([['3366.1', '7'], ['3366', '6']], [['3366.8', '9'], ['3368', '8'], ['3372', '8']])).toBe(
      '3366.1:7:3366.8:9:3366:6:3368:8:3372:8',
    )
  })

  it('covers only the best 25 levels per side', () => {
    const bids = Array.from({ length: 30 }, (_, i) => [String(100 - i), '1'] as const)
    expect(checksumText(bids, []).split(':').length).toBe(50)
  })
})

describe('okxChecksum', () => {
  it('uses the raw strings of the book levels', () => {
    const book = { top: () => ({ bids: [level('3366.1', '7')], asks: [] }) }
    expect(okxChecksum(book)).toBe(-201739918)
  })

  it('does not reformat numbers: trailing zeros change the checksum', () => {
    const raw = { top: () => ({ bids: [level('3366.10', '7')], asks: [] }) }
    expect(okxChecksum(raw)).not.toBe(-201739918)
  })
})
