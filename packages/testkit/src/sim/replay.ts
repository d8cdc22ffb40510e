import type { CaptureLine } from '../capture'
import type { Cancel, SimConnection, SimHttpRequest, SimHttpResponse, Simulator, SimulatorScript } from './types'

export interface ReplayOptions {
  /** `asap`: frames go out as fast as the socket takes them (in batches, yielding to the event loop); `recorded`:
   *  each frame at its offset from the recorded connection's first line, divided by `speed`, counted from the
   *  client's connect (or first frame, see `startOn`). @defaultValue 'asap' */
  readonly pacing?: 'asap' | 'recorded'
  /** Time compression for `recorded` pacing (10 plays ten times faster). @defaultValue 1 */
  readonly speed?: number
  /** Start streaming on open, or once the client has sent its first frame (its subscribe). @defaultValue 'open' */
  readonly startOn?: 'open' | 'first-message'
  /** Routes for REST calls the capture has no line for (KuCoin's bullet token). */
  readonly http?: SimulatorScript['http']
  /** Extra reaction to client frames (answer pings); the engine records them either way. */
  readonly onMessage?: SimulatorScript['onMessage']
  readonly name?: string
}

/** How far one client connection has got through its recorded connection. */
export interface ReplayProgress {
  /** The recorded connection label (`wss://ws.okx.com:8443/ws/v5/public#1`). */
  readonly label: string
  readonly sent: number
  readonly total: number
}

export interface ReplayScript extends SimulatorScript {
  /** Recorded connection labels, in order of first appearance. */
  readonly labels: readonly string[]
  /** Progress of a client connection, or undefined when no recorded connection was left for it. */
  progress(conn: SimConnection): ReplayProgress | undefined
  /** Whether every recorded `in` frame of the connection's recording has been sent. */
  finished(conn: SimConnection): boolean
}

interface Recorded {
  readonly label: string
  readonly path: string | undefined
  readonly frames: readonly CaptureLine[]
  /** The first `ts` of the recorded connection (in or out), the origin of recorded pacing. */
  readonly t0: number | undefined
}

interface Stream {
  readonly recorded: Recorded
  readonly conn: SimConnection
  sent: number
  started: boolean
  cancel: Cancel | undefined
}

interface HttpLine {
  readonly body: string
  /** In-frames each recorded connection sent before this response was recorded. */
  readonly before: ReadonlyMap<string, number>
}

const ASAP_BATCH = 200

/** The URL path of a label such as `wss://ws.okx.com:8443/ws/v5/public#1`; labels like `unknown` have none. */
const pathOf = (label: string): string | undefined => {
  const url = label.replace(/#[^#]*$/, '')
  return URL.canParse(url) ? new URL(url).pathname : undefined
}

/** Canonical `path?sorted-query` key, so `?b=1&a=2` and `?a=2&b=1` match. */
const routeKey = (path: string, query: URLSearchParams): string => {
  const sorted = [...query.entries()].sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)))
  return `${path}?${new URLSearchParams(sorted).toString()}`
}

const routeKeyOfUrl = (url: string): string | undefined => {
  if (!URL.canParse(url)) return undefined
  const parsed = new URL(url)
  return routeKey(parsed.pathname, parsed.searchParams)
}

const index = (lines: readonly CaptureLine[]): { readonly recorded: readonly Recorded[]; readonly http: ReadonlyMap<string, HttpLine[]> } => {
  const byLabel = new Map<string, { frames: CaptureLine[]; t0: number | undefined }>()
  const http = new Map<string, HttpLine[]>()
  for (const line of lines) {
    if (line.dir === 'http') {
      const key = line.url === undefined ? undefined : routeKeyOfUrl(line.url)
      if (key === undefined) continue
      const before = new Map([...byLabel].map(([label, r]) => [label, r.frames.length]))
      http.set(key, [...(http.get(key) ?? []), { body: line.data, before }])
      continue
    }
    const entry = byLabel.get(line.conn) ?? { frames: [], t0: undefined }
    byLabel.set(line.conn, entry)
    entry.t0 ??= line.ts ?? undefined
    if (line.dir === 'in') entry.frames.push(line)
  }
  const recorded = [...byLabel].map(([label, { frames, t0 }]) => ({ label, path: pathOf(label), frames, t0 }))
  return { recorded, http }
}

