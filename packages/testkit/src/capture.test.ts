import { fixturePath, parseCapture, readCapture } from './capture'
import * as E from 'fp-ts/Either'

describe('readCapture', () => {
  it('reads every line of a shipped capture with its line number', () => {
    const lines = readCapture(fixturePath('weex/weex-contract-v3-2026-09-06-server-ping-and-reject-close.jsonl'))
    expect(lines).toHaveLength(15)
    expect(lines[0]?.line).toBe(1)
    expect(lines.filter((l) => l.dir === 'out')).toHaveLength(6)
  })

  it('keeps the members of the format, url only where a line has one, and leaves unknown members out', () => {
    const result = parseCapture('{"ts":null,"dir":"in","conn":"x","data":"{}","extra":1}\n{"ts":2,"dir":"http","conn":"rest","url":"https://h/p","data":"[]"}\n')
    expect(E.isRight(result) && result.right).toEqual([
      { ts: null, dir: 'in', conn: 'x', data: '{}', line: 1 },
      { ts: 2, dir: 'http', conn: 'rest', url: 'https://h/p', data: '[]', line: 2 },
    ])
    expect(E.isRight(result) && result.right.map((l) => Object.keys(l).join())).toEqual(['ts,dir,conn,data,line', 'ts,dir,conn,url,data,line'])
  })

  it('names the line and path of a malformed capture line', () => {
    const result = parseCapture('{"ts":1,"dir":"in","conn":"x","data":"{}"}\n{"ts":1,"dir":"sideways","conn":"x","data":""}\n')
    expect(E.isLeft(result) && result.left.message).toMatch(/line 2: .*dir/)
  })
})
