import * as E from 'fp-ts/Either'
import { ConnectionClosedError } from '../../errors'
import type { BookRules } from '../../venue'
import { createBookMachine } from '../machine'
import { chainedSequence, contiguousRange } from '../sequence'
import type { BookEffect, BookInput, BookMachine } from '../types'
import { channel, settled, toyChecksum } from './events'

/** One effect as a short string, so tables stay readable. */
export const describeEffect = (effect: BookEffect): string => {
  switch (effect.type) {
    case 'book':
      return `book ${effect.book.bestBid?.[0] ?? '-'}/${effect.book.bestAsk?.[0] ?? '-'}`
    case 'state':
      return `${effect.state.previous ?? '?'}→${effect.state.state} (${effect.state.reason})`
    case 'resubscribe':
      return `resubscribe ${effect.reason} #${effect.attempt}`
    case 'fetch-snapshot':
      return `fetch #${effect.attempt}${effect.reason === undefined ? '' : ` ${effect.reason}`}`
  }
}

export const streamRules: BookRules = { sequence: chainedSequence, checksum: toyChecksum, snapshot: { source: 'stream' } }

export const restRules: BookRules = {
  sequence: contiguousRange,
  snapshot: { source: 'rest', fetch: () => settled(E.left(new ConnectionClosedError('test', 'rest', undefined, 'not fetched by the machine'))) },
}

export const machineWith = (rules: BookRules, clock = { t: 0 }): BookMachine =>
  createBookMachine({ venue: 'test', symbol: 'BTC/USDT', channel, rules, now: () => clock.t })

/** Feeds every input and returns the effects of each, described. */
export const feed = (machine: BookMachine, inputs: readonly BookInput[]): string[][] =>
  inputs.map((input) => machine.handle(input).map(describeEffect))

/** Feeds every input and returns the described effects of the last one. */
export const last = (machine: BookMachine, inputs: readonly BookInput[]): string[] => feed(machine, inputs).at(-1) ?? []
