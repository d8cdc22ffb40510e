import * as E from 'fp-ts/Either'
import { decodeJson, type Instrument, type InterpretContext } from '@tributary/core'
import { readCapture, fixturePath, type CaptureLine } from '@tributary/testkit'
import { codecFor, type OkxFrame } from '../codecs'
import { parseInstruments } from '../instruments'
import { interpret } from '../mappers'
import { TEST_INSTRUMENTS, testContext } from './support'

/** The recorded OKX captures. */
export const CAPTURES = ['okx/okx-v5-2021-07-22-books-l2-tbt-3conn.jsonl', 'okx/okx-v5-2022-02-27-books-l2-tbt.jsonl', 'okx/okx-v5-samples-2022-crypto-msg-parser.jsonl']

/** A capture's inbound frames, and a context with its recorded instruments (contract values: sizes get converted). */
export const captureOf = (file: string): { readonly frames: readonly string[]; readonly ctx: InterpretContext } => {
  const lines: readonly CaptureLine[] = readCapture(fixturePath(file))
  const recorded = lines.filter((l) => l.dir === 'http').flatMap((l) => E.getOrElseW(() => ({ instruments: [] as readonly Instrument[] }))(parseInstruments(l.data)).instruments)
  const byId = new Map([...TEST_INSTRUMENTS, ...recorded].map((i) => [i.venueSymbol, i]))
  return { frames: lines.filter((l) => l.dir === 'in').map((l) => l.data), ctx: { ...testContext(), instrument: (id) => byId.get(id) } }
}

export const decodeFull = decodeJson('okx', codecFor)

/** The members each fast-path frame type holds, as the codecs name them. */
const NAMED: Readonly<Record<string, readonly string[]>> = {
  book: ['asks', 'bids', 'ts', 'checksum', 'seqId', 'prevSeqId'],
  'book-top': ['asks', 'bids', 'ts', 'checksum', 'seqId', 'prevSeqId'],
  trades: ['instId', 'tradeId', 'px', 'sz', 'side', 'ts'],
  tickers: ['instId', 'last', 'lastSz', 'askPx', 'askSz', 'bidPx', 'bidSz', 'open24h', 'high24h', 'low24h', 'volCcy24h', 'vol24h', 'ts'],
}

/** A decoded frame with only what its codec names (io-ts also keeps the members it was sent; the fast path skips them). */
export const named = (frame: OkxFrame): unknown => {
  const keys = NAMED[frame.type]
  if (keys === undefined || !('data' in frame.frame) || !('arg' in frame.frame)) return frame
  const items = frame.frame.data as readonly Record<string, unknown>[]
  const arg = frame.frame.arg as { readonly channel: string; readonly instId?: string }
  return {
    type: frame.type,
    channel: arg.channel,
    instId: arg.instId,
    action: frame.type === 'book' ? frame.frame.action : undefined,
    data: items.map((item) => Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k]]))),
  }
}

/**
 * Whether a fast path's answer for `raw` is what the full path (JSON.parse + io-ts) gives: the same frame (the members
 * the codecs name) and the same interpretation. `undefined` (handed on) always agrees.
 */
export const agrees = (raw: string, fast: OkxFrame | undefined, ctx: InterpretContext = testContext()): boolean => {
  if (fast === undefined) return true
  const full = decodeFull(raw)
  if (E.isLeft(full)) throw new Error(`the fast path read a frame the full path rejects: ${full.left.message}`)
  expect(named(fast)).toStrictEqual(named(full.right))
  expect(interpret(fast, ctx)).toStrictEqual(interpret(full.right, ctx))
  return true
}
