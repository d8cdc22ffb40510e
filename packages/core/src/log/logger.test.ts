import { Writable } from 'node:stream'
import { setImmediate as tick } from 'node:timers/promises'
import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { decodeJson } from '../codec/decode'
import { ConnectionClosedError, VenueRejectedError } from '../errors'
import { createLogger, type Logger, type LoggerOptions, SecretRegistry, silentLogger } from './logger'
import { REDACTED } from './redact'

// Secrets shaped like the real ones (OKX docs' login example, KuCoin docs' bullet token, Weex headers).
const API_KEY = '985d5b66-57ce-40fb-b714-afc0b9787083'
const SECRET = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO'
const PASSPHRASE = 'Tr1butary-Pass-7781'
const SIGN = 'ENpPNQ8mQv8YzDMPhBsB4SrjaKK+FaEh2nozTRW6KU0='
const TOKEN =
  '2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ93g2WHl-j4M7tCZ_S21PuIByWXUJFDywtiYB9J6i9GjsxUuhPw3Blq6rhZlGykT3Vp1phUafnulOOpts-MEmEF-3bpfetLOAq79RbGaLlE4JBvJHl5Vs9Y=.ymP9jIr6v-vucrZr8761yA=='
const WEEX_SIGN = 'q1Zr0b9Vd3hT8Yb2Kc7LwXm4Np6Qs5Rt0Uv1Ww2Xx3Y='
const ALL = [API_KEY, SECRET, PASSPHRASE, SIGN, TOKEN, WEEX_SIGN]

const LOGIN = JSON.stringify({ op: 'login', args: [{ apiKey: API_KEY, passphrase: PASSPHRASE, timestamp: '1538054050', sign: SIGN }] })
const KUCOIN_URL = `wss://ws-api-spot.kucoin.com/?token=${TOKEN}&connectId=c0ffee`
const WEEX_HEADERS = { 'ACCESS-KEY': API_KEY, 'ACCESS-SIGN': WEEX_SIGN, 'ACCESS-PASSPHRASE': PASSPHRASE, 'ACCESS-TIMESTAMP': '1757156246206', 'User-Agent': 'tributary' }

/** A logger writing into memory, as a user's winston setup would write to a file. */
const capture = (options: LoggerOptions = {}) => {
  const chunks: string[] = []
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => { chunks.push(chunk.toString()); done() } })
  const logger = createLogger({ level: 'debug', ...options, stream })
  const output = async (): Promise<string> => {
    await tick()
    return chunks.join('')
  }
  return { logger, output }
}

/** Fails with the leaked fragment when any 12-character slice of a secret is in the text. */
const expectNoSecret = (text: string): void => {
  for (const secret of ALL) {
    for (let i = 0; i + 12 <= secret.length; i++) {
      const slice = secret.slice(i, i + 12)
      if (text.includes(slice)) throw new Error(`secret fragment ${slice} leaked into: ${text}`)
    }
  }
}

const levels = ['debug', 'info', 'warn', 'error'] as const

type Level = (typeof levels)[number]

const cases: readonly (readonly [string, (logger: Logger, level: Level) => void, string])[] = [
  ['an OKX login frame as the message', (l, lv) => l[lv](`sent ${LOGIN}`), '1538054050'],
  ['an OKX login frame as metadata text', (l, lv) => l[lv]('frame out', { frame: LOGIN }), '1538054050'],
  ['an OKX login frame as a metadata object', (l, lv) => l[lv]('frame out', { frame: JSON.parse(LOGIN) as unknown }), '1538054050'],
  ['credentials as metadata', (l, lv) => l[lv]('configured', { credentials: { apiKey: API_KEY, secret: SECRET, passphrase: PASSPHRASE } }), 'configured'],
  ['secret fields at the top level of metadata', (l, lv) => l[lv]('configured', { apiKey: API_KEY, secretKey: SECRET, passphrase: PASSPHRASE }), 'configured'],
  ['a KuCoin token in a URL query string', (l, lv) => l[lv](`dialling ${KUCOIN_URL}`, { url: KUCOIN_URL }), 'connectId=c0ffee'],
  ['a KuCoin bullet response body', (l, lv) => l[lv]('bullet', { body: `{"code":"200000","data":{"token":"${TOKEN}","instanceServers":[]}}` }), '200000'],
  ['Weex ACCESS-* headers as an object', (l, lv) => l[lv]('upgrade', { headers: WEEX_HEADERS }), '1757156246206'],
  ['Weex ACCESS-* headers as text', (l, lv) => l[lv](`upgrade refused; sent ACCESS-KEY: ${API_KEY} ACCESS-SIGN: ${WEEX_SIGN} ACCESS-PASSPHRASE: ${PASSPHRASE}`), 'upgrade refused'],
  ['OKX and KuCoin REST signing headers', (l, lv) => l[lv]('GET', { headers: { 'OK-ACCESS-KEY': API_KEY, 'OK-ACCESS-SIGN': SIGN, 'KC-API-PASSPHRASE': PASSPHRASE, 'KC-API-KEY-VERSION': '2' } }), 'KC-API-KEY-VERSION'],
  ['an Authorization header', (l, lv) => l[lv](`request Authorization: Bearer ${TOKEN}`, { headers: { authorization: `Bearer ${SIGN}` } }), 'request'],
  [
    'a nested error with a cause',
    (l, lv) => l[lv]('dial failed', { error: new Error('upgrade failed', { cause: new Error(`401 for ${KUCOIN_URL}`) }) }),
    'upgrade failed',
  ],
  [
    'a DecodeError of a login frame',
    (l, lv) => {
      const decode = decodeJson('okx', () => t.type({ op: t.literal('subscribe'), args: t.array(t.type({ sign: t.number })) }, 'OkxOut'))
      const result = decode(LOGIN)
      if (E.isLeft(result)) l[lv](result.left.message, { error: result.left })
    },
    'OkxOut',
  ],
  ['a ConnectionClosedError', (l, lv) => l[lv]('closed', { error: new ConnectionClosedError('kucoin', 'public#1', 1006, `lost ${KUCOIN_URL}`) }), '1006'],
  ['a VenueRejectedError', (l, lv) => l[lv]('rejected', { error: new VenueRejectedError('okx', '60009', `Login failed for ${LOGIN}`) }), '60009'],
  ['metadata given to a child logger', (l, lv) => l.child({ venue: 'okx', credentials: { apiKey: API_KEY, secret: SECRET } }).child({ token: TOKEN })[lv]('child line'), 'child line'],
]

