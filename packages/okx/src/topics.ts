import type { OkxArg } from './codecs'

/** Channels that carry the user's own account data: one subscription each, routed by channel name alone. */
export const PRIVATE_CHANNELS = ['orders', 'positions', 'account', 'balance_and_position'] as const
export type OkxPrivateChannel = (typeof PRIVATE_CHANNELS)[number]

export const isPrivateChannel = (channel: string): channel is OkxPrivateChannel =>
  (PRIVATE_CHANNELS as readonly string[]).includes(channel)

/**
 * The routing key of a subscription: `channel:instId` for market data (`books:BTC-USDT`), the bare channel for the
 * account channels (`orders`), whose pushes may echo extra fields (`uid`, `instType`) in `arg`.
 */
export const topicOf = (arg: Pick<OkxArg, 'channel' | 'instId'>): string =>
  isPrivateChannel(arg.channel) || arg.instId === undefined ? arg.channel : `${arg.channel}:${arg.instId}`

/** The subscribe argument a topic stands for. Account channels cover every instrument type. */
export const argOf = (topic: string): OkxArg => {
  const colon = topic.indexOf(':')
  if (colon < 0) return topic === 'orders' || topic === 'positions' ? { channel: topic, instType: 'ANY' } : { channel: topic }
  return { channel: topic.slice(0, colon), instId: topic.slice(colon + 1) }
}

const TO_BAR: Readonly<Record<string, string>> = { h: 'H', d: 'D', w: 'W' }
const FROM_BAR: Readonly<Record<string, string>> = { H: 'h', D: 'd', W: 'w' }

/**
 * Unified interval → OKX bar: `1m` → `1m`, `1h` → `1H`, `1d` → `1D`, `1w` → `1W`, `1M` (month) → `1M`.
 * OKX bars (`6Hutc`) pass through unchanged.
 */
export const okxBar = (interval: string): string | undefined => {
  const m = /^(\d+)([smhdwHDWM])(utc)?$/.exec(interval)
  if (m === null) return undefined
  const [, n, unit = '', utc = ''] = m
  return `${n ?? ''}${TO_BAR[unit] ?? unit}${utc}`
}

/** OKX bar → unified interval (`1H` → `1h`, `1D` → `1d`); `utc` variants keep their OKX name (`1Dutc`). */
export const intervalOf = (bar: string): string => {
  const m = /^(\d+)([smHDWM])$/.exec(bar)
  if (m === null) return bar
  const [, n, unit = ''] = m
  return `${n ?? ''}${FROM_BAR[unit] ?? unit}`
}
