import type { BookLevel } from '../model/book'
import { BookSide } from './side'
import { BookView, type ViewMeta } from './view'

/** The two sides of one event. */
export interface BookChanges {
  readonly bids: readonly BookLevel[]
  readonly asks: readonly BookLevel[]
}

/**
 * A mutable L2 book with no integrity rules: replace, apply absolute sizes (0 deletes), truncate, and freeze into
 * immutable {@link BookView}s in O(1). The book engine's data part; {@link createBookMachine} adds the rules.
 * @example
 * const book = new L2Book()
 * book.replace(snapshot)
 * book.apply(update)
 * const view = book.view({ venue: 'okx', symbol: 'BTC/USDT', status: 'live', seq: 2, ts, receivedAt })
 */
export class L2Book {
  private bidSide = new BookSide(true)
  private askSide = new BookSide(false)

  get depth(): { readonly bids: number; readonly asks: number } {
    return { bids: this.bidSide.count, asks: this.askSide.count }
  }

  /** Whether the best bid is at or above the best ask. */
  get crossed(): boolean {
    const bid = this.bidSide.bestPrice
    const ask = this.askSide.bestPrice
    return bid !== undefined && ask !== undefined && bid >= ask
  }

  replace(levels: BookChanges): void {
    this.bidSide.load(levels.bids)
    this.askSide.load(levels.asks)
  }

  /** Sets each level to its absolute size; size 0 deletes the level (absent levels are ignored). */
  apply(changes: BookChanges): void {
    for (const level of changes.bids) this.bidSide.set(level)
    for (const level of changes.asks) this.askSide.set(level)
  }

  /** Keeps the best `depth` levels per side. */
  truncate(depth: number): void {
    this.bidSide.truncate(depth)
    this.askSide.truncate(depth)
  }

  clear(): void {
    this.bidSide = new BookSide(true)
    this.askSide = new BookSide(false)
  }

  /** An immutable view of the book as it is now; later changes never reach it. */
  view(meta: ViewMeta): BookView {
    return new BookView(meta, this.bidSide.snapshot(), this.askSide.snapshot())
  }
}
