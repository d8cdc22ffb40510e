import { VenueRejectedError, type FeedEvent, type InterpretContext, type VenueMessage } from '@tributary/core'
import { createCandleCloser } from './candles'
import { topicPrefix, type KucoinFrame } from './codecs'
import {
  toBookUpdate,
  toCandle,
  toDepthSnapshot,
  toScannedBookUpdate,
  toScannedDepthSnapshot,
  toScannedTickerEvents,
  toSnapshotTicker,
  toTickerEvents,
  toTrade,
  type MapContext,
} from './mappers'
import { toBalance, toOrderEvents } from './private-mappers'
import { VENUE } from './rest'
import type { KucoinSymbols } from './symbols'

/** KuCoin error code for an expired or invalid token: only a new token (a new connection) cures it. */
export const TOKEN_EXPIRED = 401

const NOT_FOUND = /^topic (\S+) is not found/

/** The single-symbol topic a 404 names (`topic /market/level2:BSV-BTC is not found`), when it names one. */
const rejectedTopic = (text: string): string | undefined => {
  const topic = NOT_FOUND.exec(text)?.[1]
  return topic === undefined || topic.includes(',') ? undefined : topic
}

const data = (topic: string, events: readonly FeedEvent[]): VenueMessage => ({ type: 'data', topic, events })

/** Symbols remembered per interpreter; past this many (a runaway venue), mapped each time instead. */
const SYMBOL_CACHE_SIZE = 10_000

/**
 * Builds `interpret`: what each decoded frame means to the connection layer. Keeps the candle closer (see
 * {@link createCandleCloser}) and a cache of unified symbols; everything else is a pure mapping.
 */
export const createInterpreter = (symbols: KucoinSymbols) => {
  const closer = createCandleCloser()
  const unified = new Map<string, string>()
  // The last symbol asked for: consecutive frames are often of one symbol, and comparing two short strings is cheaper
  // than hashing a new one.
  let lastId = ''
  let lastName = ''
  const symbol = (id: string): string => {
    if (id === lastId) return lastName
    let name = unified.get(id)
    if (name === undefined) {
      name = symbols.fromVenue(id) ?? id
      if (unified.size < SYMBOL_CACHE_SIZE) unified.set(id, name)
    }
    lastId = id
    lastName = name
    return name
  }
  return (decoded: KucoinFrame, ctx: InterpretContext): readonly VenueMessage[] => {
    // The hot kinds first, with nothing built they do not need.
    if (decoded.kind === 'l2update-scanned') {
      const f = decoded.frame
      return [data(f.topic, [toScannedBookUpdate(f, symbol(f.venueSymbol), ctx.receivedAt)])]
    }
    if (decoded.kind === 'ticker-scanned') {
      const f = decoded.frame
      return [data(f.topic, toScannedTickerEvents(f, symbol(f.venueSymbol), ctx.receivedAt))]
    }
    if (decoded.kind === 'depth-scanned') {
      const f = decoded.frame
      return [data(f.topic, [toScannedDepthSnapshot(f, symbol(f.venueSymbol), ctx.receivedAt)])]
    }
    const map: MapContext = { symbol, receivedAt: ctx.receivedAt }
    switch (decoded.kind) {
      case 'welcome':
        closer.reset(ctx.connection)
        return [{ type: 'ready' }]
      case 'ack':
        return [{ type: 'ack', requestId: decoded.frame.id }]
      case 'pong':
        return [{ type: 'pong' }]
      case 'error': {
        const { code, data: text, id } = decoded.frame
        if (code === TOKEN_EXPIRED) return [{ type: 'reconnect', reason: `token rejected (${code} ${text}): reconnecting with a fresh token` }]
        const topic = rejectedTopic(text)
        const error = new VenueRejectedError(VENUE, String(code), text, topic ?? (id === undefined ? undefined : `request ${id}`))
        return [{ type: 'reject', error, ...(id === undefined ? {} : { requestId: id }), ...(topic === undefined ? {} : { topic }) }]
      }
      case 'ticker':
        return [data(decoded.frame.topic, toTickerEvents(decoded.frame, map))]
      case 'snapshot':
        return [data(decoded.frame.topic, [toSnapshotTicker(decoded.frame, map)])]
      case 'l2update':
        return [data(decoded.frame.topic, [toBookUpdate(decoded.frame, map)])]
      case 'depth':
        return [data(decoded.frame.topic, [toDepthSnapshot(decoded.frame, map)])]
      case 'match':
        return [data(decoded.frame.topic, [toTrade(decoded.frame, map)])]
      case 'candle':
        return [data(decoded.frame.topic, closer.push(ctx.connection, decoded.frame.topic, toCandle(decoded.frame, map)))]
      case 'order':
        return [data(decoded.frame.topic, toOrderEvents(decoded.frame, map))]
      case 'balance':
        return [data(decoded.frame.topic, [toBalance(decoded.frame, { ...map, currency: symbols.currency })])]
      case 'unknown': {
        const { type, topic, subject } = decoded.frame
        return [{ type: 'unknown', what: topic === undefined ? `type ${type}` : `${topicPrefix(topic)} ${subject ?? ''}`.trim() }]
      }
    }
  }
}
