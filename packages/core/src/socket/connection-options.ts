import type { SchedulerLike } from 'rxjs'
import type { DecodeError, VenueRejectedError } from '../errors'
import type { Logger, SecretRegistry } from '../log/logger'
import type { FeedEvent } from '../model/events'
import type { ConnectionState, Issue } from '../model/health'
import type { Instrument } from '../model/instrument'
import type { HttpClient, VenueChannel, VenueSpec } from '../venue'
import type { Connection } from './connection'
import type { Dialer } from './wire'

/** What a connection reports to the feed. */
export interface ConnectionHooks {
  data(connection: Connection, topic: string, events: readonly FeedEvent[]): void
  /** The venue refused these channels; the connection has dropped them (nothing is retried). */
  rejected(connection: Connection, channels: readonly VenueChannel[], error: VenueRejectedError): void
  /** An unrecoverable error (failed login, refused key): the connection is closed for good. */
  failed(connection: Connection, error: unknown): void
  state(state: ConnectionState): void
  issue(issue: Issue, error?: DecodeError): void
}

export interface ConnectionOptions {
  readonly spec: VenueSpec<unknown>
  readonly group: string
  /** `public#1`, unique within the feed. */
  readonly id: string
  readonly dial: Dialer
  readonly http: HttpClient
  readonly now: () => number
  readonly secrets: SecretRegistry
  readonly logger: Logger
  readonly scheduler: SchedulerLike
  readonly delayMs: (attempt: number) => number
  readonly healthyAfterMs: number
  readonly instrument: (venueSymbol: string) => Instrument | undefined
  readonly hooks: ConnectionHooks
  /** Logs every inbound frame at debug level. @defaultValue false */
  readonly debugFrames?: boolean
}
