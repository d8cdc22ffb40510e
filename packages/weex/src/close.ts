import { AuthenticationError, ConnectionClosedError } from '@tributary/core'

/** Close code Weex sends right after the sixth rejected request on a connection (recorded: "Unrecognized message sent multiple times"). */
export const WEEX_CLOSE_INVALID_REQUESTS = 1007

/**
 * The typed error for a Weex close or refused upgrade (the `ConnectionGroup.closeError` hook).
 * 1007 (too many invalid requests) stays recoverable: the rejected channels were already failed one by one by their
 * replies, so a reconnect resubscribes only the valid ones. HTTP 401 on the private upgrade (bad key, passphrase or
 * signature, or clock skew) is an `AuthenticationError`: retrying cannot cure it.
 */
export const weexCloseError = (connection: string, code: number, reason: string): ConnectionClosedError | AuthenticationError => {
  if (code === 401) return new AuthenticationError('weex', '401', `upgrade refused${reason === '' ? '' : `: ${reason}`}`)
  const why = code === WEEX_CLOSE_INVALID_REQUESTS ? `too many invalid requests on this connection${reason === '' ? '' : ` (${reason})`}` : reason
  return new ConnectionClosedError('weex', connection, code, why)
}
