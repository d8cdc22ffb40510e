import type * as E from 'fp-ts/Either'
import type { Observable, SchedulerLike } from 'rxjs'
import type { DecodeError, VenueRejectedError } from '../errors'
import type { Logger } from '../log/logger'
import type { FeedEvent } from '../model/events'
import type { IssueCode } from '../model/health'
import type { Instrument } from '../model/instrument'
import type { ConnectionGroup, Endpoint, VenueChannel, VenueSpec } from '../venue'
import type { WireEvent } from './wire'

/** Counters of one connection, across its sockets. @internal */
export interface SocketCounters {
  framesIn: number
  bytesIn: number
  framesOut: number
  /** Uplink frames that had to wait for room in a venue rate window before going out. */
  framesHeld: number
  decodeErrors: number
  unknownFrames: number
  ignored: number
  /** Data frames a replacement socket received before it took over (dropped: the old socket still served them). */
  standbyDropped: number
}

/** What a socket session needs from its connection. @internal */
export interface SessionHost {
  readonly spec: VenueSpec<unknown>
  readonly groupName: string
  readonly group: ConnectionGroup
  readonly id: string
  readonly scheduler: SchedulerLike
  readonly logger: Logger
  readonly counters: SocketCounters
  readonly now: () => number
  readonly debugFrames: boolean
  resolve(attempt: number): Promise<Endpoint>
  dial(endpoint: Endpoint): Observable<WireEvent>
  /** Channels to (re)subscribe, in order of addition. */
  channelList(): readonly VenueChannel[]
  channelByTopic(topic: string): VenueChannel | undefined
  nextRequestId(): number
  instrument(venueSymbol: string): Instrument | undefined
  onData(topic: string, events: readonly FeedEvent[]): void
  onRejected(channels: readonly VenueChannel[], error: VenueRejectedError): void
  onHandover(reason: string): void
  onResponse(requestId: string, result: E.Either<VenueRejectedError, unknown>): void
  onDecodeError(error: DecodeError): void
  onOddFrame(code: Exclude<IssueCode, 'decode-error'>, what: string, raw: string): void
}
