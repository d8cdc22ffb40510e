import type { DecodeError } from '../errors'
import { redactText } from '../log/redact'
import type { Issue, IssueCode } from '../model/health'

const RAW_LIMIT = 2_000

/** The `decode-error` issue of a frame that failed its codec. @internal */
export const decodeIssue = (error: DecodeError, connection: string, now: number): Issue => ({
  kind: 'issue',
  venue: error.venue,
  code: 'decode-error',
  message: error.message,
  raw: error.raw,
  ts: now,
  receivedAt: now,
  connection,
  codec: error.codec,
  paths: error.paths,
})

/** An issue about a well-formed frame (unknown type, or for nothing asked); the raw text truncated and redacted. @internal */
export const frameIssue = (args: {
  readonly venue: string
  readonly connection: string
  readonly code: Exclude<IssueCode, 'decode-error'>
  readonly what: string
  readonly raw: string
  readonly now: number
}): Issue => ({
  kind: 'issue',
  venue: args.venue,
  code: args.code,
  message: args.what,
  raw: redactText(args.raw.length > RAW_LIMIT ? `${args.raw.slice(0, RAW_LIMIT)}…` : args.raw),
  ts: args.now,
  receivedAt: args.now,
  connection: args.connection,
})
