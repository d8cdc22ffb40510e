import * as t from 'io-ts'
import { FiniteNumber } from '../codec/number-from-string'
import { struct } from './common'

export const ConnectionStatus = t.keyof({ connecting: null, open: null, reconnecting: null, closed: null }, 'ConnectionStatus')
export type ConnectionStatus = t.TypeOf<typeof ConnectionStatus>

/** A connection changed state. `attempt`/`delayMs` come with `reconnecting`; `code`/`reason` with closes. */
export const ConnectionState = struct(
  'ConnectionState',
  {
    kind: t.literal('connection'),
    venue: t.string,
    /** Connection id within the venue (`public#1`, `private#1`). */
    connection: t.string,
    state: ConnectionStatus,
    /** Local time of the change, epoch ms. */
    ts: FiniteNumber,
    receivedAt: FiniteNumber,
  },
  {
    attempt: FiniteNumber,
    delayMs: FiniteNumber,
    reason: t.string,
    /** WebSocket close code or HTTP status of a refused upgrade. */
    code: FiniteNumber,
  },
)
export type ConnectionState = t.TypeOf<typeof ConnectionState>

export const IssueCode = t.keyof(
  {
    /** A frame failed JSON parsing or its codec. */
    'decode-error': null,
    /** A well-formed frame of a type the adapter does not know. */
    'unknown-frame': null,
    /** A frame for a subscription nobody holds, or a reply to no request. */
    'unexpected-frame': null,
    /**
     * A frame was mapped, but not fully normalized: its events say how (`sizeUnit: 'contracts'` when a contract value
     * was unknown). Reported once per cause, not per frame.
     */
    'degraded-data': null,
  },
  'IssueCode',
)
export type IssueCode = t.TypeOf<typeof IssueCode>

/** Something was not understood. Published, never dropped silently; the stream goes on. */
export const Issue = struct(
  'Issue',
  {
    kind: t.literal('issue'),
    venue: t.string,
    code: IssueCode,
    message: t.string,
    /** The frame text, truncated, secrets redacted. */
    raw: t.string,
    ts: FiniteNumber,
    receivedAt: FiniteNumber,
  },
  {
    connection: t.string,
    /** Codec that rejected the frame. */
    codec: t.string,
    /** Dotted paths of the failing fields. */
    paths: t.readonlyArray(t.string),
    symbol: t.string,
  },
)
export type Issue = t.TypeOf<typeof Issue>
