import fc from 'fast-check'
import { crc32 as zlibCrc32 } from 'node:zlib'
import { CRC32_START, crc32Append, crc32Byte, crc32Bytes, crc32Text, crc32Unfeed } from './crc32'

const encoder = new TextEncoder()
const crcOf = (text: string): number => ~crc32Text(CRC32_START, text)

describe('crc32Text', () => {
  it('gives the zlib check value for "123456789"', () => {
    expect(crcOf('123456789') >>> 0).toBe(0xcbf43926)
  })

  it('equals zlib over the UTF-8 bytes of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(crcOf(text)).toBe(zlibCrc32(encoder.encode(text)) | 0)
      }),
      { numRuns: 500 },
    )
  })
})

describe('crc32Byte and crc32Bytes', () => {
  it('feed the same bytes as crc32Text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const bytes = encoder.encode(text)
        let byByte = CRC32_START
        for (const b of bytes) byByte = crc32Byte(byByte, b)
        expect([byByte, crc32Bytes(CRC32_START, bytes, 0, bytes.length)]).toEqual([crc32Text(CRC32_START, text), crc32Text(CRC32_START, text)])
      }),
    )
  })
})

describe('crc32Append', () => {
  it('extends a register by a piece known only by its CRC from 0 and its length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 300 }), (head, piece) => {
        const register = crc32Text(CRC32_START, head)
        const length = encoder.encode(piece).length
        expect(crc32Append(register, crc32Text(0, piece), length)).toBe(crc32Text(register, piece))
      }),
      { numRuns: 500 },
    )
  })

  it('chains pieces longer than one zero-run table (64 bytes)', () => {
    const piece = '0123456789'.repeat(20)
    expect(~crc32Append(crc32Text(CRC32_START, 'a:'), crc32Text(0, piece), piece.length)).toBe(zlibCrc32(`a:${piece}`) | 0)
  })

  it('leaves the register alone for an empty piece', () => {
    expect(crc32Append(12345, 0, 0)).toBe(12345)
  })
})

describe('crc32Unfeed', () => {
  it('gives the register one byte turns into the given one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 255 }), (register, byte) => {
        expect(crc32Byte(crc32Unfeed(register, byte), byte)).toBe(register)
      }),
      { numRuns: 1000 },
    )
  })
})
