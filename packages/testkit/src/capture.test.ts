import { fixturePath, parseCapture, readCapture } from './capture'
import * as E from 'fp-ts/Either'

describe('readCapture', () => {
  it('reads every line of a shipped capture with its line number', () => {
    const lines = readCapture(fixturePath('weex/weex-contract-v3-2026-09-06-server-ping-and-reject-close.jsonl'))
    expect(lines).toHaveLength(15)
    expect(lines[0]?.line).toBe(1)
    expect(lines.filter((l) => l.dir === 'out')).toHaveLength(6)
  })

  it('names the line and path of a malformed capture line', () => {
    const result = parseCapture('{"ts":1,"dir":"in","conn":"x","data":"{}"}\n{"ts":1,"dir":"sideways","conn":"x","data":""}\n')
    expect(E.isLeft(result) && result.left.message).toMatch(/line 2: .*dir/)
  })
})
