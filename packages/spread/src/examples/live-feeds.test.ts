import { watchPerpetuals } from './live-feeds'

describe('the live feeds example', () => {
  it('gets live books from both simulated venues and a spread between them', async () => {
    const views = await watchPerpetuals(2)
    const last = views.at(-1)
    expect([views.length, last?.markets.map((m) => [m.venue, m.book]), last?.spreads.filter((s) => s.usable).length]).toEqual([
      2,
      [
        ['okx', 'live'],
        ['weex', 'live'],
      ],
      2,
    ])
  })
})
