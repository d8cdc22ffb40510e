import type { IncomingHttpHeaders } from 'node:http'
import { WebSocket } from 'ws'
import type { Logger } from '@tributary/core'
import type { FaultSwitches } from './faults'
import type { SimConnection, SimRequest } from './types'

interface Queued {
  readonly text: string
  readonly dueAt: number
}

/** The server side of one WebSocket; frames go through the silence and delay faults. @internal */
export class Connection implements SimConnection {
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly received: string[] = []
  readonly sent: string[] = []
  pings = 0
  /** Frames dropped because the simulator was silenced. */
  dropped = 0
  closedWith: { readonly code: number; readonly reason: string } | undefined
  private readonly queue: Queued[] = []
  private timer: NodeJS.Timeout | undefined

  constructor(
    readonly id: number,
    request: SimRequest,
    private readonly ws: WebSocket,
    private readonly faults: FaultSwitches,
    private readonly logger: Logger,
    private readonly recordSent = true,
  ) {
    this.path = request.path
    this.query = request.query
    this.headers = request.headers
    ws.on('ping', (data) => {
      this.pings += 1
      if (!faults.silenced && faults.answeringPings) ws.pong(data)
    })
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  send(text: string): void {
    if (!this.open) {
      this.logger.debug('simulator frame not sent: connection not open', { connection: this.id })
      return
    }
    const delayMs = this.faults.frameDelayMs
    if (delayMs === 0 && this.queue.length === 0) {
      this.write(text)
      return
    }
    const last = this.queue[this.queue.length - 1]
    this.queue.push({ text, dueAt: Math.max(Date.now() + delayMs, last?.dueAt ?? 0) })
    this.schedule()
  }

  close(code = 1000, reason = ''): void {
    this.dispose()
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason)
  }

  terminate(): void {
    this.dispose()
    this.ws.terminate()
  }

  /** Clears queued (delayed) frames and their timer. @internal */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.queue.length = 0
  }

  private schedule(): void {
    if (this.timer !== undefined) return
    const head = this.queue[0]
    if (head === undefined) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      const now = Date.now()
      while (this.queue[0] !== undefined && this.queue[0].dueAt <= now) {
        const next = this.queue.shift()
        if (next !== undefined) this.write(next.text)
      }
      this.schedule()
    }, Math.max(0, head.dueAt - Date.now()))
  }

  private write(text: string): void {
    if (this.faults.silenced) {
      this.dropped += 1
      return
    }
    if (!this.open) return
    if (this.recordSent) this.sent.push(text)
    this.ws.send(text, (error) => {
      if (error !== undefined && error !== null) this.logger.debug('simulator send failed', { connection: this.id, error })
    })
  }
}
