/**
 * A tiny venue used only by core's tests (core never imports a real venue). JSON frames:
 * client `{"op":"subscribe"|"unsubscribe","id":n,"args":[topic…]}`, `{"op":"login","ts":n}`, text `ping`;
 * server `pong`, `{"event":"ack"|"error"|"ready"|"login"|"notice"|"ping"|"response"|…}`, `{"topic":…,"data":[event…]}`.
 */
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { decodeJson } from '../../codec/decode'
import { AuthenticationError, VenueRejectedError } from '../../errors'
import type { FeedEvent } from '../../model/events'
import type { BookRules, ConnectionGroup, Endpoint, Heartbeat, InterpretContext, ResolveContext, StreamKind, StreamRequest, Venue, VenueChannel, VenueMessage, VenueSpec } from '../../venue'
import { defineVenue } from '../../venue'

export const TestEvent = t.type({ event: t.string }, 'TestEvent')
export const TestData = t.type({ topic: t.string, data: t.array(t.type({ kind: t.string, symbol: t.string, ts: t.number })) }, 'TestData')
const TestFields = t.partial({ id: t.union([t.string, t.number]), topic: t.string, code: t.string, msg: t.string, t: t.number, result: t.unknown })
type TestFrame = { readonly event: string } & t.TypeOf<typeof TestFields> | t.TypeOf<typeof TestData>

const codecFor = (json: unknown): t.Decoder<unknown, TestFrame> =>
  t.UnknownRecord.is(json) && 'event' in json ? t.intersection([TestEvent, TestFields], 'TestEvent') : TestData

const PRIVATE: ReadonlySet<StreamKind> = new Set(['orders', 'fills', 'positions', 'balances'])
/** Private kinds ride one account-wide channel per kind (like OKX `orders` for all instruments). */
const topicOf = (r: StreamRequest): string => (PRIVATE.has(r.kind) ? r.kind : `${r.channel ?? r.kind}:${r.symbol ?? '*'}`)

export interface TestVenueOptions {
  /** Resolves the public group's endpoint; default: `wsBase` with `?attempt=n`. */
  readonly resolve?: (ctx: ResolveContext) => Promise<Endpoint>
  readonly wsBase?: string
  readonly heartbeat?: Partial<Heartbeat>
  readonly limits?: Partial<ConnectionGroup['limits']>
  /** Adds a login frame and waits for `{"event":"login","code":"0"}` (private group) or `{"event":"ready"}`. */
  readonly login?: boolean
  readonly awaitReady?: boolean
  readonly readyTimeoutMs?: number
  readonly books?: BookRules
  readonly needsInstruments?: boolean
  readonly instruments?: NonNullable<Venue['spec']['instruments']>['load']
  readonly closeError?: ConnectionGroup['closeError']
  /** Supplies `createInterpreter`: wraps the test venue's own `interpret`. */
  readonly wrapInterpreter?: (interpret: VenueSpec<TestFrame>['interpret']) => VenueSpec<TestFrame>['interpret']
}

const interpret = (frame: TestFrame, ctx: InterpretContext): readonly VenueMessage[] => {
  if ('topic' in frame && 'data' in frame) {
    const events = frame.data.map((e) => ({ ...e, venue: 'test', receivedAt: ctx.receivedAt }) as unknown as FeedEvent)
    return [{ type: 'data', topic: frame.topic, events }]
  }
  const f = frame as { readonly event: string } & t.TypeOf<typeof TestFields>
  const id = f.id === undefined ? {} : { requestId: String(f.id) }
  const topic = f.topic === undefined ? {} : { topic: f.topic }
  switch (f.event) {
    case 'ack':
      return [{ type: 'ack', ...id, ...topic }]
    case 'error':
      return [{ type: 'reject', ...id, ...topic, error: new VenueRejectedError('test', f.code ?? '?', f.msg ?? '', f.topic) }]
    case 'ready':
      return [{ type: 'ready' }]
    case 'login':
      return f.code === '0' ? [{ type: 'ready' }] : [{ type: 'fatal', error: new AuthenticationError('test', f.code ?? '?', f.msg ?? '') }]
    case 'notice':
      return [{ type: 'reconnect', reason: f.msg ?? 'notice' }]
    case 'ping':
      return [{ type: 'reply', frame: JSON.stringify({ event: 'pong', t: f.t }) }]
    case 'response':
      return [{ type: 'response', requestId: String(f.id), result: f.code === undefined ? E.right(f.result) : E.left(new VenueRejectedError('test', f.code, f.msg ?? '')) }]
    case 'welcome':
      return [{ type: 'ignore', what: 'welcome' }]
    case 'degraded':
      return [{ type: 'issue', code: 'degraded-data', what: f.msg ?? 'degraded' }]
    default:
      return [{ type: 'unknown', what: f.event }]
  }
}

export const createTestVenue = (options: TestVenueOptions = {}): Venue => {
  const heartbeat: Heartbeat = { intervalMs: 1_000, ping: () => 'ping', isPong: (raw) => raw === 'pong', timeoutMs: 3_000, ...options.heartbeat }
  const group: ConnectionGroup = {
    resolve: options.resolve ?? ((ctx) => Promise.resolve({ url: `${options.wsBase ?? 'ws://127.0.0.1:1'}/ws?attempt=${ctx.attempt}` })),
    heartbeat,
    limits: { maxChannels: 100, maxChannelsPerRequest: 10, ...options.limits },
    ...(options.login === true ? { login: (now: number) => JSON.stringify({ op: 'login', ts: now }) } : {}),
    ...(options.awaitReady === true || options.login === true ? { awaitReady: true } : {}),
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
    ...(options.closeError === undefined ? {} : { closeError: options.closeError }),
  }
  return defineVenue<TestFrame>({
    id: 'test',
    groups: { public: group, private: group },
    symbols: { toVenue: (s) => E.right(s.replace('/', '-')), fromVenue: (v) => v.replace('-', '/') },
    channelsFor: (request) => {
      const topic = topicOf(request)
      const channel: VenueChannel = {
        key: topic,
        group: PRIVATE.has(request.kind) ? 'private' : 'public',
        topic,
        request: PRIVATE.has(request.kind) ? { kind: request.kind } : request,
        ...(request.symbol === undefined ? {} : { venueSymbol: request.symbol.replace('/', '-') }),
      }
      return E.right([channel])
    },
    subscribe: (channels, id) => JSON.stringify({ op: 'subscribe', id, args: channels.map((c) => c.topic) }),
    unsubscribe: (channels, id) => JSON.stringify({ op: 'unsubscribe', id, args: channels.map((c) => c.topic) }),
    decode: decodeJson('test', codecFor),
    interpret,
    ...(options.wrapInterpreter === undefined ? {} : { createInterpreter: () => (options.wrapInterpreter ?? ((i) => i))(interpret) }),
    ...(options.books === undefined ? {} : { books: options.books }),
    ...(options.needsInstruments === true && options.instruments !== undefined
      ? { instruments: { load: options.instruments, needed: () => true } }
      : {}),
  })
}

/** The client frames a test asserts on, parsed. */
export const parsed = (frames: readonly string[]): readonly unknown[] => frames.map((f) => (f.startsWith('{') ? (JSON.parse(f) as unknown) : f))
