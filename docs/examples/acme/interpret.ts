import { VenueRejectedError, type InterpretContext, type Trade, type VenueMessage } from '@tributary/core'
import type { AcmeFrame } from './codecs'
import { acmeSymbols } from './symbols'

// Step 3: one decoded frame → what it means to the connection layer.

export const interpret = (frame: AcmeFrame, ctx: InterpretContext): readonly VenueMessage[] => {
  if ('result' in frame) return [frame.result ? { type: 'ack', requestId: String(frame.id) } : { type: 'reject', requestId: String(frame.id), error: new VenueRejectedError('acme', 'false', 'subscribe refused') }]
  const symbol = acmeSymbols.fromVenue(frame.s)
  if (symbol === undefined) return [{ type: 'unknown', what: `trade for unknown symbol ${frame.s}` }]
  const trade: Trade = { kind: 'trade', venue: 'acme', symbol, ts: frame.T, receivedAt: ctx.receivedAt, id: frame.t, price: frame.p, size: frame.q, side: frame.m ? 'sell' : 'buy' }
  return [{ type: 'data', topic: `${frame.s.toLowerCase()}@trade`, events: [trade] }]
}
