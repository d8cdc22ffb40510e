import {
  AuthenticationError,
  BookResyncError,
  BufferOverflowError,
  ConfigurationError,
  ConnectionClosedError,
  DecodeError,
  type FeedError,
  isFeedError,
  isRecoverable,
  RateLimitError,
  RequestTimeoutError,
  StaleConnectionError,
  VenueRejectedError,
} from './errors'
import { REDACTED } from './log/redact'

const TOKEN = '2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ93g2WHl'
const SIGN = 'ENpPNQ8mQv8YzDMPhBsB4SrjaKK+FaEh2nozTRW6KU0='
const LOGIN = `{"op":"login","args":[{"apiKey":"985d5b66-57ce-40fb-b714-afc0b9787083","passphrase":"Tr1butary-Pass","timestamp":"1538054050","sign":"${SIGN}"}]}`

const decodeError = (raw: string, actual = '5', path = 'args.0.timestamp') =>
  new DecodeError({ venue: 'okx', codec: 'OkxLogin', issues: [{ path, expected: 'string', actual }], raw })

/** One of each, for the tables below. */
const every: readonly FeedError[] = [
  decodeError('{}'),
  new VenueRejectedError('okx', '60018', "Wrong URL or channel:books, instId:BTC-XYZ doesn't exist", 'books:BTC-XYZ'),
  new AuthenticationError('okx', '60009', 'Login failed.'),
  new BookResyncError('okx', 'BTC/USDT', 'checksum-mismatch', 'expected -1, got 7'),
  new StaleConnectionError('okx', 'public#1', 30_000),
  new ConnectionClosedError('okx', 'public#1', 1006, ''),
  new RateLimitError('okx', '480 ops/h', 1_000),
  new ConfigurationError('okx', 'unknown channel books9'),
  new BufferOverflowError('okx', 'trades', 10_000),
  new RequestTimeoutError('okx', 'order 7', 5_000),
]

/** Compile-time proof that `kind` discriminates every FeedError (adding one breaks this switch). */
const label = (e: FeedError): string => {
  switch (e.kind) {
    case 'decode': return e.codec
    case 'venue-rejected': return e.code
    case 'authentication': return e.code
    case 'book-resync': return e.reason
    case 'stale-connection': return String(e.silentMs)
    case 'connection-closed': return String(e.code)
    case 'rate-limit': return e.limit
    case 'configuration': return e.venue
    case 'buffer-overflow': return String(e.capacity)
    case 'timeout': return e.what
  }
}

describe('isRecoverable', () => {
  it.each([
    ['decode', true],
    ['venue-rejected', false],
    ['authentication', false],
    ['book-resync', true],
    ['stale-connection', true],
    ['connection-closed', true],
    ['rate-limit', true],
    ['configuration', false],
    ['buffer-overflow', false],
    ['timeout', true],
  ])('says %s is recoverable: %p', (kind, expected) => {
    const error = every.find((e) => e.kind === kind)
    expect(error && isRecoverable(error)).toBe(expected)
  })

  it('treats a foreign error (a socket failure) as recoverable', () => {
    expect(isRecoverable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true)
  })

  it('treats an error with an unknown kind as foreign, hence recoverable', () => {
    expect(isRecoverable(Object.assign(new Error('x'), { kind: 'something-else' }))).toBe(true)
  })
})

describe('isFeedError', () => {
  it('recognises every typed error', () => {
    expect(every.filter(isFeedError)).toHaveLength(every.length)
  })

  it.each([[new Error('plain')], [{ kind: 'decode', message: 'not an Error' }], ['decode'], [undefined]])('rejects %p', (value) => {
    expect(isFeedError(value)).toBe(false)
  })
})

describe('typed errors', () => {
  it('carry a kebab-case kind, a class name and a message that names the venue', () => {
    for (const e of every) {
      expect(e).toBeInstanceOf(Error)
      expect(e.kind).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(e.name).toMatch(/Error$/)
      expect(e.message.startsWith('okx')).toBe(true)
      expect(label(e)).not.toBe('')
    }
  })

  it.each([
    [every[1], "okx: rejected books:BTC-XYZ: 60018 Wrong URL or channel:books, instId:BTC-XYZ doesn't exist"],
    [every[3], 'okx BTC/USDT: book resync needed (checksum-mismatch: expected -1, got 7)'],
    [every[4], 'okx public#1: no frame for 30000 ms, connection is stale'],
    [every[5], 'okx public#1: connection closed (1006)'],
    [every[6], 'okx: rate limit: 480 ops/h (retry after 1000 ms)'],
    [every[8], 'okx trades: consumer fell behind, buffer of 10000 events overflowed'],
    [every[9], 'okx: order 7 timed out after 5000 ms'],
  ])('formats %s', (error, message) => {
    expect(error?.message).toBe(message)
  })

  it('keeps the cause of a closed connection', () => {
    const cause = new Error('socket hang up')
    expect(new ConnectionClosedError('weex', 'public#1', undefined, 'upgrade failed', { cause }).cause).toBe(cause)
  })
})

