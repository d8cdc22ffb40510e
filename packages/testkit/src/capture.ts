import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { DecodeError, toIssues } from '@tributary/core'

/** One line of a recorded capture: `{"ts","dir","conn","url"?,"data"}`. */
export const CaptureLine = t.intersection(
  [
    t.type({
      /** Receive time, epoch ms (float), or null when the source has none. */
      ts: t.union([t.number, t.null]),
      /** `in`: venue → client frame; `out`: client → venue frame; `http`: a REST response body. */
      dir: t.keyof({ in: null, out: null, http: null }),
      /** Connection label: ws URL + `#n`, `rest` or `unknown`. */
      conn: t.string,
      /** The frame text exactly as recorded. */
      data: t.string,
    }),
    t.partial({ url: t.string }),
  ],
  'CaptureLine',
)
export type CaptureLine = t.TypeOf<typeof CaptureLine> & { readonly line: number }

/** Absolute path of a recorded capture shipped with testkit: `fixturePath('okx/okx-v5-2022-02-27-books-l2-tbt.jsonl')`. */
export const fixturePath = (relative: string): string => join(__dirname, '..', 'fixtures', 'recorded', relative)

/**
 * A line as a plain object of one of two fixed shapes (with or without `url`): what io-ts hands back, spread with its
 * line number, is a dictionary-mode object whose every property read costs ≈ 60 ns instead of ≈ 5, which would be
 * charged to whatever reads the capture (the throughput benchmark reads four per frame). Unknown members are left out.
 */
const lineOf = (decoded: t.TypeOf<typeof CaptureLine>, line: number, labels: Map<string, string>): CaptureLine => {
  const { ts, dir, url, data } = decoded
  // one string per connection label, shared by its lines: a lookup by label then compares no characters
  let conn = labels.get(decoded.conn)
  if (conn === undefined) labels.set(decoded.conn, (conn = decoded.conn))
  return url === undefined ? { ts, dir, conn, data, line } : { ts, dir, conn, url, data, line }
}

/** Parses capture text; a malformed line is a `DecodeError` naming its line number. */
export const parseCapture = (text: string, source = 'capture'): E.Either<DecodeError, readonly CaptureLine[]> => {
  const out: CaptureLine[] = []
  const labels = new Map<string, string>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]
    if (raw === undefined || raw.trim() === '') continue
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch (e) {
      return E.left(new DecodeError({ venue: source, codec: 'JSON', issues: [{ path: `line ${i + 1}`, expected: 'valid JSON', actual: String(e) }], raw }))
    }
    const decoded = CaptureLine.decode(json)
    if (E.isLeft(decoded)) {
      return E.left(new DecodeError({ venue: source, codec: 'CaptureLine', issues: toIssues(decoded.left).map((x) => ({ ...x, path: `line ${i + 1}: ${x.path}` })), raw }))
    }
    out.push(lineOf(decoded.right, i + 1, labels))
  }
  return E.right(out)
}

/** Reads and parses a capture file; throws (with the line number) on a malformed file, for tests and tools. */
export const readCapture = (path: string): readonly CaptureLine[] => {
  const parsed = parseCapture(readFileSync(path, 'utf8'), path)
  if (E.isLeft(parsed)) throw parsed.left
  return parsed.right
}
