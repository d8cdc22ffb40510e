import type { HttpClient, HttpRequest, HttpResponse } from '@tributary/core'

/** Path (without trailing slash) and the same with API version segments (`/v1/`, `/v5/`) blurred. */
const parts = (url: string): { readonly path: string; readonly unversioned: string; readonly query: URLSearchParams } => {
  const u = new URL(url, 'http://recorded.invalid')
  const path = u.pathname.replace(/\/+$/, '')
  return { path, unversioned: path.replace(/\/v\d+(?=\/)/g, '/v*'), query: u.searchParams }
}

const sorted = (xs: Iterable<string>): string => [...xs].sort().join('\u0000')

/** 4: same query; 3: the recorded one adds parameters; 2: same values under other names (`uly` became `instFamily`);
 *  1: the parameters both have agree; 0: they disagree. */
const queryScore = (requested: URLSearchParams, recorded: URLSearchParams): number => {
  const shared = [...requested.keys()].filter((k) => recorded.has(k))
  if (shared.some((k) => requested.get(k) !== recorded.get(k))) return 0
  const onlyRecorded = [...recorded.keys()].some((k) => !requested.has(k))
  if (shared.length === [...requested.keys()].length) return onlyRecorded ? 3 : 4
  if (sorted(requested.values()) === sorted(recorded.values())) return 2
  return shared.length > 0 ? 1 : 0
}

/**
 * How well a recorded URL answers a requested one, 0 (not at all) to 8 (same path and query). Hosts are ignored
 * (okex.com became okx.com); a path that differs only in its API version segment scores lower than the same path.
 */
export const urlMatch = (requested: string, recorded: string): number => {
  const a = parts(requested)
  const b = parts(recorded)
  const path = a.path === b.path ? 4 : a.unversioned === b.unversioned ? 0 : -1
  if (path < 0) return 0
  const query = queryScore(a.query, b.query)
  return query === 0 && [...a.query.keys()].length > 0 ? 0 : path + Math.max(query, 1)
}

interface Pending {
  readonly request: HttpRequest
  readonly resolve: (response: HttpResponse) => void
}

/** An HTTP client answered by the REST responses of a capture, in file order, never by the network. */
export interface RecordedHttp {
  readonly http: HttpClient
  /** A recorded response was reached in the file: answers the best-matching waiting request, or keeps it for later. */
  offer(url: string, body: string): boolean
  /** Requests still waiting for a recorded answer. */
  readonly waiting: readonly string[]
  readonly answered: number
}

/** Creates a recorded HTTP client: each recorded response answers one request. */
export const createRecordedHttp = (): RecordedHttp => {
  const pending: Pending[] = []
  const kept: { url: string; body: string }[] = []
  let answered = 0
  const best = <T>(items: readonly T[], score: (item: T) => number): number => {
    let index = -1
    let top = 0
    items.forEach((item, i) => {
      const s = score(item)
      if (s > top) {
        top = s
        index = i
      }
    })
    return index
  }
  return {
    http: (request) => {
      const i = best(kept, (k) => urlMatch(request.url, k.url))
      const hit = i < 0 ? undefined : kept.splice(i, 1)[0]
      if (hit !== undefined) {
        answered++
        return Promise.resolve({ status: 200, body: hit.body })
      }
      return new Promise((resolve) => pending.push({ request, resolve }))
    },
    offer: (url, body) => {
      const i = best(pending, (p) => urlMatch(p.request.url, url))
      const hit = i < 0 ? undefined : pending.splice(i, 1)[0]
      if (hit === undefined) {
        kept.push({ url, body })
        return false
      }
      answered++
      hit.resolve({ status: 200, body })
      return true
    },
    get waiting() {
      return pending.map((p) => p.request.url)
    },
    get answered() {
      return answered
    },
  }
}