describe('DecodeError', () => {
  it('keeps venue, codec, issues and paths', () => {
    const error = decodeError('{"op":"login"}')
    expect([error.kind, error.venue, error.codec, error.paths]).toEqual(['decode', 'okx', 'OkxLogin', ['args.0.timestamp']])
    expect(error.message).toBe('okx: OkxLogin: args.0.timestamp: expected string, got 5')
  })

  it('redacts secrets from the raw frame it keeps', () => {
    const error = decodeError(LOGIN)
    expect(error.raw).not.toContain(SIGN)
    expect(error.raw).not.toContain('985d5b66')
    expect(error.raw).toContain('"timestamp":"1538054050"')
  })

  it('redacts a secret field that straddles the truncation point', () => {
    const raw = `{"pad":"${'x'.repeat(1_971)}","token":"${TOKEN}"}` // the token starts at char 1990 of 2000 kept
    const error = decodeError(raw)
    expect(error.raw).not.toContain(TOKEN.slice(0, 6))
    expect(error.raw).toMatch(/more chars\)$/)
  })

  it('truncates a long raw frame and says how much was cut', () => {
    const error = decodeError('y'.repeat(2_500))
    expect(error.raw).toBe(`${'y'.repeat(2_000)}… (500 more chars)`)
  })

  it('never puts the value of a secret-named field in its message', () => {
    const error = decodeError(LOGIN, JSON.stringify(SIGN.slice(0, 40)), '<OkxLogin>.args.0.sign')
    expect(error.message).toBe(`okx: OkxLogin: <OkxLogin>.args.0.sign: expected string, got ${REDACTED}`)
    expect(error.issues[0]?.actual).toBe(REDACTED)
  })

  it('redacts secrets quoted inside an issue value', () => {
    const error = decodeError('{}', JSON.stringify(`wss://h/?token=${TOKEN.slice(0, 20)}`), 'data.endpoint')
    expect(error.message).not.toContain(TOKEN.slice(0, 20))
  })
})

describe('error messages with secrets', () => {
  it('ConnectionClosedError redacts a token in its reason', () => {
    const error = new ConnectionClosedError('kucoin', 'public#1', 401, `refused wss://ws-api-spot.kucoin.com/?token=${TOKEN}&connectId=1`)
    expect(error.message).toBe(`kucoin public#1: connection closed (401): refused wss://ws-api-spot.kucoin.com/?token=${REDACTED}&connectId=1`)
  })

  it('VenueRejectedError redacts a login frame the venue echoed back', () => {
    const error = new VenueRejectedError('okx', '60009', `Login failed: ${LOGIN}`)
    expect(error.message).not.toContain(SIGN)
    expect(error.message).toContain('60009')
  })

  it('AuthenticationError redacts signed headers', () => {
    const error = new AuthenticationError('weex', '40001', `bad ACCESS-SIGN: ${SIGN}`)
    expect(error.message).toBe(`weex: authentication failed: 40001 bad ACCESS-SIGN: ${REDACTED}`)
  })

  it('ConfigurationError redacts credentials in its message', () => {
    expect(new ConfigurationError('okx', 'bad apiKey=abc123').message).toBe(`okx: bad apiKey=${REDACTED}`)
  })
})

describe('errors about what a venue sent', () => {
  const venueErrors: readonly [string, () => Error][] = [
    ['DecodeError', () => decodeError('{}')],
    ['VenueRejectedError', () => new VenueRejectedError('weex', 'INVALID_ARGUMENT', 'invalid event : bogus_1', 'btcusdt@bogus_1')],
  ]

  it.each(venueErrors)('%s carries its header as its stack, with no frames', (name, make) => {
    const error = make()
    expect(error.stack).toBe(`${name}: ${error.message}`)
  })

  it.each(venueErrors)('%s leaves the stack trace limit as it found it', (_name, make) => {
    const before = Error.stackTraceLimit
    make()
    expect(Error.stackTraceLimit).toBe(before)
    expect(new Error('after').stack?.split('\n').length).toBeGreaterThan(1)
  })

  it('other errors keep their stack frames', () => {
    expect(new AuthenticationError('okx', '60009', 'Login failed.').stack?.split('\n').length).toBeGreaterThan(1)
  })
})
