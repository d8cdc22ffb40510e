import fc from 'fast-check'
import { readPushLayout } from './push-layout'
import { agrees, captureOf, CAPTURES } from './__tests__/differential'
import { compactPushFrame, mutated } from './__tests__/layout-frames'

const isPush = (raw: string): boolean => /"channel":"(trades|trades-all|tickers)"/.test(raw) && !raw.includes('"event"')

describe.each(CAPTURES)('readPushLayout on %s', (file) => {
  const { frames, ctx } = captureOf(file)

  it('reads every trades and tickers push of the capture', () => {
    const pushes = frames.filter(isPush)
    expect([pushes.length > 0, pushes.filter((raw) => readPushLayout(raw) === undefined)]).toEqual([true, []])
  })

  it('reads every frame it reads as the full path does (frame and interpretation, sizes converted)', () => {
    for (const raw of frames) agrees(raw, readPushLayout(raw), ctx)
  })
})

const TICKER =
  '{"instType":"SWAP","instId":"BTC-USDT-SWAP","last":"195.97","lastSz":"50","askPx":"196.11","askSz":"116","bidPx":"","bidSz":"","open24h":"197.31","high24h":"202.54","low24h":"189.85","sodUtc0":"196.66","sodUtc8":"199.56","volCcy24h":"65231.6","vol24h":"652316","ts":"1626995747777"}'
const tickers = (item: string): string => `{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[${item}]}`
const TRADE = '{"instId":"BTC-USDT","tradeId":"314161276","px":"43474.1","sz":"0.00373695","side":"sell","ts":"1646311839593"'
const trades = (rest: string, channel = 'trades'): string => `{"arg":{"channel":"${channel}","instId":"BTC-USDT"},"data":[${TRADE}${rest}}]}`

describe('readPushLayout', () => {
  it('reads most generated frames in OKX layout (so the properties below test reads, not only hand-overs)', () => {
    const read = fc.sample(compactPushFrame, { numRuns: 1000, seed: 7 }).filter((raw) => readPushLayout(raw) !== undefined)
    expect(read.length).toBeGreaterThan(250)
  })

  it('answers frames in OKX layout, with values at and past the codecs\' edges, as the full path does, or hands them on', () => {
    fc.assert(fc.property(compactPushFrame, (raw) => agrees(raw, readPushLayout(raw))), { numRuns: 4000 })
  })

  it('answers mutated and truncated frames as the full path does, or hands them on, and never throws', () => {
    fc.assert(fc.property(mutated(compactPushFrame), (raw) => agrees(raw, readPushLayout(raw))), { numRuns: 4000 })
  })

  it('reads "" (one-sided book) as no price and no size', () => {
    const frame = readPushLayout(tickers(TICKER))
    expect(frame?.type === 'tickers' ? [frame.frame.data[0]?.bidPx, frame.frame.data[0]?.bidSz, frame.frame.data[0]?.askPx] : frame).toEqual([undefined, undefined, 196.11])
  })

  it.each([
    ['without instType and the sodUtc members', tickers(TICKER.replace('"instType":"SWAP",', '').replace('"sodUtc0":"196.66","sodUtc8":"199.56",', ''))],
    ['with count, source and seqId after a trade', trades(',"count":"3","source":"0","seqId":1234')],
    ['on trades-all', trades('', 'trades-all')],
    ['with several trades', trades(`},${TRADE},"count":"1"`)],
  ])('reads a push %s', (_, raw) => {
    expect(readPushLayout(raw)).toBeDefined()
    agrees(raw, readPushLayout(raw))
  })

  it.each([
    ['a named member sent twice', trades(',"px":"1"')],
    ['an unknown member', trades(',"x":"1"')],
    ['a seqId with a leading zero (not JSON)', trades(',"seqId":01')],
    ['a side the codec rejects', trades('').replace('"sell"', '"SELL"')],
    ['an exponent', trades('').replace('"43474.1"', '"4.34741e4"')],
    ['a ticker member missing', tickers(TICKER.replace('"lastSz":"50",', ''))],
    ['a ticker member of another type', tickers(TICKER.replace('"last":"195.97"', '"last":195.97'))],
    ['whitespace', tickers(TICKER).replace(',"data"', ', "data"')],
    ['another channel', trades('', 'tickers5')],
  ])('hands %s on to the full path', (_, raw) => {
    expect(readPushLayout(raw)).toBeUndefined()
  })
})
