/**
 * @packageDocumentation
 * @tributary/weex: the Weex contract V3 (USDT-M perpetuals) venue: public ticker, depth, trades and klines,
 * private orders, fills, positions and account over signed upgrade headers.
 */
export { createWeex, weex, weexBookRules, type WeexOptions } from './adapter'
export { privateHeaders, weexSign } from './auth'
export { WEEX_CLOSE_INVALID_REQUESTS, weexCloseError } from './close'
export { decodeFrame, pongFrame, requestFrame, type WeexFrame, type WeexPush } from './codecs'
export { createInterpreter, type InterpreterOptions, type WeexInterpret } from './interpreter'
export { PONG_ID_BASE } from './mappers'
export { DEPTH_CHANNELS, WEEX_INTERVALS, WEEX_LIMITS, createChannelsFor } from './planner'
export { loadInstruments, toInstrument, weexSymbols } from './symbols'
export { WEEX_PRIVATE_SIGN_PATH, WEEX_URLS, weexUrlsAt, type WeexUrls } from './urls'
