import * as E from 'fp-ts/Either'
import { decodeJson, type Instrument, type InterpretContext, type VenueMessage } from '@tributary/core'
import { codecFor } from '../codecs'
import { interpret } from '../mappers'

/** @internal Instruments as OKX lists them (2022 capture values), for tests. */
export const TEST_INSTRUMENTS: readonly Instrument[] = [
  { venue: 'okx', symbol: 'BTC/USDT:USDT', venueSymbol: 'BTC-USDT-SWAP', kind: 'swap', base: 'BTC', quote: 'USDT', tickSize: 0.1, lotSize: 1, settle: 'USDT', contractValue: 0.01, contractMultiplier: 1, contractType: 'linear' },
  { venue: 'okx', symbol: 'BTC/USD:BTC', venueSymbol: 'BTC-USD-SWAP', kind: 'swap', base: 'BTC', quote: 'USD', tickSize: 0.1, lotSize: 1, settle: 'BTC', contractValue: 100, contractMultiplier: 1, contractType: 'inverse' },
  { venue: 'okx', symbol: 'BTC/USD:BTC-210924-66000-C', venueSymbol: 'BTC-USD-210924-66000-C', kind: 'option', base: 'BTC', quote: 'USD', tickSize: 0.0005, lotSize: 1, settle: 'BTC', contractValue: 1, contractMultiplier: 0.1 },
]

/** @internal An interpret context with the test instruments. */
export const testContext = (instruments: readonly Instrument[] = TEST_INSTRUMENTS): InterpretContext => ({
  receivedAt: 1_700_000_000_000,
  group: 'public',
  connection: 'public#1',
  instrument: (id) => instruments.find((i) => i.venueSymbol === id),
  nextId: () => 1,
})

/** @internal Decodes a raw frame and interprets it; a decode error is returned as its message. */
export const interpretRaw = (raw: string, ctx: InterpretContext = testContext()): readonly VenueMessage[] | string => {
  const frame = decodeJson('okx', codecFor)(raw)
  return E.isLeft(frame) ? frame.left.message : interpret(frame.right, ctx)
}
