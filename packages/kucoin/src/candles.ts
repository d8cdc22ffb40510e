import type { Candle } from '@tributary/core'

/**
 * Marks KuCoin candles closed, which the venue never flags: when a push for a newer candle arrives on a connection's
 * topic, the last values seen for the previous candle are emitted once more with `closed: true`, before the new one.
 * State is per connection and topic, and is dropped when that connection says welcome again (after a reconnect the
 * previous candle may have changed unseen, so it is not closed from stale values).
 */
export interface CandleCloser {
  /** The events to publish for this push: the new candle, preceded by the closed previous one when it ended. */
  push(connection: string, topic: string, candle: Candle): readonly Candle[]
  /** Forgets every candle seen on `connection`. */
  reset(connection: string): void
}

/** @internal */
export const createCandleCloser = (): CandleCloser => {
  const last = new Map<string, Map<string, Candle>>()
  return {
    push(connection, topic, candle) {
      let topics = last.get(connection)
      if (topics === undefined) {
        topics = new Map()
        last.set(connection, topics)
      }
      const previous = topics.get(topic)
      if (previous !== undefined && previous.openTime > candle.openTime) return [candle]
      topics.set(topic, candle)
      return previous !== undefined && previous.openTime < candle.openTime ? [{ ...previous, closed: true }, candle] : [candle]
    },
    reset(connection) {
      last.delete(connection)
    },
  }
}
