/** Field names whose values are secret wherever they appear (JSON, headers, log metadata, URL queries). */
const SECRET_KEY =
  /^(api[-_]?key|apikey|secret|secret[-_]?key|api[-_]?secret|pass[-_]?phrase|password|sign|signature|token|authorization|cookie|set-cookie|access[-_]key|access[-_]sign|access[-_]passphrase|kc[-_]api[-_](key|sign|passphrase)|x[-_]api[-_]key)$/i

export const REDACTED = '[redacted]'

/** Whether a field of this name holds a secret. */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key)

const KEY_ALT =
  'api[-_]?key|apiKey|secret|secret[-_]?key|secretKey|api[-_]?secret|pass[-_]?phrase|passphrase|password|sign|signature|token|authorization|access[-_]key|access[-_]sign|access[-_]passphrase|kc[-_]api[-_](?:key|sign|passphrase)'

// "apiKey":"…" (also with escaped quotes inside a JSON-encoded string)
const JSON_PAIR = new RegExp(`(\\\\?")(${KEY_ALT})(\\\\?"\\s*:\\s*\\\\?")((?:[^"\\\\]|\\\\(?!"))*)(\\\\?")`, 'gi')
// ?token=…&sign=… in URLs
const QUERY_PAIR = new RegExp(`([?&;](?:${KEY_ALT}))=([^&#\\s"']*)`, 'gi')
// Authorization: Bearer …, ACCESS-SIGN: … in header dumps
const HEADER_LINE = new RegExp(`\\b(${KEY_ALT})(\\s*:\\s*)(?!\\s*")([^\\s,;}]+(?:\\s+[^\\s,;}]+)?)`, 'gi')

/**
 * Removes secrets from free text: JSON fields named like secrets, URL query parameters (`?token=…`), header
 * lines, and every literal string in `secrets` (the credentials and tokens the caller knows about).
 */
export const redactText = (text: string, secrets: Iterable<string> = []): string => {
  let out = text
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join(REDACTED)
  }
  return out
    .replace(JSON_PAIR, (_m, q1: string, k: string, mid: string, _v: string, q2: string) => `${q1}${k}${mid}${REDACTED}${q2}`)
    .replace(QUERY_PAIR, (_m, k: string) => `${k}=${REDACTED}`)
    .replace(HEADER_LINE, (_m, k: string, sep: string) => `${k}${sep}${REDACTED}`)
}

/** Deep-copies a log metadata value with secret fields and known secret strings replaced. Handles cycles. */
export const redactValue = (value: unknown, secrets: ReadonlySet<string> = new Set(), seen = new WeakSet<object>()): unknown => {
  if (typeof value === 'string') return redactText(value, secrets)
  if (value === null || typeof value !== 'object') return value
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactText(value.message, secrets) }
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redactValue(v, secrets, seen)
    if (value.stack !== undefined) out['stack'] = redactText(value.stack, secrets)
    return out
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redactValue(v, secrets, seen)
  return out
}

/** Redacts secret query parameters from a URL, for logs and error messages. */
export const redactUrl = (url: string, secrets: Iterable<string> = []): string => redactText(url, secrets)
