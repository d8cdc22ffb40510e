import * as E from 'fp-ts/Either'
import { decodeJson, type DecodeError } from '@tributary/core'
import { readBookLayout } from './book-layout'
import { scanBookFrame } from './book-scan'
import { codecFor, type OkxFrame } from './codecs'
import { readPushLayout } from './push-layout'

const decodeFull = decodeJson('okx', codecFor)

/**
 * Decodes one OKX frame: `JSON.parse` then the codec `codecFor` routes to, or, for the hot pushes, a read straight
 * from the text into the same frame. Book pushes in OKX's own compact layout are read by {@link readBookLayout}, in
 * any other layout by {@link scanBookFrame}; trades and tickers in OKX's layout by {@link readPushLayout}. What none
 * of them reads with certainty goes the full way, which decodes it or names the error.
 */
export const decodeOkx = (raw: string): E.Either<DecodeError, OkxFrame> => {
  const fast = readBookLayout(raw) ?? readPushLayout(raw) ?? scanBookFrame(raw)
  return fast === undefined ? decodeFull(raw) : E.right(fast)
}
