import { CheckedText, LEVELS, ROWS } from './fast-text'

const r = new CheckedText()
const whole = (pattern: string): RegExp => new RegExp(`^${pattern}$`)

describe("KuCoin's row patterns, read by core's CheckedText", () => {
  it('reads level2 rows into model levels, leaving out the sequence-only ones (price zero)', () => {
    const raw = '{"asks":[["1.5","2","7"],["0","0","8"],["-0","3","9"],["2e1","0.25","10"]],'
    expect(whole(ROWS).test(raw.slice(8, -1))).toBe(true)
    expect([r.levels(raw, 8, true), raw.charAt(r.pos)]).toEqual([
      [
        [1.5, 2, '1.5', '2'],
        [20, 0.25, '2e1', '0.25'],
      ],
      ',',
    ])
  })

  it('keeps every book level, price zero included', () => {
    const raw = '[["0","1"],["3.25","4"]]'
    expect(whole(LEVELS).test(raw)).toBe(true)
    expect(r.levels(raw, 0, false)).toEqual([
      [0, 1, '0', '1'],
      [3.25, 4, '3.25', '4'],
    ])
  })
})
