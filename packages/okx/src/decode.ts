import * as E from 'fp-ts/Either'
import { decodeJson, type DecodeError } from '@tributary/core'
import { scanBookFrame } from './book-scan'
import { codecFor, type OkxFrame } from './codecs'

const decodeFull = decodeJson('okx', codecFor)

/**
 * Decodes one OKX frame: `JSON.parse` then the codec `codecFor` routes to, or, for book pushes, the scan that reads
 * them straight from the text into the same frame (see {@link scanBookFrame}; what it cannot read goes the full way).
 */
export const decodeOkx = (raw: string): E.Either<DecodeError, OkxFrame> => {
  const book = scanBookFrame(raw)
  return book === undefined ? decodeFull(raw) : E.right(book)
}
