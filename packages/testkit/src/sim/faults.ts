import type { FaultFlag, Faults, SimConnection } from './types'

/** A frame that is not JSON: what the malformed-frame fault sends. */
export const MALFORMED_FRAME = '{"simulator":"malformed frame", '

/** Sent by the schema-failure fault when the script has no `schemaFailureFrame`. */
export const GENERIC_SCHEMA_FAILURE_FRAME = '{"simulator":"schema failure"}'

interface FaultHost {
  readonly openConnections: () => readonly SimConnection[]
  readonly schemaFailureFrame: () => string
}

/** The engine's fault switches; the connection reads `silenced`, `answeringPings` and `frameDelayMs`. @internal */
export class FaultSwitches implements Faults {
  silenced = false
  answeringPings = true
  frameDelayMs = 0
  pendingReject: { readonly code: string; readonly message: string } | undefined
  private refusals: { count: number; status: number } = { count: 0, status: 503 }
  private readonly flags = new Set<FaultFlag>()

  constructor(private readonly host: FaultHost) {}

  dropConnections(options: { readonly code?: number; readonly reason?: string; readonly closeFrame?: boolean } = {}): void {
    const { code = 1001, reason = 'simulator drop', closeFrame = true } = options
    for (const conn of this.host.openConnections()) {
      if (closeFrame) conn.close(code, reason)
      else conn.terminate()
    }
  }

  silence(on = true): void {
    this.silenced = on
  }

  stopAnsweringPings(on = true): void {
    this.answeringPings = !on
  }

  refuseConnects(n: number, status = 503): void {
    this.refusals = { count: n, status }
  }

  /** The status to refuse the upgrade with, consuming one refusal; undefined to accept. @internal */
  nextRefusal(): number | undefined {
    if (this.refusals.count <= 0) return undefined
    this.refusals.count -= 1
    return this.refusals.status
  }

  rejectNextSubscribe(code: string, message = 'rejected by simulator'): void {
    this.pendingReject = { code, message }
    this.flags.add('reject-subscribe')
  }

  sendMalformed(): void {
    for (const conn of this.host.openConnections()) conn.send(MALFORMED_FRAME)
  }

  sendSchemaFailure(): void {
    const frame = this.host.schemaFailureFrame()
    for (const conn of this.host.openConnections()) conn.send(frame)
  }

  skipSequence(): void {
    this.flags.add('skip-sequence')
  }

  corruptChecksum(): void {
    this.flags.add('corrupt-checksum')
  }

  expireToken(): void {
    this.flags.add('expire-token')
  }

  delayFrames(ms: number): void {
    this.frameDelayMs = Math.max(0, ms)
  }

  take(name: FaultFlag): boolean {
    const armed = this.flags.delete(name)
    if (armed && name === 'reject-subscribe') this.pendingReject = undefined
    return armed
  }

  takeReject(): { readonly code: string; readonly message: string } | undefined {
    const reject = this.pendingReject
    return this.take('reject-subscribe') ? reject : undefined
  }
}
