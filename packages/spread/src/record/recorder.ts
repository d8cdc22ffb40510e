import { map, Observable } from 'rxjs'
import { redactText, redactUrl, type Dialer, type HttpClient, type SecretRegistry, type Wire } from '@tributary/core'

/** One capture line, in the format of the recorded fixtures (`{ ts, dir, conn, url?, data }`). */
export interface RecordedLine {
  readonly ts: number
  readonly dir: 'in' | 'out' | 'http'
  readonly conn: string
  readonly url?: string
  readonly data: string
}

export interface Recorder {
  /** Wraps a dialer: every frame in and out of its sockets is recorded, labelled `<url>#<n>`. */
  dialer(base: Dialer): Dialer
  /** Wraps an HTTP client: every response body is recorded with its URL. */
  http(base: HttpClient): HttpClient
  readonly frames: number
  readonly bytes: number
}

export interface RecorderOptions {
  readonly write: (line: RecordedLine) => void
  /** Local clock, epoch ms (fractional where available). */
  readonly now: () => number
  /** Tokens and signatures learned at run time: scrubbed from URLs and outbound frames. */
  readonly secrets: SecretRegistry
}

/**
 * Records raw frames and REST responses as capture lines. Inbound frames are written exactly as received; URLs,
 * outbound frames (logins carry signatures) and REST bodies (KuCoin hands out connection tokens) are redacted first.
 */
export const createRecorder = ({ write, now, secrets }: RecorderOptions): Recorder => {
  let frames = 0
  let bytes = 0
  let dials = 0
  const record = (line: RecordedLine): void => {
    frames++
    bytes += Buffer.byteLength(line.data)
    write(line)
  }
  return {
    dialer: (base) => (endpoint, ctx) =>
      new Observable((subscriber) => {
        const conn = `${redactUrl(endpoint.url, secrets.all)}#${++dials}`
        return base(endpoint, ctx)
          .pipe(
            map((event) => {
              if (typeof event === 'string') {
                record({ ts: now(), dir: 'in', conn, data: event })
                return event
              }
              const wire: Wire = {
                send: (text) => {
                  record({ ts: now(), dir: 'out', conn, data: redactText(text, secrets.all) })
                  event.send(text)
                },
                close: (code, reason) => event.close(code, reason),
                terminate: () => event.terminate(),
              }
              return wire
            }),
          )
          .subscribe(subscriber)
      }),
    http: (base) => async (request) => {
      const response = await base(request)
      const url = redactUrl(request.url, secrets.all)
      record({ ts: now(), dir: 'http', conn: 'rest', url, data: redactText(response.body, secrets.all) })
      return response
    },
    get frames() {
      return frames
    },
    get bytes() {
      return bytes
    },
  }
}
