import * as E from 'fp-ts/Either'
import { ConfigurationError, isFeedError, type FeedError } from '@tributary/core'
import { OkxOpResponse, type OkxOpResult } from './private-codecs'
import type { OkxAmendOrderArg, OkxCancelOrderArg, OkxPlaceOrderArg } from './request-codecs'
import { OKX_GROUPS } from './planner'

/** The part of the feed order entry uses: send a frame built with a request id, await the correlated reply. */
export interface RequestPort {
  request(group: string, build: (requestId: number) => string, options?: { timeoutMs?: number }): Promise<unknown>
}

/** What became of one order operation. */
export type OkxOrderResult =
  /** OKX accepted it (for a placement, the order now exists). */
  | { readonly status: 'accepted'; readonly orderId: string; readonly clientOrderId?: string }
  /** OKX refused it: `code` is `sCode` (`51008` insufficient balance, …) or the request-level code. */
  | { readonly status: 'rejected'; readonly code: string; readonly message: string; readonly clientOrderId?: string }
  /** No reply in time: the order may or may not exist; query before retrying. */
  | { readonly status: 'timeout'; readonly timeoutMs: number }
  /** The request could not be sent or answered (connection closed, malformed reply). */
  | { readonly status: 'error'; readonly error: FeedError | Error }

export interface OrderEntryOptions {
  /** @defaultValue 5_000 */
  readonly timeoutMs?: number
}

/** Order entry over the private socket (`order`, `batch-orders`, `cancel-order`, `amend-order`). */
export interface OkxOrderEntry {
  /** Sizes and prices are decimal strings in OKX's order unit (contracts for derivatives, base for spot). */
  placeOrder(arg: OkxPlaceOrderArg): Promise<OkxOrderResult>
  /** Up to 20 orders; one result per order, in order. */
  placeOrders(args: readonly OkxPlaceOrderArg[]): Promise<readonly OkxOrderResult[]>
  cancelOrder(arg: OkxCancelOrderArg): Promise<OkxOrderResult>
  amendOrder(arg: OkxAmendOrderArg): Promise<OkxOrderResult>
}

/** Orders one `batch-orders` request may carry. */
export const MAX_BATCH = 20

const fromItem = (item: OkxOpResult): OkxOrderResult => {
  const clientOrderId = item.clOrdId === undefined || item.clOrdId === '' ? {} : { clientOrderId: item.clOrdId }
  return item.sCode === '0'
    ? { status: 'accepted', orderId: item.ordId ?? '', ...clientOrderId }
    : { status: 'rejected', code: item.sCode, message: item.sMsg, ...clientOrderId }
}

const isEither = (u: unknown): u is E.Either<unknown, unknown> =>
  typeof u === 'object' && u !== null && '_tag' in u && (u._tag === 'Left' || u._tag === 'Right')

/** Reads a reply: the feed may resolve with the `response` result itself (an Either) or with its right value. */
const toResults = (reply: unknown, expected: number): readonly OkxOrderResult[] => {
  const each = (result: OkxOrderResult): readonly OkxOrderResult[] => Array.from({ length: expected }, () => result)
  if (isEither(reply) && E.isLeft(reply)) return each(fromError(reply.left))
  const decoded = OkxOpResponse.decode(isEither(reply) && E.isRight(reply) ? reply.right : reply)
  if (E.isLeft(decoded)) return each({ status: 'error', error: new Error('okx: malformed trade-op reply') })
  const { data, code, msg } = decoded.right
  return data.length === 0 ? each({ status: 'rejected', code, message: msg }) : data.map(fromItem)
}

const fromError = (error: unknown): OkxOrderResult => {
  if (isFeedError(error)) {
    switch (error.kind) {
      case 'timeout':
        return { status: 'timeout', timeoutMs: error.timeoutMs }
      case 'venue-rejected':
        return { status: 'rejected', code: error.code, message: error.venueMessage }
      default:
        return { status: 'error', error }
    }
  }
  return { status: 'error', error: error instanceof Error ? error : new Error(String(error)) }
}

/**
 * Builds order entry on a feed's private connection. Every request carries an id; the reply with that id resolves it.
 * @example const entry = createOrderEntry(feed); await entry.placeOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '30000', sz: '0.01' })
 */
export const createOrderEntry = (port: RequestPort, options: OrderEntryOptions = {}): OkxOrderEntry => {
  const { timeoutMs = 5_000 } = options
  const send = async (op: string, args: readonly object[]): Promise<readonly OkxOrderResult[]> => {
    try {
      const reply = await port.request(OKX_GROUPS.private, (id) => JSON.stringify({ id: String(id), op, args }), { timeoutMs })
      return toResults(reply, args.length)
    } catch (error) {
      return args.map(() => fromError(error))
    }
  }
  const first = (results: readonly OkxOrderResult[]): OkxOrderResult => results[0] ?? { status: 'error', error: new Error('okx: empty trade-op reply') }
  return {
    placeOrder: async (arg) => first(await send('order', [arg])),
    placeOrders: async (args) => {
      if (args.length > MAX_BATCH) return args.map(() => ({ status: 'error', error: new ConfigurationError('okx', `batch-orders takes at most ${MAX_BATCH} orders, got ${args.length}`) }))
      return args.length === 0 ? [] : send('batch-orders', args)
    },
    cancelOrder: async (arg) => first(await send('cancel-order', [arg])),
    amendOrder: async (arg) => first(await send('amend-order', [arg])),
  }
}
