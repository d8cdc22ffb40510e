import * as E from 'fp-ts/Either'
import { decodeJson, type DecodeError } from '@tributary/core'
import { codecFor, type KucoinFrame } from './codecs'
import { createExactDecode } from './fast-exact'
import { createLayoutDecode } from './fast-layout'
import { createMatchDecode } from './fast-match'
import { createScanDecode } from './fast-scan'
import { createTickerDecode } from './fast-ticker'
import { VENUE } from './rest'

/**
 * Text every frame the layout and scanner tiers can answer contains (its topic). Anything else the exact tiers refused
 * (candles, acks, welcome, pongs, trades in another layout) goes straight to the full path instead of being walked
 * first; a frame it lets through may still be handed over. It also keeps the layout tier's large expressions from
 * running (and being compiled to ≈ 1 MB of native code) on frames they can never match.
 */
const MAYBE_HOT = /\/market\/(?:level2|ticker)|\/spotMarket\/level2Depth/

/**
 * Builds the venue's `decode`. The hot frames (`/market/level2` updates, `/market/ticker` pushes, depth-5/50 books)
 * and `/market/match` trades take a fast path that never calls JSON.parse or io-ts: {@link createExactDecode},
 * {@link createTickerDecode} and {@link createMatchDecode} (in the member orders KuCoin writes), then
 * {@link createLayoutDecode} (compact, members in any order) and {@link createScanDecode} (any layout, walked with a
 * JsonScanner). Each answers exactly what the full path would mean, or `undefined`; what none answers goes through
 * JSON.parse + `codecFor` + io-ts, the only source of decode errors. Not reentrant; decoding is synchronous.
 */
export const createDecode = (): ((raw: string) => E.Either<DecodeError, KucoinFrame>) => {
  const exact = createExactDecode()
  const ticker = createTickerDecode()
  const match = createMatchDecode()
  const layout = createLayoutDecode()
  const scan = createScanDecode()
  const full = decodeJson(VENUE, codecFor)
  return (raw) => {
    const fast = exact(raw) ?? ticker(raw) ?? match(raw) ?? (MAYBE_HOT.test(raw) ? (layout(raw) ?? scan(raw)) : undefined)
    return fast === undefined ? full(raw) : E.right(fast)
  }
}
