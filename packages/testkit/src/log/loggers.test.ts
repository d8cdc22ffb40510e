import { bufferLogger } from './buffer-logger'
import { recordingLogger } from './recording-logger'

describe('recordingLogger', () => {
  it('records level, message, metadata and child bindings of every line', () => {
    const logger = recordingLogger()
    logger.info('started', { port: 1 })
    logger.child({ venue: 'okx' }).child({ connection: 2 }).warn('decode failed', { kind: 'decode' })
    expect(logger.lines).toEqual([
      { level: 'info', message: 'started', meta: { port: 1 }, bindings: {} },
      { level: 'warn', message: 'decode failed', meta: { venue: 'okx', connection: 2, kind: 'decode' }, bindings: { venue: 'okx', connection: 2 } },
    ])
  })

  it('filters messages by level and clears', () => {
    const logger = recordingLogger()
    logger.debug('a')
    logger.error('b')
    expect(logger.messages('error')).toEqual(['b'])
    logger.clear()
    expect(logger.messages()).toEqual([])
  })
})

describe('bufferLogger', () => {
  it('writes real formatted JSON lines with child bindings', () => {
    const logger = bufferLogger()
    logger.child({ venue: 'kucoin' }).info('connected', { connection: 1 })
    expect(logger.entries()).toEqual([expect.objectContaining({ level: 'info', message: 'connected', venue: 'kucoin', connection: 1 })])
  })

  it('redacts secret fields and registered secrets in the written text', () => {
    const logger = bufferLogger({ secrets: ['s3cret-value'] })
    logger.warn('login failed for s3cret-value', { apiKey: 'my-key', url: 'wss://x/endpoint?token=abcd1234' })
    logger.secrets.add('late-token')
    logger.info('frame', { raw: '{"op":"x","note":"late-token"}' })
    const text = logger.text()
    expect(text).not.toMatch(/s3cret-value|my-key|abcd1234|late-token/)
    expect(logger.lines()).toHaveLength(2)
  })

  it('honours the level and the pretty format', () => {
    const logger = bufferLogger({ level: 'warn', format: 'pretty' })
    logger.info('hidden')
    logger.warn('shown', { a: 1 })
    expect(logger.lines()).toEqual([expect.stringMatching(/ WARN  shown \{"a":1\}$/)])
  })
})
