import { firstValueFrom, from, toArray } from 'rxjs'
import { SecretRegistry, type Wire } from '@tributary/core'
import { createRecorder, type RecordedLine } from './recorder'

const setup = () => {
  const lines: RecordedLine[] = []
  const secrets = new SecretRegistry()
  secrets.add('tok-secret-123')
  return { lines, secrets, recorder: createRecorder({ write: (l) => lines.push(l), now: () => 42.5, secrets }) }
}

describe('createRecorder', () => {
  it('records inbound frames as received, and outbound frames redacted, under one connection label', async () => {
    const { lines, recorder } = setup()
    const sent: string[] = []
    const wire: Wire = { send: (t) => void sent.push(t), close: () => undefined, terminate: () => undefined }
    const dial = recorder.dialer(() => from<(Wire | string)[]>([wire, '{"a":1}']))
    const events = await firstValueFrom(dial({ url: 'wss://x.example/ws?token=tok-secret-123' }, { venue: 'x', connection: 'public#1' }).pipe(toArray()))
    const opened = events[0]
    if (typeof opened === 'string' || opened === undefined) throw new Error('no wire')
    opened.send('{"op":"login","args":[{"apiKey":"k","sign":"s1gnature"}]}')
    expect(lines).toEqual([
      { ts: 42.5, dir: 'in', conn: 'wss://x.example/ws?token=[redacted]#1', data: '{"a":1}' },
      { ts: 42.5, dir: 'out', conn: 'wss://x.example/ws?token=[redacted]#1', data: '{"op":"login","args":[{"apiKey":"[redacted]","sign":"[redacted]"}]}' },
    ])
    expect(sent).toEqual(['{"op":"login","args":[{"apiKey":"k","sign":"s1gnature"}]}'])
  })

  it('redacts connection tokens from recorded REST bodies', async () => {
    const { lines, recorder } = setup()
    await recorder.http(() => Promise.resolve({ status: 200, body: '{"data":{"token":"abc123456","instanceServers":[]}}' }))({ method: 'POST', url: 'https://x.example/api/v1/bullet-public' })
    expect(lines[0]?.data).toBe('{"data":{"token":"[redacted]","instanceServers":[]}}')
  })

  it('records REST responses with their URL and counts frames and bytes', async () => {
    const { lines, recorder } = setup()
    const http = recorder.http(() => Promise.resolve({ status: 200, body: '{"ok":true}' }))
    await http({ method: 'GET', url: 'https://x.example/api/v1/symbols' })
    expect([lines, recorder.frames, recorder.bytes]).toEqual([[{ ts: 42.5, dir: 'http', conn: 'rest', url: 'https://x.example/api/v1/symbols', data: '{"ok":true}' }], 1, 11])
  })
})
