import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConnectionClosedError } from '../errors'
import { createNodeHttpClient } from './node-client'

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
