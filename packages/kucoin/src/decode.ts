import * as E from 'fp-ts/Either'
import { decodeJson, type DecodeError } from '@tributary/core'
import { codecFor, type KucoinFrame } from './codecs'
import { createLayoutDecode } from './fast-layout'
import { createScanDecode } from './fast-scan'
import { VENUE } from './rest'

/**
 * Text every frame a fast tier can answer contains (its topic). Anything else (trades, candles, acks, welcome) goes
 * straight to the full path instead of being walked twice first; a frame it lets through may still be handed over.
 */
const MAYBE_HOT = /\/market\/(?:level2|ticker)|\/spotMarket\/level2Depth/

/**
 * Builds the venue's `decode`. The hot frames (`/market/level2` updates, `/market/ticker` pushes, depth-5/50 books)
 * take a fast path that never calls JSON.parse or io-ts: first {@link createLayoutDecode} (the layout KuCoin sends,
 * checked by one regular expression), then {@link createScanDecode} (any layout, walked with a JsonScanner). Each
 * answers exactly what the full path would mean, or `undefined`; what neither answers goes through JSON.parse +
 * `codecFor` + io-ts, the only source of decode errors. Not reentrant; decoding is synchronous.
 */
export const createDecode = (): ((raw: string) => E.Either<DecodeError, KucoinFrame>) => {
  const layout = createLayoutDecode()
  const scan = createScanDecode()
  const full = decodeJson(VENUE, codecFor)
  return (raw) => {
    const fast = MAYBE_HOT.test(raw) ? (layout(raw) ?? scan(raw)) : undefined
    return fast === undefined ? full(raw) : E.right(fast)
  }
}
