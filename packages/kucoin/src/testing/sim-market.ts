import type { SyntheticLevel, SyntheticMarket } from '@tributary/testkit'
import { intervalOf } from './sim-topics'

/** How the simulator renders one SyntheticMarket symbol as KuCoin frames, keeping KuCoin's own sequence. */
export interface SimSymbol {
  readonly unified: string
  readonly venueSymbol: string
}

const text = (n: number): string => String(n)
const levels = (side: readonly SyntheticLevel[]): string[][] => side.map(([p, s]) => [text(p), text(s)])
const message = (topic: string, subject: string, data: unknown): string => JSON.stringify({ type: 'message', topic, subject, data })

/**
 * Renders the synthetic market as KuCoin spot frames. Each symbol's KuCoin sequence is the market's change sequence
 * plus the sequence-only rows inserted so far (`["0","0",seq]`, as the real stream has), so a REST snapshot taken at
 * any moment carries exactly the `sequenceEnd` of the last update rendered.
 */
export class KucoinMarketRenderer {
  private readonly extra = new Map<string, number>()
  private readonly lastSize = new Map<string, number>()
  private updates = 0

  constructor(
    private readonly market: SyntheticMarket,
    private readonly venue: string,
  ) {}

  /** The KuCoin sequence of the book now. */
  sequence(s: SimSymbol): number {
    return this.market.book(this.venue, s.unified).seq + (this.extra.get(s.unified) ?? 0)
  }

  /** The next `/market/level2` frame, or undefined when nothing changed. Every 4th update ends with a sequence-only row. */
  level2(s: SimSymbol): { readonly frame: string; readonly start: number; readonly end: number } | undefined {
    const u = this.market.bookUpdate(this.venue, s.unified)
    let extra = this.extra.get(s.unified) ?? 0
    if (u.bids.length + u.asks.length === 0) return undefined
    const start = u.firstSeq + extra
    let seq = start
    const rows = (side: readonly SyntheticLevel[]): string[][] => side.map(([p, size]) => [text(p), text(size), String(seq++)])
    const bids = rows(u.bids)
    const asks = rows(u.asks)
    this.updates += 1
    if (this.updates % 4 === 0) {
      asks.push(['0', '0', String(seq++)])
      extra += 1
      this.extra.set(s.unified, extra)
    }
    const end = seq - 1
    const data = { sequenceStart: start, symbol: s.venueSymbol, changes: { asks, bids }, sequenceEnd: end, time: u.ts }
    return { frame: message(`/market/level2:${s.venueSymbol}`, 'trade.l2update', data), start, end }
  }

  /** REST `data` of an order-book endpoint: the whole book (or its top `depth`), at the current sequence. */
  restBook(s: SimSymbol, depth?: number): unknown {
    const book = this.market.book(this.venue, s.unified)
    const cut = (side: readonly SyntheticLevel[]) => levels(depth === undefined ? side : side.slice(0, depth))
    return { time: book.ts, sequence: String(this.sequence(s)), bids: cut(book.bids), asks: cut(book.asks) }
  }

  depth(s: SimSymbol, depth: 5 | 50): string {
    const book = this.market.book(this.venue, s.unified)
    const data = { asks: levels(book.asks.slice(0, depth)), bids: levels(book.bids.slice(0, depth)), timestamp: book.ts }
    return message(`/spotMarket/level2Depth${depth}:${s.venueSymbol}`, 'level2', data)
  }

  ticker(s: SimSymbol): string {
    const st = this.market.stats(this.venue, s.unified)
    const data = {
      sequence: String(this.sequence(s)),
      price: text(st.last),
      size: text(this.lastSize.get(s.unified) ?? this.market.instrument(s.unified).lotSize),
      bestBid: text(st.bid),
      bestBidSize: text(st.bidSize),
      bestAsk: text(st.ask),
      bestAskSize: text(st.askSize),
      time: st.ts,
    }
    return message(`/market/ticker:${s.venueSymbol}`, 'trade.ticker', data)
  }

  /** `/market/snapshot`: 24 h statistics as JSON numbers. */
  snapshot(s: SimSymbol): string {
    const st = this.market.stats(this.venue, s.unified)
    const data = {
      sequence: String(this.sequence(s)),
      data: {
        symbol: s.venueSymbol, datetime: st.ts, lastTradedPrice: st.last, buy: st.bid, sell: st.ask,
        open: st.open, high: st.high, low: st.low, vol: st.volume, volValue: st.quoteVolume,
      },
    }
    return message(`/market/snapshot:${s.venueSymbol}`, 'trade.snapshot', data)
  }

  /** `/market/match` frames for the trades of this step (time in ns as a string). */
  matches(s: SimSymbol): string[] {
    return this.market.trades(this.venue, s.unified).map((t) => {
      this.lastSize.set(s.unified, t.size)
      return message(`/market/match:${s.venueSymbol}`, 'trade.l3match', {
        symbol: s.venueSymbol,
        sequence: String(this.sequence(s)),
        side: t.side,
        size: text(t.size),
        price: text(t.price),
        takerOrderId: `t${t.id}`,
        makerOrderId: `m${t.id}`,
        time: `${t.ts}000000`,
        type: 'match',
        tradeId: t.id,
      })
    })
  }

  /** `/market/candles:SYM_TYPE`: `add` for the first push of a candle, `update` after. */
  candle(s: SimSymbol, type: string, isNew: (start: number) => boolean): string | undefined {
    const intervalMs = intervalOf(type)
    if (intervalMs === undefined) return undefined
    const c = this.market.candle(this.venue, s.unified, intervalMs)
    const values = [c.start / 1000, c.open, c.close, c.high, c.low, c.volume, c.volume * c.close].map(text)
    const subject = isNew(c.start) ? 'trade.candles.add' : 'trade.candles.update'
    return message(`/market/candles:${s.venueSymbol}_${type}`, subject, { symbol: s.venueSymbol, candles: values, time: this.market.now() * 1e6 })
  }

  /** `GET /api/v2/symbols` entries. */
  symbolList(symbols: readonly SimSymbol[]): unknown[] {
    return symbols.map((s) => {
      const i = this.market.instrument(s.unified)
      const [base, quote] = s.venueSymbol.split('-')
      return {
        symbol: s.venueSymbol, name: s.venueSymbol, baseCurrency: base, quoteCurrency: quote, feeCurrency: quote, market: 'USDS',
        baseMinSize: text(i.lotSize), quoteMinSize: '0.1', baseMaxSize: '10000000000', quoteMaxSize: '99999999',
        baseIncrement: text(i.lotSize), quoteIncrement: text(i.tickSize), priceIncrement: text(i.tickSize),
        priceLimitRate: '0.1', minFunds: '0.1', isMarginEnabled: true, enableTrading: true,
      }
    })
  }
}
