import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConnectionClosedError, RequestTimeoutError } from '../errors'
import { createFetchHttpClient } from './fetch-client'
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

describe.each([
  ['createFetchHttpClient', createFetchHttpClient],
  ['createNodeHttpClient', createNodeHttpClient],
] as const)('%s (the HttpClient contract)', (_name, createHttpClient) => {
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
    const http = createHttpClient()
    const res = await http({ method: 'POST', url: `${s.base}/path?q=1`, headers: { 'x-test': 'yes' }, body: 'hello' })
    expect(res).toEqual({ status: 201, body: '{"ok":true}' })
    expect(seen).toEqual(['POST /path?q=1 yes hello'])
  })

  it('resolves error statuses instead of throwing', async () => {
    const s = await serve((_req, _body, res) => res.writeHead(404).end('nope'))
    server = s.server
    await expect(createHttpClient()({ method: 'GET', url: s.base })).resolves.toEqual({ status: 404, body: 'nope' })
  })

  it('rejects with RequestTimeoutError when the server does not answer in time', async () => {
    const s = await serve(() => undefined)
    server = s.server
    const http = createHttpClient({ venue: 'test' })
    await expect(http({ method: 'GET', url: `${s.base}/slow?token=abcdef`, timeoutMs: 50 })).rejects.toBeInstanceOf(RequestTimeoutError)
  })

  it('keeps secret query parameters out of the timeout message', async () => {
    const s = await serve(() => undefined)
    server = s.server
    const error: unknown = await createHttpClient()({ method: 'GET', url: `${s.base}/x?token=abcdef`, timeoutMs: 30 }).catch((e: unknown) => e)
    expect(String(error)).not.toContain('abcdef')
  })

  it('rejects with ConnectionClosedError when nothing listens', async () => {
    const s = await serve(() => undefined)
    await new Promise((resolve) => s.server.close(resolve))
    await expect(createHttpClient()({ method: 'GET', url: s.base })).rejects.toBeInstanceOf(ConnectionClosedError)
  })
})
