import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import {
  DecodeError, NumberFromString, VenueRejectedError, decodeWith, parseJson, parseSymbol, silentLogger,
  type FeedError, type HttpClient, type Instrument, type Logger,
} from '@tributary/core'
import { fromOkxSymbol, okxKindOf } from './symbols'
import type { OkxUrls } from './urls'
import { OptionalDecimal, OptionalInt } from './wire'

/** One item of `GET /api/v5/public/instruments`. `""` marks fields that do not apply (ctVal on spot). */
export const OkxInstrument = t.intersection(
  [
    t.type({ instId: t.string, instType: t.string, tickSz: NumberFromString, lotSz: NumberFromString }),
    t.partial({
      ctVal: OptionalDecimal,
      ctMult: OptionalDecimal,
      /** Currency of `ctVal`: the base coin for linear contracts and options, USD for inverse contracts. */
      ctValCcy: t.string,
      /** `linear`, `inverse`, or `""` (options). */
      ctType: t.string,
      settleCcy: t.string,
      expTime: OptionalInt,
      stk: OptionalDecimal,
      optType: t.string,
      minSz: OptionalDecimal,
      state: t.string,
    }),
  ],
  'OkxInstrument',
)
export type OkxInstrument = t.TypeOf<typeof OkxInstrument>

export const OkxInstrumentsResponse = t.intersection(
  [t.type({ code: t.string, data: t.UnknownArray }), t.partial({ msg: t.string })],
  'OkxInstrumentsResponse',
)

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s)
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/**
 * An OKX instrument → the model. `contractValue`/`contractMultiplier` are OKX's `ctVal`/`ctMult`; for inverse
 * contracts (`contractType: 'inverse'`) `contractValue` is in quote currency (USD), not base units.
 */
export const toInstrument = (i: OkxInstrument): E.Either<string, Instrument> => {
  const symbol = fromOkxSymbol(i.instId)
  const kind = okxKindOf(i.instId)
  if (symbol === undefined || kind === undefined) return E.left(`okx instrument ${i.instId}: id not understood`)
  const parts = parseSymbol(symbol)
  if (E.isLeft(parts)) return E.left(parts.left)
  const derivative = kind !== 'spot'
  if (derivative && i.ctVal === undefined) return E.left(`okx instrument ${i.instId}: derivative without ctVal`)
  return E.right({
    venue: 'okx',
    symbol,
    venueSymbol: i.instId,
    kind,
    base: parts.right.base,
    quote: parts.right.quote,
    tickSize: i.tickSz,
    lotSize: i.lotSz,
    ...opt('settle', derivative ? (nonEmpty(i.settleCcy) ?? parts.right.settle) : undefined),
    ...opt('contractValue', derivative ? i.ctVal : undefined),
    ...opt('contractMultiplier', derivative ? (i.ctMult ?? 1) : undefined),
    ...opt<'contractType', 'linear' | 'inverse'>('contractType', i.ctType === 'linear' || i.ctType === 'inverse' ? i.ctType : undefined),
    ...opt('expiry', i.expTime),
    ...opt('strike', i.stk),
    ...opt<'optionType', 'call' | 'put'>('optionType', i.optType === 'C' ? 'call' : i.optType === 'P' ? 'put' : undefined),
    ...opt('minSize', i.minSz),
    ...opt('active', i.state === undefined ? undefined : i.state === 'live'),
  })
}

/** Decodes one instruments response body; malformed items are returned apart, so one odd item never hides the rest. */
export const parseInstruments = (body: string): E.Either<FeedError, { readonly instruments: readonly Instrument[]; readonly skipped: readonly string[] }> => {
  const json = parseJson(body)
  if (E.isLeft(json)) return E.left(new DecodeError({ venue: 'okx', codec: 'JSON', issues: [{ path: '(root)', expected: 'valid JSON', actual: String(json.left) }], raw: body }))
  const response = decodeWith('okx', OkxInstrumentsResponse, json.right, body)
  if (E.isLeft(response)) return response
  if (response.right.code !== '0') return E.left(new VenueRejectedError('okx', response.right.code, response.right.msg ?? '', 'instruments'))
  const instruments: Instrument[] = []
  const skipped: string[] = []
  for (const item of response.right.data) {
    const decoded = decodeWith('okx', OkxInstrument, item, JSON.stringify(item))
    const mapped = E.isLeft(decoded) ? E.left(decoded.left.message) : toInstrument(decoded.right)
    if (E.isLeft(mapped)) skipped.push(mapped.left)
    else instruments.push(mapped.right)
  }
  return E.right({ instruments, skipped })
}

export interface InstrumentsOptions {
  readonly urls: Pick<OkxUrls, 'rest' | 'restHeaders'>
  /** Option families to list (OKX lists options per family only). @defaultValue ['BTC-USD', 'ETH-USD'] */
  readonly optionFamilies?: readonly string[]
  readonly logger?: Logger
}

/** The REST queries that list every instrument: SPOT, SWAP, FUTURES, and OPTION per family. */
export const instrumentQueries = (families: readonly string[]): readonly string[] => [
  'instType=SPOT',
  'instType=SWAP',
  'instType=FUTURES',
  ...families.map((f) => `instType=OPTION&instFamily=${encodeURIComponent(f)}`),
]

/**
 * Loads every OKX instrument over REST (`GET /api/v5/public/instruments`). A failed query fails the load; skipped
 * items (ids not understood, malformed fields) are logged once with their reasons.
 */
export const loadInstruments =
  (options: InstrumentsOptions) =>
  async (http: HttpClient): Promise<E.Either<FeedError, readonly Instrument[]>> => {
    const { urls, optionFamilies = ['BTC-USD', 'ETH-USD'], logger = silentLogger } = options
    const all: Instrument[] = []
    for (const query of instrumentQueries(optionFamilies)) {
      const url = `${urls.rest}/api/v5/public/instruments?${query}`
      const response = await http({ method: 'GET', url, headers: urls.restHeaders })
      if (response.status !== 200) return E.left(new VenueRejectedError('okx', String(response.status), response.body.slice(0, 200), `GET ${url}`))
      const parsed = parseInstruments(response.body)
      if (E.isLeft(parsed)) return parsed
      if (parsed.right.skipped.length > 0) {
        logger.warn('okx: instruments skipped', { query, count: parsed.right.skipped.length, reasons: parsed.right.skipped.slice(0, 5) })
      }
      all.push(...parsed.right.instruments)
    }
    return E.right(all)
  }
