import type { IncomingHttpHeaders } from 'node:http'
import type { Logger } from '@tributary/core'

/** The HTTP request behind a WebSocket upgrade or a REST call. */
export interface SimRequest {
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
}

/** A REST call as the simulator received it. */
export interface SimHttpRequest extends SimRequest {
  readonly method: string
  readonly body: string
}

export interface SimHttpResponse {
  readonly status: number
  readonly body: string
  readonly headers?: Readonly<Record<string, string>>
}

export type SimAuthorization = { readonly ok: true } | { readonly ok: false; readonly status: number; readonly body?: string }

/** A venue's protocol, scripted on top of the engine. Every callback may throw: the engine logs it and goes on. */
export interface SimulatorScript {
  readonly name: string
  /** Upgrade check (tokens, signed headers, User-Agent). Refuse with an HTTP status. */
  authorize?(req: SimRequest, sim: Simulator): SimAuthorization
  onOpen?(conn: SimConnection, sim: Simulator): void
  onMessage(conn: SimConnection, text: string, sim: Simulator): void
  onClose?(conn: SimConnection, sim: Simulator): void
  /** REST routes (KuCoin bullet tokens, snapshots, instruments). `undefined` → 404. */
  http?(req: SimHttpRequest, sim: Simulator): Promise<SimHttpResponse | undefined> | SimHttpResponse | undefined
  /** A frame of this venue that is valid JSON but fails the venue's schema (for the schema-failure fault). */
  schemaFailureFrame?(): string
}

/** One accepted WebSocket connection, as the server sees it. */
export interface SimConnection {
  /** 1-based, in accept order. */
  readonly id: number
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  /** Client → server text frames, in order. */
  readonly received: readonly string[]
  /** Server → client text frames actually written (frames dropped by `silence` are not here; empty with `recordSent: false`). */
  readonly sent: readonly string[]
  /** WebSocket protocol pings received from the client. */
  readonly pings: number
  readonly open: boolean
  /** How the connection ended, once it has: the close code and reason the server saw (1006 without a close frame). */
  readonly closedWith: { readonly code: number; readonly reason: string } | undefined
  /** Sends a text frame; honours the silence and delay faults. */
  send(text: string): void
  /** Closes with a close frame. @defaultValue code 1000 */
  close(code?: number, reason?: string): void
  /** Destroys the socket without a close frame: the client sees 1006. */
  terminate(): void
}

/** Stops a timer started with `sim.after` or `sim.every`. */
export type Cancel = () => void

export interface Simulator {
  readonly script: string
  readonly port: number
  /** `ws://127.0.0.1:<port>` */
  readonly wsBase: string
  /** `http://127.0.0.1:<port>` */
  readonly httpBase: string
  /** Every connection ever accepted, in order. */
  readonly connections: readonly SimConnection[]
  readonly openConnections: readonly SimConnection[]
  /** Every REST call received, in order. */
  readonly httpRequests: readonly SimHttpRequest[]
  /** Upgrade requests refused (by `refuseConnects` or `authorize`), in order. */
  readonly refused: readonly (SimRequest & { readonly status: number })[]
  readonly faults: Faults
  /** Venue scripts keep their state here if they like. */
  readonly state: Map<string, unknown>
  readonly logger: Logger
  /** Resolves once `predicate()` holds; rejects after `timeoutMs`. @defaultValue 2000 */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>
  /** Runs `fn` once after `delayMs`; cleared by `close()`. Exceptions are logged. */
  after(delayMs: number, fn: () => void): Cancel
  /** Runs `fn` every `intervalMs`; cleared by `close()`. Exceptions are logged. */
  every(intervalMs: number, fn: () => void): Cancel
  /** Terminates every connection, clears timers and stops listening. */
  close(): Promise<void>
}

export type FaultFlag = 'reject-subscribe' | 'skip-sequence' | 'corrupt-checksum' | 'expire-token'

/** Fault switches. Engine-level ones act at once; flags (`take`) are consumed by venue scripts. */
export interface Faults {
  /** Drops every open connection now. `closeFrame: false` destroys the socket (client sees 1006).
   *  @defaultValue `{ code: 1001, reason: 'simulator drop', closeFrame: true }` */
  dropConnections(options?: { readonly code?: number; readonly reason?: string; readonly closeFrame?: boolean }): void
  /** Half-open: TCP stays up, nothing is sent (protocol pongs included) until `silence(false)`. */
  silence(on?: boolean): void
  readonly silenced: boolean
  /** Stops protocol-level pongs; scripts check `answeringPings` before answering application pings. */
  stopAnsweringPings(on?: boolean): void
  readonly answeringPings: boolean
  /** Refuses the next `n` upgrades with an HTTP status. @defaultValue status 503 */
  refuseConnects(n: number, status?: number): void
  /** Arms a one-shot subscribe rejection; scripts read it with `takeReject()`. */
  rejectNextSubscribe(code: string, message?: string): void
  /** Sends a non-JSON text frame to every open connection. */
  sendMalformed(): void
  /** Sends `script.schemaFailureFrame()` (valid JSON, wrong shape) to every open connection. */
  sendSchemaFailure(): void
  skipSequence(): void
  corruptChecksum(): void
  expireToken(): void
  /** Delays every frame sent from now on by `ms` (order kept); 0 turns it off. */
  delayFrames(ms: number): void
  readonly frameDelayMs: number
  /** One-shot flags for venue semantics: true once per arm. */
  take(name: FaultFlag): boolean
  readonly pendingReject: { readonly code: string; readonly message: string } | undefined
  /** `take('reject-subscribe')` returning the armed code and message. */
  takeReject(): { readonly code: string; readonly message: string } | undefined
}

export interface SimulatorOptions {
  /** @defaultValue 0 (an ephemeral port) */
  readonly port?: number
  /** Script exceptions and lifecycle go here. @defaultValue silentLogger */
  readonly logger?: Logger
  /**
   * Whether each connection keeps every frame it wrote in `sent`, for tests to assert on. A benchmark sending millions
   * turns it off, so the record's growth (and the GC pauses it brings) stays out of what it measures. @defaultValue true
   */
  readonly recordSent?: boolean
}
