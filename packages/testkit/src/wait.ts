import type { RawData, WebSocket } from 'ws'

/** A `ws` message payload as text. */
export const rawToText = (data: RawData): string =>
  Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8')

/**
 * Polls `predicate` every `intervalMs` until it holds; rejects with `message` after `timeoutMs`.
 * @example await waitFor(() => sim.openConnections.length === 1)
 */
export const waitFor = (
  predicate: () => boolean,
  timeoutMs = 2000,
  options: { readonly intervalMs?: number; readonly message?: string } = {},
): Promise<void> => {
  const { intervalMs = 5, message = `waitFor: condition not met within ${timeoutMs} ms` } = options
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs
    const poll = (): void => {
      let ok: boolean
      try {
        ok = predicate()
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
        return
      }
      if (ok) resolve()
      else if (Date.now() >= deadline) reject(new Error(message))
      else setTimeout(poll, intervalMs)
    }
    poll()
  })
}

/** Resolves on the socket's open event; rejects on an error (e.g. a refused upgrade: `Unexpected server response: 503`). */
export const opened = (ws: WebSocket): Promise<void> =>
  new Promise((resolve, reject) => {
    const onOpen = (): void => {
      ws.off('error', onError)
      resolve()
    }
    const onError = (error: Error): void => {
      ws.off('open', onOpen)
      reject(error)
    }
    ws.once('open', onOpen)
    ws.once('error', onError)
  })

/** Resolves with the next text frame the socket receives; rejects after `timeoutMs`. @defaultValue 2000 */
export const nextFrame = (ws: WebSocket, timeoutMs = 2000): Promise<string> => nextFrames(ws, 1, timeoutMs).then((frames) => frames[0] ?? '')

/** Resolves with the next `count` text frames; rejects after `timeoutMs` or when the socket closes first. */
export const nextFrames = (ws: WebSocket, count: number, timeoutMs = 2000): Promise<readonly string[]> =>
  new Promise((resolve, reject) => {
    const frames: string[] = []
    const done = (error?: Error): void => {
      clearTimeout(timer)
      ws.off('message', onMessage)
      ws.off('close', onClose)
      if (error === undefined) resolve(frames)
      else reject(error)
    }
    const onMessage = (data: RawData): void => {
      frames.push(rawToText(data))
      if (frames.length >= count) done()
    }
    const onClose = (code: number): void => done(new Error(`socket closed (${code}) after ${frames.length}/${count} frames`))
    const timer = setTimeout(() => done(new Error(`nextFrames: ${frames.length}/${count} frames within ${timeoutMs} ms`)), timeoutMs)
    ws.on('message', onMessage)
    ws.once('close', onClose)
  })

/** Resolves with the close code and reason the client saw (1006 when the server sent no close frame). */
export const closed = (ws: WebSocket, timeoutMs = 2000): Promise<{ readonly code: number; readonly reason: string }> =>
  new Promise((resolve, reject) => {
    if (ws.readyState === ws.CLOSED) {
      reject(new Error('closed: socket already closed'))
      return
    }
    const timer = setTimeout(() => reject(new Error(`closed: socket still open after ${timeoutMs} ms`)), timeoutMs)
    ws.once('close', (code: number, reason: Buffer) => {
      clearTimeout(timer)
      resolve({ code, reason: reason.toString('utf8') })
    })
  })

/** Collects every text frame the socket receives from now on, into the returned array. */
export const collectFrames = (ws: WebSocket): readonly string[] => {
  const frames: string[] = []
  ws.on('message', (data: RawData) => frames.push(rawToText(data)))
  return frames
}
