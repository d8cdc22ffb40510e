import { isDeepStrictEqual } from 'node:util'
import * as E from 'fp-ts/Either'
import { decodeJson, type InterpretContext, type VenueMessage } from '@tributary/core'
import { fixturePath, readCapture } from '@tributary/testkit'
import { codecFor, type KucoinFrame } from './codecs'
import { createDecode } from './decode'
import { createExactDecode } from './fast-exact'
import { createLayoutDecode } from './fast-layout'
import { createMatchDecode } from './fast-match'
import { createScanDecode } from './fast-scan'
import { createTickerDecode } from './fast-ticker'
import { createInterpreter } from './interpret'
import { createKucoinSymbols } from './symbols'

const full = decodeJson('kucoin', codecFor)
const ctx: InterpretContext = { receivedAt: 1_700_000_000_000, group: 'public', connection: 'c', instrument: () => undefined, nextId: () => 1 }
const CAPTURES = ['kucoin/kucoin-spot-2021-04-25-l2-ticker-match-candles.jsonl', 'kucoin/kucoin-spot-samples-2021-2022-crypto-msg-parser.jsonl']
const frames = CAPTURES.flatMap((file) => readCapture(fixturePath(file)).filter((l) => l.dir === 'in').map((l) => l.data))
const hot = (raw: string): boolean => /"subject":"(trade\.l2update|trade\.ticker|level2)"|"topic":"\/market\/ticker:all"/.test(raw)

type Tier = (raw: string) => KucoinFrame | undefined

/** What the full path means by each frame, through one interpreter (its state carried along), next to a tier's answer. */
const lockstep = (tier: Tier) => {
  const expected = createInterpreter(createKucoinSymbols())
  const actual = createInterpreter(createKucoinSymbols())
  let answered = 0
  const differences: string[] = []
  for (const raw of frames) {
    const decoded = full(raw)
    const want: readonly VenueMessage[] | string = E.isLeft(decoded) ? decoded.left.message : expected(decoded.right, ctx)
    const fast = tier(raw)
    const got = fast === undefined ? (E.isLeft(decoded) ? want : actual(decoded.right, ctx)) : actual(fast, ctx)
    if (fast !== undefined) answered++
    if (!isDeepStrictEqual(got, want)) differences.push(raw)
  }
  return { answered, differences }
}

describe('the fast path on the recorded captures', () => {
  const hotCount = frames.filter(hot).length

  it('has level2, ticker and depth frames to answer', () => {
    expect(hotCount).toBe(3523 + 680 + 2 + 2 + 1)
  })

  it.each([
    ['the layout tier', createLayoutDecode()],
    ['the scanner tier', createScanDecode()],
  ])('%s answers every level2 update, ticker push and depth book exactly as JSON.parse + io-ts + the mappers do', (_name, tier) => {
    expect(lockstep(tier)).toEqual({ answered: hotCount, differences: [] })
  })

  it('the exact tier answers every level2 update exactly as JSON.parse + io-ts + the mappers do, and nothing else', () => {
    const updates = frames.filter((raw) => raw.includes('"subject":"trade.l2update"')).length
    expect([updates, lockstep(createExactDecode())]).toEqual([3523 + 2, { answered: updates, differences: [] }])
  })

  it('the exact ticker tier answers every ticker push exactly as JSON.parse + io-ts + the mappers do, and nothing else', () => {
    const tickers = frames.filter((raw) => raw.includes('"topic":"/market/ticker:')).length
    expect([tickers, lockstep(createTickerDecode())]).toEqual([680 + 2, { answered: tickers, differences: [] }])
  })

  it('the trade tier answers every trade exactly as JSON.parse + io-ts + the mappers do, and nothing else', () => {
    const trades = frames.filter((raw) => raw.includes('"topic":"/market/match:')).length
    expect([trades, lockstep(createMatchDecode())]).toEqual([6 + 1, { answered: trades, differences: [] }])
  })

  it('decodes every frame of the captures to what the full path decodes', () => {
    const decode = createDecode()
    expect(lockstep((raw) => E.getOrElseW(() => undefined)(decode(raw)))).toEqual({ answered: frames.length, differences: [] })
  })
})

describe('createDecode', () => {
  const decode = createDecode()
  const l2 = (data: string, tail = '"subject":"trade.l2update","topic":"/market/level2:BTC-USDT","type":"message"') => `{"data":${data},${tail}}`
  const data = '{"sequenceStart":5,"symbol":"BTC-USDT","changes":{"asks":[["1.5","2","5"]],"bids":[]},"sequenceEnd":5}'

  it('reads a level2 update without the full path', () => {
    expect(decode(l2(data))).toMatchObject({ right: { kind: 'l2update-scanned' } })
  })

  it('leaves a level2 update with a bad row to the full path, which names the field', () => {
    const bad = decode(l2(data.replace('"1.5"', '"1.5x"')))
    expect(E.isLeft(bad) && bad.left.message).toBe('kucoin: KucoinL2Update: data.changes.asks.0.0: expected DecimalString, got "1.5x"')
  })

  it('leaves a level2 update whose symbol is sent twice to the full path, which keeps the last', () => {
    const twice = decode(l2(data.replace('"symbol":"BTC-USDT"', '"symbol":"ETH-USDT","symbol":"BTC-USDT"')))
    expect(twice).toMatchObject({ right: { kind: 'l2update', frame: { data: { symbol: 'BTC-USDT' } } } })
  })

  it('reads a level2 update laid out with whitespace and an unknown field through the scanner tier', () => {
    const spaced = `{ "type": "message", "extra": [1, {"a": null}], "topic": "/market/level2:BTC-USDT", "subject": "trade.l2update", "data": ${data} }`
    expect([createLayoutDecode()(spaced), decode(spaced)]).toMatchObject([undefined, { right: { kind: 'l2update-scanned' } }])
  })

  it('leaves a level2 update with a non-finite sequence to the full path', () => {
    expect(E.isLeft(decode(l2(data.replace('"sequenceEnd":5', '"sequenceEnd":1e999'))))).toBe(true)
  })
})
