const SECRET_WORDS =
  'api[-_]?key|api[-_]?secret|secret(?:[-_]?key)?|pass[-_]?phrase|password|sign|signature|token|access[-_]?token|refresh[-_]?token|private[-_]?key|client[-_]?secret|authorization|cookie|set-cookie|access[-_]key|access[-_]sign|access[-_]passphrase'

// A secret word, optionally after dash/underscore-separated prefixes: `OK-ACCESS-SIGN`, `KC-API-KEY`, `x-api-key`.
const KEY_NAME = `(?:[a-z0-9]+[-_])*(?:${SECRET_WORDS})`

// Field names whose values are secret wherever they appear (JSON, headers, log metadata, URL queries).
const SECRET_KEY = new RegExp(`^${KEY_NAME}$`, 'i')

export const REDACTED = '[redacted]'

/** Whether a field of this name holds a secret. */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key)

// "apiKey":"…" in JSON text, escapes in the value included (and cut off at the end of the text)
const JSON_PAIR = new RegExp(`((?<!\\\\)")(${KEY_NAME})("\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)("|$)`, 'gi')
// \"apiKey\":\"…\" in JSON that was itself encoded into a JSON string (a frame logged inside a JSON field)
const NESTED_JSON_PAIR = new RegExp(
  `(\\\\")(${KEY_NAME})(\\\\"\\s*:\\s*\\\\")((?:\\\\\\\\(?:\\\\.|[^\\\\])|[^"\\\\]|\\\\[^"\\\\])*)(\\\\"|$)`,
  'gi',
)
// ?token=…&sign=… in URLs, also `apiKey=…` pairs in free text
const QUERY_PAIR = new RegExp(`(^|[?&;\\s,({])(${KEY_NAME})=([^&#\\s"]*)`, 'gi')
// Authorization: Bearer …, ACCESS-SIGN: … in header dumps (not `data.token:`, a decode path)
const HEADER_LINE = new RegExp(
  `(?<![\\w.>-])(${KEY_NAME})(\\s*:\\s*)(?!\\s*")((?:(?:Bearer|Basic|Digest|Token)\\s+)?[^\\s,;}]+)`,
  'gi',
)

// The forms a literal secret takes in text: as is, URL-encoded, JSON-escaped.
const variants = (secret: string): readonly string[] => {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
  return [...forms]
}

/**
 * Removes secrets from free text: JSON fields named like secrets, URL query parameters (`?token=…`), header
 * lines, and every literal string in `secrets` (the credentials and tokens the caller knows about).
 */
export const redactText = (text: string, secrets: Iterable<string> = []): string => {
  let out = text
  for (const s of secrets) {
    if (s.length < 4) continue
    for (const form of variants(s)) out = out.split(form).join(REDACTED)
  }
  return out
    .replace(JSON_PAIR, (_m, q1: string, k: string, mid: string, _v: string, q2: string) => `${q1}${k}${mid}${REDACTED}${q2}`)
    .replace(NESTED_JSON_PAIR, (_m, q1: string, k: string, mid: string, _v: string, q2: string) => `${q1}${k}${mid}${REDACTED}${q2}`)
    .replace(QUERY_PAIR, (_m, lead: string, k: string) => `${lead}${k}=${REDACTED}`)
    .replace(HEADER_LINE, (_m, k: string, sep: string) => `${k}${sep}${REDACTED}`)
}

const redactEntries = (value: object, secrets: ReadonlySet<string>, seen: WeakSet<object>, out: Record<string, unknown>): Record<string, unknown> => {
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redactValue(v, secrets, seen)
  return out
}

/** Deep-copies a log metadata value with secret fields and known secret strings replaced. Handles cycles. */
export const redactValue = (value: unknown, secrets: ReadonlySet<string> = new Set(), seen = new WeakSet<object>()): unknown => {
  if (typeof value === 'string') return redactText(value, secrets)
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (value instanceof Error) {
    const out = redactEntries(value, secrets, seen, { name: value.name, message: redactText(value.message, secrets) })
    // `cause` is not enumerable: copy it explicitly, redacted like the rest.
    if (value.cause !== undefined) out['cause'] = redactValue(value.cause, secrets, seen)
    if (value.stack !== undefined) out['stack'] = redactText(value.stack, secrets)
    return out
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, seen))
  return redactEntries(value, secrets, seen, {})
}

/** Redacts secret query parameters from a URL, for logs and error messages. */
export const redactUrl = (url: string, secrets: Iterable<string> = []): string => redactText(url, secrets)
