import { JsonScanner, SCAN_END, SCAN_FAIL, SCAN_UNKNOWN } from '@tributary/core'
import { FIRST_KEY, ScanKeys } from './scan-keys'

/** Every answer of `read` over one object, skipping each value. */
const keysOf = (keys: ScanKeys, text: string): number[] => {
  const s = new JsonScanner().reset(text)
  s.beginObject()
  const out: number[] = []
  for (let k = keys.read(s, FIRST_KEY); ; k = keys.read(s, k)) {
    out.push(k)
    if (k === SCAN_END || k === SCAN_FAIL || !s.skipValue()) return out
  }
}

describe('ScanKeys', () => {
  it('reads the keys of an object as JsonScanner.firstKey and nextKey do, in any order and spacing', () => {
    const keys = new ScanKeys(['a', 'bb'])
    expect([keysOf(keys, '{"a":1,"bb":2}'), keysOf(keys, '{ "bb" : 2 , "zz":0, "a":1 }'), keysOf(keys, '{}')]).toEqual([
      [0, 1, SCAN_END],
      [1, SCAN_UNKNOWN, 0, SCAN_END],
      [SCAN_END],
    ])
  })

  it('answers the same once it has learnt an order, whatever the next object holds', () => {
    const keys = new ScanKeys(['a', 'bb'])
    keysOf(keys, '{"a":1,"bb":2}')
    expect([keysOf(keys, '{"a":1,"bbb":2}'), keysOf(keys, '{"a":1,"b":2}'), keysOf(keys, '{"a":1,"bb" :2}')]).toEqual([
      [0, SCAN_UNKNOWN, SCAN_END],
      [0, SCAN_UNKNOWN, SCAN_END],
      [0, 1, SCAN_END],
    ])
  })

  it('fails on a listed key spelt with an escape, as the scanner does', () => {
    const keys = new ScanKeys(['a', 'bb'])
    keysOf(keys, '{"a":1,"bb":2}')
    expect(keysOf(keys, '{"a":1,"\\u0062b":2}')).toEqual([0, SCAN_FAIL])
  })
})
