import type { Writable } from 'node:stream'
import { createLogger, type Credentials, type Logger } from '@tributary/core'

/** A JSON logger whose every line is scrubbed of the credentials, secret-named fields and `?token=` parameters. */
export function productionLogger(stream: Writable, credentials: Credentials): Logger {
  const logger = createLogger({ level: 'info', format: 'json', stream, secrets: [credentials.apiKey, credentials.secret, credentials.passphrase] })
  const okx = logger.child({ venue: 'okx' }) // children carry their bindings on every line
  okx.info('configured', { apiKey: credentials.apiKey, url: 'wss://ws.example/private?token=abc123def', note: `secret is ${credentials.secret}` })
  okx.debug('not written at level info')
  return logger
}
