import fc from 'fast-check'
import { readBookLayout } from './book-layout'
import { BOOK_CHANNELS } from './codecs'
import { bookFrameText, mutatedText } from './__tests__/book-frames'
import { agrees, captureOf, CAPTURES } from './__tests__/differential'
import { compactBookFrame, mutated } from './__tests__/layout-frames'

const isBookPush = (raw: string): boolean => /"channel":"(books[\w-]*|bbo-tbt)"/.test(raw) && !raw.includes('"event"')

describe.each(CAPTURES)('readBookLayout on %s', (file) => {
  const { frames, ctx } = captureOf(file)

  it('reads every book push of the capture', () => {
    const books = frames.filter(isBookPush)
    expect([books.length > 0, books.filter((raw) => readBookLayout(raw) === undefined)]).toEqual([true, []])
  })

  it('reads every frame it reads as the full path does (frame and interpretation, sizes converted)', () => {
    for (const raw of frames) agrees(raw, readBookLayout(raw), ctx)
  })
})

describe('readBookLayout', () => {
  it.each([...BOOK_CHANNELS])('tells channel %s apart from the others (by the length of its name)', (channel, type) => {
    const frame = readBookLayout(`{"arg":{"channel":"${channel}","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1"}]}`)
    expect([frame?.type, frame?.frame.arg.channel]).toEqual([type, channel])
  })

  it('reads most generated frames in OKX layout (so the properties below test reads, not only hand-overs)', () => {
    const read = fc.sample(compactBookFrame, { numRuns: 1000, seed: 7 }).filter((raw) => readBookLayout(raw) !== undefined)
    expect(read.length).toBeGreaterThan(300)
  })

  it('answers frames in OKX layout, with values at and past the codecs\' edges, as the full path does, or hands them on', () => {
    fc.assert(fc.property(compactBookFrame, (raw) => agrees(raw, readBookLayout(raw))), { numRuns: 4000 })
  })

  it('answers mutated and truncated frames as the full path does, or hands them on, and never throws', () => {
    fc.assert(fc.property(mutated(compactBookFrame), (raw) => agrees(raw, readBookLayout(raw))), { numRuns: 4000 })
  })

  it('answers frames in any layout (reordered keys, whitespace, escapes, unknown members) as the full path does, or hands them on', () => {
    fc.assert(
      fc.property(fc.oneof(bookFrameText({ valid: true }), bookFrameText({ valid: false }), mutatedText), (raw) => agrees(raw, readBookLayout(raw))),
      { numRuns: 3000 },
    )
  })

  it('reads a decimal with more digits than a double holds as Number reads it', () => {
    const frame = readBookLayout('{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["9007199254740993","0.1000000000000000055511151231257827","0","1"]],"bids":[],"ts":"1"}]}')
    expect(frame?.frame.data[0]?.asks[0]).toEqual([Number('9007199254740993'), Number('0.1000000000000000055511151231257827'), '9007199254740993', '0.1000000000000000055511151231257827'])
  })

  const frame = (data: string, head = '"action":"update",'): string => `{"arg":{"channel":"books","instId":"BTC-USDT"},${head}"data":[${data}]}`
  it.each([
    ['an exponent', frame('{"asks":[["1e3","1","0","1"]],"bids":[],"ts":"1"}')],
    ['a decimal that is not finite', frame(`{"asks":[["${'9'.repeat(400)}","1","0","1"]],"bids":[],"ts":"1"}`)],
    ['a ts of 16 digits', frame('{"asks":[],"bids":[],"ts":"1234567890123456"}')],
    ['a checksum with a leading zero', frame('{"asks":[],"bids":[],"ts":"1","checksum":01}')],
    ['a checksum with a fraction', frame('{"asks":[],"bids":[],"ts":"1","checksum":1.5}')],
    ['a ts sent twice', frame('{"asks":[],"bids":[],"ts":"1","ts":"2"}')],
    ['a seqId sent twice', frame('{"asks":[],"bids":[],"ts":"1","seqId":1,"seqId":2}')],
    ['no ts', frame('{"asks":[],"bids":[],"checksum":1}')],
    ['an unknown data member', frame('{"asks":[],"bids":[],"ts":"1","x":1}')],
    ['bids before asks', frame('{"bids":[],"asks":[],"ts":"1"}')],
    ['a level field that is not a digit string', frame('{"asks":[["1","2",0]],"bids":[],"ts":"1"}')],
    ['an update without action', frame('{"asks":[],"bids":[],"ts":"1"}', '')],
    ['an escaped instrument id', '{"arg":{"channel":"books","instId":"BTC\\u002dUSDT"},"action":"update","data":[]}'],
    ['whitespace', frame('{"asks":[],"bids":[],"ts":"1"}').replace(',"data"', ', "data"')],
    ['trailing text', `${frame('{"asks":[],"bids":[],"ts":"1"}')} `],
    ['another channel', '{"arg":{"channel":"books10","instId":"BTC-USDT"},"action":"update","data":[]}'],
  ])('hands %s on to the next tier', (_, raw) => {
    expect(readBookLayout(raw)).toBeUndefined()
  })
})
