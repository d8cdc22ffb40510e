import { defer, EMPTY, lastValueFrom, map, NEVER, of, toArray } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { silentLogger, VenueRejectedError, type OrderBook } from '@tributary/core'
import type { MarketSource } from './sources'
import { marketInputs } from './sources'
import { book, connection, quote } from './__tests__/fixtures'

const source = (venue: string, asked: unknown[]): MarketSource => ({
  venue,
  book: (symbol, options) => {
    asked.push(['book', symbol, options])
    return of(book(venue, symbol, [[1, 1]], [[2, 1]]))
  },
  quotes: (symbol) => {
    asked.push(['quotes', symbol])
    return of(quote(venue, symbol, 1, 1, 2, 1))
  },
  status$: of(connection(venue, 'public#1', 'open')),
})

describe('marketInputs', () => {
  it("merges each market's book stream with its venue's status stream, asking each venue for its depth", async () => {
    const asked: unknown[] = []
    const inputs = await lastValueFrom(
      marketInputs([source('okx', asked), source('kucoin', asked)], [{ venue: 'okx', symbol: 'BTC/USDT' }, { venue: 'kucoin', symbol: 'BTC/USDT' }], {
        logger: silentLogger,
        depth: (venue) => (venue === 'kucoin' ? 50 : undefined),
      }).pipe(toArray()),
    )
    expect([inputs.map((i) => `${i.kind} ${i.venue}`).sort(), asked]).toEqual([
      ['book kucoin', 'book okx', 'connection kucoin', 'connection okx'],
      [
        ['book', 'BTC/USDT', {}],
        ['book', 'BTC/USDT', { depth: 50 }],
      ],
    ])
  })

  it('reads quote streams when asked to', async () => {
    const asked: unknown[] = []
    await lastValueFrom(marketInputs([source('okx', asked)], [{ venue: 'okx', symbol: 'BTC/USDT' }], { logger: silentLogger, via: 'quote' }).pipe(toArray()))
    expect(asked).toEqual([['quotes', 'BTC/USDT']])
  })

  it('turns a market of a venue without a source into a failure input', async () => {
    const inputs = await lastValueFrom(marketInputs([], [{ venue: 'weex', symbol: 'BTC/USDT:USDT' }], { logger: silentLogger }).pipe(toArray()))
    expect(inputs).toEqual([{ kind: 'market-failure', venue: 'weex', symbol: 'BTC/USDT:USDT', message: 'no source for venue weex' }])
  })

  it('retries a market whose stream failed recoverably, after the delay, and flags it meanwhile', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const attempts = [cold<OrderBook>('#', undefined, new Error('request failed')), cold<OrderBook>('a', { a: book('okx', 'BTC/USDT', [[1, 1]], [[2, 1]]) })]
      const flaky: MarketSource = { venue: 'okx', book: () => attempts.shift() ?? NEVER, quotes: () => NEVER, status$: NEVER }
      const kinds = marketInputs([flaky], [{ venue: 'okx', symbol: 'BTC/USDT' }], { logger: silentLogger, retryDelayMs: () => 3 }).pipe(map((i) => i.kind))
      expectObservable(kinds).toBe('f--b', { f: 'market-failure', b: 'book' })
    })
  })

  it('does not retry a market the venue rejected', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const rejected: MarketSource = { venue: 'okx', book: () => cold<OrderBook>('#', undefined, new VenueRejectedError('okx', '60018', 'bad symbol')), quotes: () => NEVER, status$: NEVER }
      const kinds = marketInputs([rejected], [{ venue: 'okx', symbol: 'BTC/USDT' }], { logger: silentLogger, retryDelayMs: () => 3 }).pipe(map((i) => i.kind))
      expectObservable(kinds).toBe('f', { f: 'market-failure' })
    })
  })

  it('does not subscribe to the status of a venue with no watched market', async () => {
    let subscribed = false
    const unused: MarketSource = { venue: 'weex', book: () => EMPTY, quotes: () => EMPTY, status$: defer(() => ((subscribed = true), NEVER)) }
    await lastValueFrom(marketInputs([unused], [], { logger: silentLogger }).pipe(toArray()), { defaultValue: [] })
    expect(subscribed).toBe(false)
  })
})
