import { combineLatest, map } from 'rxjs'
import { createFeed, createLogger, type Logger, type Venue } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { createOkx } from '@tributary/okx'

export interface SpreadOptions {
  /** @defaultValue createOkx(): OKX live, public data */
  readonly okx?: Venue
  /** @defaultValue createKucoin(): KuCoin live, public data */
  readonly kucoin?: Venue
  readonly logger?: Logger
}

/** Logs the OKX/KuCoin BTC/USDT spread both ways, and OKX's health. Returns a function that stops everything. */
export function watchSpread({ okx = createOkx(), kucoin = createKucoin(), logger = createLogger({ level: 'info' }) }: SpreadOptions = {}): () => void {
  const a = createFeed(okx, { logger })
  const b = createFeed(kucoin, { logger })

  // Live books only: while a book resyncs it emits nothing, so a spread is never computed on a broken book.
  // KuCoin's full-depth book needs credentials (its REST snapshot is signed); 50 levels are public.
  const spreads = combineLatest([a.book('BTC/USDT'), b.book('BTC/USDT', { depth: 50 })])
    .pipe(
      map(([okxBook, kucoinBook]) => ({
        buyOkxSellKucoin: (kucoinBook.bestBid?.[0] ?? NaN) - (okxBook.bestAsk?.[0] ?? NaN),
        buyKucoinSellOkx: (okxBook.bestBid?.[0] ?? NaN) - (kucoinBook.bestAsk?.[0] ?? NaN),
        lagMs: Math.max(okxBook.receivedAt - okxBook.ts, kucoinBook.receivedAt - kucoinBook.ts),
      })),
    )
    .subscribe((spread) => logger.info('spread', spread))

  const status = a.status$.subscribe((s) => logger.info('status', s)) // connections and books: syncing, live, resyncing, stale

  return () => {
    spreads.unsubscribe()
    status.unsubscribe()
    a.close()
    b.close()
  }
}