/**
 * A simulator script that replays a recorded capture. Each client connection gets the `in` frames of one recorded
 * connection: the first unused one with the same URL path, else the next unused one in order of first appearance;
 * a connection with none left gets nothing. Frames go through `conn.send`, so faults apply, and the engine records what
 * the client sent. `http` lines answer GETs at their URL path and query (order-insensitive); repeated requests get the
 * next recorded response for that URL, then the last one again; other URLs go to `options.http`, else 404.
 *
 * Interleaving: an HTTP response is held back until every client connection streaming a recording has sent the
 * frames recorded before that response (so a KuCoin snapshot never overtakes the updates buffered before it), in
 * both pacings. Recordings not yet assigned to a connection, and closed connections, hold nothing back.
 * The script keeps per-connection state: give each simulator its own.
 * @example
 * const sim = await startSimulator(replayScript(readCapture(fixturePath('okx/okx-v5-2022-02-27-books-l2-tbt.jsonl'))))
 */
export function replayScript(lines: readonly CaptureLine[], options: ReplayOptions = {}): ReplayScript {
  const { pacing = 'asap', speed = 1, startOn = 'open', name = 'replay' } = options
  const { recorded, http } = index(lines)
  const streams = new Map<number, Stream>()
  const served = new Map<string, number>()
  const waiters = new Set<() => boolean>()

  const release = (): void => {
    for (const waiter of waiters) if (waiter()) waiters.delete(waiter)
  }

  const assign = (conn: SimConnection): Stream | undefined => {
    const used = new Set([...streams.values()].map((s) => s.recorded.label))
    const free = recorded.filter((r) => !used.has(r.label))
    const pick = free.find((r) => r.path === conn.path) ?? free[0]
    if (pick === undefined) return undefined
    const stream: Stream = { recorded: pick, conn, sent: 0, started: false, cancel: undefined }
    streams.set(conn.id, stream)
    return stream
  }

  const start = (stream: Stream, sim: Simulator): void => {
    if (stream.started) return
    stream.started = true
    const { frames, t0 } = stream.recorded
    const startedAt = Date.now()
    let lastTs = t0 ?? 0
    const dueAt = (line: CaptureLine): number => {
      lastTs = line.ts ?? lastTs
      return startedAt + Math.max(0, lastTs - (t0 ?? lastTs)) / speed
    }
    const pump = (): void => {
      stream.cancel = undefined
      const now = Date.now()
      let batch = 0
      while (stream.sent < frames.length && stream.conn.open) {
        const next = frames[stream.sent]
        if (next === undefined) break
        if (pacing === 'asap' ? batch >= ASAP_BATCH : dueAt(next) > now) break
        stream.conn.send(next.data)
        stream.sent += 1
        batch += 1
      }
      release()
      const next = frames[stream.sent]
      if (next === undefined || !stream.conn.open) return
      stream.cancel = sim.after(pacing === 'asap' ? 0 : Math.max(0, dueAt(next) - Date.now()), pump)
    }
    pump()
  }

  const heldBack = (line: HttpLine): boolean =>
    [...streams.values()].some((s) => s.conn.open && s.sent < (line.before.get(s.recorded.label) ?? 0))

  const respond = async (req: SimHttpRequest, sim: Simulator): Promise<SimHttpResponse | undefined> => {
    const key = routeKey(req.path, req.query)
    const candidates = http.get(key)
    if (candidates === undefined || req.method !== 'GET') return options.http?.(req, sim)
    const n = served.get(key) ?? 0
    served.set(key, n + 1)
    const line = candidates[Math.min(n, candidates.length - 1)]
    if (line === undefined) return options.http?.(req, sim)
    if (heldBack(line)) {
      await new Promise<void>((resolve) => {
        waiters.add(() => {
          if (heldBack(line)) return false
          resolve()
          return true
        })
      })
    }
    return { status: 200, body: line.body, headers: { 'content-type': 'application/json' } }
  }

  return {
    name,
    labels: recorded.map((r) => r.label),
    progress: (conn) => {
      const stream = streams.get(conn.id)
      return stream === undefined ? undefined : { label: stream.recorded.label, sent: stream.sent, total: stream.recorded.frames.length }
    },
    finished: (conn) => {
      const stream = streams.get(conn.id)
      return stream !== undefined && stream.sent >= stream.recorded.frames.length
    },
    onOpen: (conn, sim) => {
      const stream = assign(conn)
      if (stream === undefined) sim.logger.info('replay: no recorded connection left', { connection: conn.id, path: conn.path })
      else if (startOn === 'open') start(stream, sim)
    },
    onMessage: (conn, text, sim) => {
      const stream = streams.get(conn.id)
      if (stream !== undefined && startOn === 'first-message') start(stream, sim)
      options.onMessage?.(conn, text, sim)
    },
    onClose: (conn) => {
      streams.get(conn.id)?.cancel?.()
      release()
    },
    http: respond,
  }
}