describe('createLogger redaction', () => {
  describe.each(['json', 'pretty'] as const)('%s format', (format) => {
    it.each(cases)('never writes %s, at any level', async (_name, emit, kept) => {
      const { logger, output } = capture({ format })
      for (const level of levels) emit(logger, level)
      const text = await output()
      expect(text.trim().split('\n')).toHaveLength(levels.length)
      expectNoSecret(text)
      expect(text).toContain(REDACTED)
      expect(text).toContain(kept)
    })
  })

  it('writes one line per call at each level', async () => {
    const { logger, output } = capture()
    for (const level of levels) logger[level]('x', { level })
    const lines = (await output()).trim().split('\n').map((line) => JSON.parse(line) as { level: string })
    expect(lines.map((l) => l.level)).toEqual([...levels])
  })

  it('scrubs secrets passed as options from fields of any name', async () => {
    const { logger, output } = capture({ secrets: [SECRET] })
    logger.info('hmac input', { key: SECRET, note: `secret is ${SECRET}` })
    const text = await output()
    expectNoSecret(text)
    expect(text).toContain('secret is [redacted]')
  })

  it('scrubs secrets learned after the logger was built, in child loggers too', async () => {
    const registry = new SecretRegistry()
    const chunks: string[] = []
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => { chunks.push(chunk.toString()); done() } })
    const child = createLogger({ stream }, registry).child({ connection: 'public#1' })
    registry.add(TOKEN)
    child.info('endpoint', { endpoint: KUCOIN_URL.replace('?token=', '?t='), encoded: encodeURIComponent(TOKEN) })
    await tick()
    expectNoSecret(chunks.join(''))
    expect(chunks.join('')).toContain('public#1')
  })

  it('leaves ordinary metadata as it was', async () => {
    const { logger, output } = capture()
    logger.info('book live', { venue: 'okx', symbol: 'BTC/USDT', seq: 42, signal: 'ok', tokens: 3 })
    expect(JSON.parse(await output())).toMatchObject({ message: 'book live', venue: 'okx', symbol: 'BTC/USDT', seq: 42, signal: 'ok', tokens: 3 })
  })

  it('does not change the metadata object it was given', async () => {
    const { logger, output } = capture()
    const meta = { credentials: { apiKey: API_KEY } }
    logger.info('x', meta)
    await output()
    expect(meta.credentials.apiKey).toBe(API_KEY)
  })

  it('writes nothing below its level', async () => {
    const { logger, output } = capture({ level: 'warn' })
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    expect((await output()).trim().split('\n')).toHaveLength(1)
  })

  it('writes nothing at level silent', async () => {
    const { logger, output } = capture({ level: 'silent' })
    logger.error('e')
    expect(await output()).toBe('')
  })
})

describe('silentLogger', () => {
  it('returns itself for a child', () => {
    expect(silentLogger.child({ venue: 'okx' })).toBe(silentLogger)
  })
})

describe('SecretRegistry', () => {
  it('ignores values too short to redact safely', () => {
    const registry = new SecretRegistry()
    registry.add('abc', undefined, 'abcd')
    expect([...registry.all]).toEqual(['abcd'])
  })

  it('keeps the last 64 rotating secrets and forgets older ones, so reconnects do not grow it without bound', () => {
    const registry = new SecretRegistry()
    for (let i = 0; i < 1_000; i++) registry.addRotating(`token-${i}`)
    const all = [...registry.all]
    expect([all.length, all.includes('token-999'), all.includes('token-936'), all.includes('token-935')]).toEqual([64, true, true, false])
  })

  it('never forgets a lasting secret, even one also added as rotating', () => {
    const registry = new SecretRegistry()
    registry.add('api-secret')
    registry.addRotating('api-secret')
    for (let i = 0; i < 200; i++) registry.addRotating(`token-${i}`)
    expect(registry.all.has('api-secret')).toBe(true)
  })
})
