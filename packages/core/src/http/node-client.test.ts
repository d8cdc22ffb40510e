import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConnectionClosedError, RequestTimeoutError } from '../errors'
import { createNodeHttpClient } from './node-client'

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void

const serve = async (handler: Handler): Promise<{ server: Server; base: string }> => {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => handler(req, body, res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, base: `http://127.0.0.1:${port}` }
}

describe('createNodeHttpClient', () => {
  let server: Server | undefined
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
    server = undefined
  })

  it('sends method, headers and body and returns status and body', async () => {
    const seen: string[] = []
    const s = await serve((req, body, res) => {
      seen.push(`${req.method} ${req.url} ${String(req.headers['x-test'])} ${body}`)
      res.writeHead(201).end('{"ok":true}')
    })
    server = s.server
    const http = createNodeHttpClient()
    const res = await http({ method: 'POST', url: `${s.base}/path?q=1`, headers: { 'x-test': 'yes' }, body: 'hello' })
    expect(res).toEqual({ status: 201, body: '{"ok":true}' })
    expect(seen).toEqual(['POST /path?q=1 yes hello'])
  })

  it('resolves error statuses instead of throwing', async () => {
    const s = await serve((_req, _body, res) => res.writeHead(404).end('nope'))
    server = s.server
    await expect(createNodeHttpClient()({ method: 'GET', url: s.base })).resolves.toEqual({ status: 404, body: 'nope' })
  })

  it('rejects with RequestTimeoutError when the server does not answer in time', async () => {
    const s = await serve(() => undefined)
    server = s.server
    const http = createNodeHttpClient({ venue: 'test' })
    await expect(http({ method: 'GET', url: `${s.base}/slow?token=abcdef`, timeoutMs: 50 })).rejects.toBeInstanceOf(RequestTimeoutError)
  })

  it('keeps secret query parameters out of the timeout message', async () => {
    const s = await serve(() => undefined)
    server = s.server
    const error: unknown = await createNodeHttpClient()({ method: 'GET', url: `${s.base}/x?token=abcdef`, timeoutMs: 30 }).catch((e: unknown) => e)
    expect(String(error)).not.toContain('abcdef')
  })

  it('rejects with ConnectionClosedError when nothing listens', async () => {
    const s = await serve(() => undefined)
    await new Promise((resolve) => s.server.close(resolve))
    await expect(createNodeHttpClient()({ method: 'GET', url: s.base })).rejects.toBeInstanceOf(ConnectionClosedError)
  })
})

describe('createNodeHttpClient on a response cut short', () => {
  it('rejects with ConnectionClosedError when the server drops the socket mid-body', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' })
      res.write('partial', () => res.socket?.destroy())
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      await expect(createNodeHttpClient()({ method: 'GET', url: `http://127.0.0.1:${port}/` })).rejects.toBeInstanceOf(ConnectionClosedError)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('rejects an unparsable URL with ConnectionClosedError', async () => {
    await expect(createNodeHttpClient()({ method: 'GET', url: 'not a url' })).rejects.toBeInstanceOf(ConnectionClosedError)
  })

  it('rejects a URL of another protocol with a typed error that names it', async () => {
    await expect(createNodeHttpClient({ venue: 'okx' })({ method: 'GET', url: 'ftp://127.0.0.1/x' })).rejects.toThrow(
      new ConnectionClosedError('okx', 'GET ftp://127.0.0.1/x', undefined, 'unsupported protocol ftp: (http: or https: only)'),
    )
  })
})

describe('createNodeHttpClient with few sockets', () => {
  it('queues requests beyond maxSockets and answers every one', async () => {
    let open = 0
    let most = 0
    const server = createServer((_req, res) => {
      most = Math.max(most, ++open)
      setTimeout(() => {
        open--
        res.end('ok')
      }, 20)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const http = createNodeHttpClient({ maxSockets: 1 })
      const answers = await Promise.all([1, 2, 3].map(() => http({ method: 'GET', url: `http://127.0.0.1:${port}/` })))
      expect({ answers: answers.map((a) => a.body), most }).toEqual({ answers: ['ok', 'ok', 'ok'], most: 1 })
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
