import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import type { InterpretContext, VenueMessage } from '@tributary/core'
import { fixturePath, readCapture } from '@tributary/testkit'
import { decodeFrame, decodeFrameFully, type WeexFrame } from './codecs'
import { createInterpreter } from './interpreter'
import { scanFrame } from './scan-frame'
import { FRAMES, garble, mutate, plain, serialize, type Json } from './__tests__/generated-frames'

const CAPTURES = [
  'weex-contract-v3-2026-09-06-btcusdt-depth-ticker-kline.jsonl',
  'weex-contract-v3-2026-09-06-server-ping-and-reject-close.jsonl',
  'weex-contract-v3-2026-09-09-trades-btcusdt.jsonl',
]

const context = (receivedAt = 5): InterpretContext => ({ receivedAt, group: 'public', connection: 'public#1', instrument: () => undefined, nextId: () => 1 })

/** What a fresh interpreter makes of one frame. */
const meaning = (frame: WeexFrame): readonly VenueMessage[] => createInterpreter()(frame, context())

/** The fast path either passes (`undefined`) or answers what the full path means; it never throws. */
const agrees = (raw: string): boolean => {
  const fast = scanFrame(raw)
  if (fast === undefined) return true
  const full = decodeFrameFully(raw)
  if (E.isLeft(full)) throw new Error(`fast path read a frame the full path refuses: ${full.left.message}`)
  expect(meaning(fast)).toStrictEqual(meaning(full.right))
  return true
}

describe('scanFrame on the recorded captures', () => {
  const lines = CAPTURES.flatMap((file) => readCapture(fixturePath(`weex/${file}`)).filter((line) => line.dir === 'in'))
  const hot = lines.filter((line) => /^\{"e":"(depth|depthSnapshot|trade|tradeSnapshot|kline|klineSnapshot|ticker)"/.test(line.data))

  it('reads every depth, trade, kline and ticker push of the captures', () => {
    expect(hot.length).toBeGreaterThan(80)
    expect(hot.filter((line) => scanFrame(line.data) === undefined).map((line) => line.data.slice(0, 60))).toEqual([])
  })

  it('leaves replies, pings and greetings to the full path', () => {
    const control = lines.filter((line) => !hot.includes(line))
    expect(control.length).toBeGreaterThan(10)
    expect(control.filter((line) => scanFrame(line.data) !== undefined)).toEqual([])
  })

  it('gives a depth push exactly the decoded frame the full path gives', () => {
    for (const line of hot.filter((l) => l.data.startsWith('{"e":"depth'))) expect(scanFrame(line.data)).toStrictEqual(E.getOrElseW(() => undefined)(decodeFrameFully(line.data)))
  })

  it('makes every frame of every capture mean the same through one interpreter as the full path does', () => {
    const viaFast = createInterpreter()
    const viaFull = createInterpreter()
    for (const line of lines) {
      const fast = decodeFrame(line.data)
      const full = decodeFrameFully(line.data)
      if (E.isLeft(fast) || E.isLeft(full)) throw new Error(`decode error on ${line.data.slice(0, 60)}`)
      expect(viaFast(fast.right, context(line.ts ?? 0))).toStrictEqual(viaFull(full.right, context(line.ts ?? 0)))
    }
  })
})

describe('scanFrame on generated frames', () => {
  const frame = fc.oneof(...FRAMES)

  it('reads every well-formed push written plainly, whatever the key order after e and the whitespace', () => {
    fc.assert(
      fc.property(frame, fc.integer(), (value, seed) => {
        const raw = serialize(value, plain(seed))
        expect(scanFrame(raw)).not.toBeUndefined()
        return agrees(raw)
      }),
      { numRuns: 500 },
    )
  })

  it('answers frames with one odd value as the full path does, or passes them on', () => {
    fc.assert(
      fc.property(frame, fc.integer(), (value, seed) => agrees(serialize(mutate(value, seed, 1), plain(seed)))),
      { numRuns: 3000 },
    )
  })

  it('answers frames with several odd values, odd spacing, escapes and duplicates as the full path does, or passes them on', () => {
    fc.assert(
      fc.property(frame, fc.integer(), fc.integer({ min: 1, max: 4 }), (value, seed, edits) => agrees(serialize(mutate(value, seed, edits), { seed }))),
      { numRuns: 2000 },
    )
  })

  it('answers frames with garbled text as the full path does, or passes them on', () => {
    fc.assert(
      fc.property(frame, fc.integer(), fc.integer({ min: 1, max: 3 }), (value, seed, edits) => agrees(garble(serialize(value, plain(seed)), seed, edits))),
      { numRuns: 2000 },
    )
  })

  it('never answers a frame with a listed key written twice (JSON.parse keeps the last)', () => {
    fc.assert(
      fc.property(frame, fc.integer(), (value, seed) => {
        const raw = serialize(value, { ...plain(seed), duplicate: 1 })
        expect(scanFrame(raw)).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })

  it('answers truncated frames as the full path does, which refuses them all', () => {
    fc.assert(
      fc.property(frame, fc.integer(), fc.nat(), (value, seed, cut) => {
        const raw = serialize(value, plain(seed)).trimEnd()
        const truncated = raw.slice(0, cut % raw.length)
        expect(scanFrame(truncated)).toBeUndefined()
        return E.isLeft(decodeFrame(truncated))
      }),
      { numRuns: 500 },
    )
  })

  it.each([
    ['a raw control character', '"\u0001"'],
    ['a quote', '"""'],
    ['a lone backslash', '"\\"'],
  ])('refuses, as JSON.parse does, an unlisted one-character key that is %s', (_, key) => {
    const raw = `{"e":"trade","E":1,"s":"BTCUSDT","d":[{"T":1,"t":"a","p":"1","q":"1",${key}:"1","m":true}]}`
    expect(scanFrame(raw)).toBeUndefined()
    expect(E.isLeft(decodeFrame(raw))).toBe(true)
  })

  it('decodes a frame whose strings carry escapes as the full path does', () => {
    const escaped: Json = { e: 'depth', E: 1, s: 'BTCUSDT', U: 1, u: 2, l: 15, d: 'CHANGED', b: [['1.5', '2']], a: [] }
    const raw = serialize(escaped, { ...plain(1), escape: 1 })
    expect(raw).toContain('\\u')
    expect(decodeFrame(raw)).toStrictEqual(decodeFrameFully(raw))
  })
})
