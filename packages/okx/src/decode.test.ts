import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { decodeJson } from '@tributary/core'
import { fixturePath, readCapture } from '@tributary/testkit'
import { scanBookFrame } from './book-scan'
import { codecFor } from './codecs'
import { decodeOkx } from './decode'
import { interpret } from './mappers'
import { bookFrameText, mutatedText } from './__tests__/book-frames'
import { captureOf, named as namedFrame } from './__tests__/differential'
import { TEST_INSTRUMENTS, testContext } from './__tests__/support'

const decodeFull = decodeJson('okx', codecFor)
const ctx = testContext()

/** What the rest of the feed sees of a frame decoded both ways: the decode error's message, or the interpretation. */
const outcome = (decoded: ReturnType<typeof decodeOkx>) => (E.isLeft(decoded) ? decoded.left.message : interpret(decoded.right, ctx))

/** A decoded frame with only the fields its codec names (io-ts keeps the others it was sent; the fast paths skip them). */
const named = (decoded: ReturnType<typeof decodeOkx>): unknown => (E.isLeft(decoded) ? decoded : namedFrame(decoded.right))

/** The fast path either answers as the full path does downstream, or hands the frame on. */
const agrees = (raw: string): boolean => {
  const fast = scanBookFrame(raw)
  if (fast === undefined) return true
  const full = decodeFull(raw)
  expect(E.isRight(full) ? full.right.type : full.left.message).toBe(fast.type)
  expect(interpret(fast, ctx)).toStrictEqual(outcome(full))
  return true
}

const CAPTURES = ['okx/okx-v5-2022-02-27-books-l2-tbt.jsonl', 'okx/okx-v5-2021-07-22-books-l2-tbt-3conn.jsonl', 'okx/okx-v5-samples-2022-crypto-msg-parser.jsonl']

describe.each(CAPTURES)('decodeOkx on %s', (file) => {
  const frames = readCapture(fixturePath(file))
    .filter((l) => l.dir === 'in')
    .map((l) => l.data)

  it('decodes every frame to what JSON.parse + io-ts decode (the fields the codecs name)', () => {
    for (const raw of frames) expect(named(decodeOkx(raw))).toStrictEqual(named(decodeFull(raw)))
  })

  it('interprets every frame as the full path does', () => {
    for (const raw of frames) expect(outcome(decodeOkx(raw))).toStrictEqual(outcome(decodeFull(raw)))
  })

  it("interprets every frame as the full path does with the capture's instruments (contract sizes converted)", () => {
    const recorded = captureOf(file).ctx
    const withInstruments = (decoded: ReturnType<typeof decodeOkx>) => (E.isLeft(decoded) ? decoded.left.message : interpret(decoded.right, recorded))
    for (const raw of frames) expect(withInstruments(decodeOkx(raw))).toStrictEqual(withInstruments(decodeFull(raw)))
  })

  it('reads every book push on the fast path', () => {
    const books = frames.filter((raw) => /"channel":"(books[\w-]*|bbo-tbt)"/.test(raw) && !raw.includes('"event"'))
    expect([books.length > 0, books.filter((raw) => scanBookFrame(raw) === undefined)]).toEqual([true, []])
  })
})

describe('scanBookFrame', () => {
  it('answers generated book pushes (any key order, whitespace, unknown fields) as the full path does', () => {
    fc.assert(
      fc.property(bookFrameText({ valid: true }), (raw) => {
        expect(scanBookFrame(raw)).toBeDefined()
        return agrees(raw)
      }),
      { numRuns: 1500 },
    )
  })

  it('answers generated frames with wrong, missing, duplicate or escaped fields as the full path does, or not at all', () => {
    fc.assert(fc.property(bookFrameText({ valid: false }), agrees), { numRuns: 3000 })
  })

  it('answers mutated and truncated frames as the full path does, or not at all, and never throws', () => {
    fc.assert(fc.property(mutatedText, agrees), { numRuns: 3000 })
  })

  it('converts contract sizes of every instrument kind as the full path does', () => {
    const instIds = TEST_INSTRUMENTS.map((i) => i.venueSymbol)
    for (const instId of [...instIds, 'ETH-USDT-SWAP', 'BTC-USDT']) {
      agrees(`{"arg":{"channel":"books","instId":"${instId}"},"action":"snapshot","data":[{"asks":[["30000.5","431","0","2"]],"bids":[["29999.1","0.5","0","1"]],"ts":"1","checksum":7}]}`)
    }
  })

  it.each([
    ['a control event', '{"event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"}}'],
    ['another channel', '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[]}'],
    ['an escaped key', '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"\\u0061sks":[],"asks":[],"bids":[],"ts":"1"}]}'],
    ['a duplicate key', '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","ts":"2"}]}'],
    ['an unknown action', '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"partial","data":[]}'],
    ['a size sent as a number', '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["1",2]],"bids":[],"ts":"1"}]}'],
    ['trailing text', '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[]} x'],
  ])('hands %s to the full path', (_, raw) => {
    expect(scanBookFrame(raw)).toBeUndefined()
  })
})
