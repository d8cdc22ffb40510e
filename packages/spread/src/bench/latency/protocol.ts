import type { PumpKind } from './bench-scripts'

/** The benchmark venues served by the simulator process. */
export const SIM_VENUES = ['okx', 'kucoin', 'weex'] as const
export type SimVenue = (typeof SIM_VENUES)[number]

export interface SimEndpoints {
  readonly wsBase: string
  readonly httpBase: string
}

/** Parent → simulator process. */
export type SimCommand =
  /** `paced`: each frame on its own slot (spins a core while it runs); else every 1 ms timer tick sends what is due. */
  | { readonly type: 'pump'; readonly kind: PumpKind; readonly rate: number; readonly durationMs: number; readonly paced?: boolean }
  | { readonly type: 'drop' }
  /** Ends every running pump now (each still answers `pumped`). */
  | { readonly type: 'halt' }
  | { readonly type: 'stats' }
  | { readonly type: 'stop' }

export interface VenueStats {
  readonly connections: number
  readonly open: number
  /** Client → server frames received (subscribes, pings). */
  readonly received: number
  /** Per connection ever accepted: subscribe requests, and channels they named. */
  readonly perConnection: readonly { readonly subscribeOps: number; readonly channels: number }[]
}

/** Simulator process → parent. */
export type SimReply =
  | { readonly type: 'ready'; readonly endpoints: Readonly<Record<SimVenue, SimEndpoints>> }
  /** `stalls`: times a paced sender reached slots over 1 ms late, and skipped the `skipped` frames of those slots. */
  | { readonly type: 'pumped'; readonly sent: Readonly<Record<SimVenue, number>>; readonly stalls: number; readonly skipped: number }
  | { readonly type: 'dropped'; readonly count: number }
  | { readonly type: 'halted'; readonly pumps: number }
  | { readonly type: 'stats'; readonly venues: Readonly<Record<SimVenue, VenueStats>> }
