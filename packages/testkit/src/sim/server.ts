import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { silentLogger } from '@tributary/core'
import { rawToText, waitFor } from '../wait'
import { Connection } from './connection'
import { FaultSwitches, GENERIC_SCHEMA_FAILURE_FRAME } from './faults'
import type { Cancel, SimAuthorization, SimHttpRequest, SimHttpResponse, SimRequest, Simulator, SimulatorOptions, SimulatorScript } from './types'

const toRequest = (req: IncomingMessage): SimRequest => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  return { path: url.pathname, query: url.searchParams, headers: req.headers }
}

/**
 * Starts a loopback venue simulator: WebSocket and HTTP on the same port of 127.0.0.1, with the venue's protocol in
 * `script` and fault switches in `sim.faults`. A script exception is logged (`options.logger`), never fatal; a throwing
 * `authorize` refuses the upgrade with 500 and a throwing `http` answers 500.
 * @example
 * const sim = await startSimulator({ name: 'echo', onMessage: (conn, text) => conn.send(text) })
 * const ws = new WebSocket(`${sim.wsBase}/ws`) // the venue client under test, in practice
 * sim.faults.dropConnections({ code: 4000 })
 * await sim.close()
 */
export async function startSimulator(script: SimulatorScript, options: SimulatorOptions = {}): Promise<Simulator> {
  const { port = 0, logger: baseLogger = silentLogger, recordSent = true } = options
  const logger = baseLogger.child({ simulator: script.name })
  const connections: Connection[] = []
  const httpRequests: SimHttpRequest[] = []
  const refused: (SimRequest & { readonly status: number })[] = []
  const timers = new Set<NodeJS.Timeout>()
  let closing = false
  let bound = 0

  const guard = (callback: string, fn: () => void): void => {
    try {
      fn()
    } catch (error) {
      logger.error('simulator script threw', { callback, error })
    }
  }

  const openConnections = (): readonly Connection[] => connections.filter((c) => c.open)
  const faults = new FaultSwitches({
    openConnections,
    schemaFailureFrame: () => {
      if (script.schemaFailureFrame === undefined) return GENERIC_SCHEMA_FAILURE_FRAME
      try {
        return script.schemaFailureFrame()
      } catch (error) {
        logger.error('simulator script threw', { callback: 'schemaFailureFrame', error })
        return GENERIC_SCHEMA_FAILURE_FRAME
      }
    },
  })

  const wss = new WebSocketServer({ noServer: true, autoPong: false })
  const server = createServer((req, res) => {
    serveHttp(req, res).catch((error: unknown) => {
      logger.error('simulator http handler failed', { path: req.url?.split('?')[0], error })
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('simulator error')
    })
  })

  const sim: Simulator = {
    script: script.name,
    get port() {
      return bound
    },
    get wsBase() {
      return `ws://127.0.0.1:${bound}`
    },
    get httpBase() {
      return `http://127.0.0.1:${bound}`
    },
    get connections() {
      return connections
    },
    get openConnections() {
      return openConnections()
    },
    httpRequests,
    refused,
    faults,
    state: new Map(),
    logger,
    waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
    after: (delayMs, fn) => {
      const handle = setTimeout(() => {
        timers.delete(handle)
        guard('after', fn)
      }, delayMs)
      timers.add(handle)
      return cancelOf(handle)
    },
    every: (intervalMs, fn) => {
      const handle = setInterval(() => guard('every', fn), intervalMs)
      timers.add(handle)
      return cancelOf(handle)
    },
    close: () => close(),
  }

  const cancelOf = (handle: NodeJS.Timeout): Cancel => () => {
    clearTimeout(handle)
    timers.delete(handle)
  }

  const refuse = (socket: Duplex, request: SimRequest, status: number, body = STATUS_CODES[status] ?? 'refused'): void => {
    refused.push({ ...request, status })
    logger.info('simulator refused an upgrade', { path: request.path, status })
    const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}`, 'Connection: close', 'Content-Type: text/plain', `Content-Length: ${Buffer.byteLength(body)}`]
    socket.once('finish', () => socket.destroy())
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`)
  }

  const authorize = (request: SimRequest): SimAuthorization => {
    if (script.authorize === undefined) return { ok: true }
    try {
      return script.authorize(request, sim)
    } catch (error) {
      logger.error('simulator script threw', { callback: 'authorize', error })
      return { ok: false, status: 500, body: 'simulator script error' }
    }
  }

  const accept = (ws: WebSocket, request: SimRequest): void => {
    const conn = new Connection(connections.length + 1, request, ws, faults, logger, recordSent)
    connections.push(conn)
    logger.debug('simulator accepted a connection', { connection: conn.id, path: conn.path })
    ws.on('message', (data) => {
      const text = rawToText(data)
      conn.received.push(text)
      guard('onMessage', () => script.onMessage(conn, text, sim))
    })
    ws.on('close', (code, reason) => {
      conn.dispose()
      conn.closedWith = { code, reason: reason.toString('utf8') }
      logger.debug('simulator connection closed', { connection: conn.id, code })
      if (script.onClose !== undefined) guard('onClose', () => script.onClose?.(conn, sim))
    })
    ws.on('error', (error) => logger.debug('simulator socket error', { connection: conn.id, error }))
    if (script.onOpen !== undefined) guard('onOpen', () => script.onOpen?.(conn, sim))
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => logger.debug('simulator upgrade socket error', { error }))
    const request = toRequest(req)
    if (closing) {
      refuse(socket, request, 503, 'simulator closing')
      return
    }
    const status = faults.nextRefusal()
    if (status !== undefined) {
      refuse(socket, request, status)
      return
    }
    const verdict = authorize(request)
    if (!verdict.ok) {
      refuse(socket, request, verdict.status, verdict.body)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, request))
  })

  const serveHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
    const request: SimHttpRequest = { ...toRequest(req), method: req.method ?? 'GET', body: Buffer.concat(chunks).toString('utf8') }
    httpRequests.push(request)
    let response: SimHttpResponse | undefined
    try {
      response = await script.http?.(request, sim)
    } catch (error) {
      logger.error('simulator script threw', { callback: 'http', path: request.path, error })
      response = { status: 500, body: 'simulator script error' }
    }
    const { status, body, headers = {} } = response ?? { status: 404, body: `no route for ${request.method} ${request.path}` }
    res.writeHead(status, { 'content-type': response === undefined ? 'text/plain' : 'application/json', ...headers })
    res.end(body)
  }

  server.on('clientError', (error, socket) => {
    logger.debug('simulator http client error', { error })
    socket.destroy()
  })

  const close = async (): Promise<void> => {
    if (closing) return
    closing = true
    for (const handle of timers) clearTimeout(handle)
    timers.clear()
    for (const conn of connections) conn.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    server.closeAllConnections()
    await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  bound = (server.address() as AddressInfo).port
  logger.info('simulator listening', { port: bound })
  return sim
}
