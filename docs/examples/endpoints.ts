import type { Venue } from '@tributary/core'
import { createKucoin } from '@tributary/kucoin'
import { createOkx } from '@tributary/okx'
import { createWeex, weexUrlsAt } from '@tributary/weex'

/** Where a proxy, a recorder or a simulator listens: a WebSocket base and a REST base per venue. */
export interface Hosts {
  readonly okx: { readonly ws: string; readonly rest: string }
  readonly kucoin: { readonly rest: string }
  readonly weex: { readonly ws: string; readonly rest: string }
}

/** The three venues pointed at other hosts: every URL is an option, nothing else changes. */
export const venuesAt = (hosts: Hosts): readonly Venue[] => [
  // `wsBase` gets /public, /private and /business appended; `urls` overrides single entries.
  createOkx({ wsBase: hosts.okx.ws, urls: { rest: hosts.okx.rest } }),
  // KuCoin's socket URL comes with its bullet token, from the REST host.
  createKucoin({ urls: { rest: hosts.kucoin.rest } }),
  // Weex's table laid out under one host: /v3/ws/public, /v3/ws/private and the REST base.
  createWeex({ urls: weexUrlsAt(hosts.weex.ws, hosts.weex.rest) }),
]
