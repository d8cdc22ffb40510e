/**
 * @packageDocumentation
 * @tributary/okx: the OKX V5 WebSocket venue (public, business and private sockets) for Tributary.
 */
export { createOkx, okx, type OkxOptions } from './adapter'
export { hmacBase64, loginFrame, loginPrehash } from './auth'
export { crc32, checksumText, okxChecksum } from './checksum'
export { codecFor, type OkxFrame } from './codecs'
export { decodeOkx } from './decode'
export { loadInstruments, parseInstruments, toInstrument, OkxInstrument } from './instruments'
export { createInterpreter, interpret, AUTH_ERROR_CODES, type OkxInterpret } from './mappers'
export { ORDER_STATUS } from './private-mappers'
export { createOrderEntry, type OkxOrderEntry, type OkxOrderResult, type RequestPort } from './orders'
export { OKX_GROUPS, OKX_LIMITS, channelsFor, subscribeFrame, unsubscribeFrame } from './planner'
export { fromOkxSymbol, okxSymbols, toOkxSymbol } from './symbols'
export { OKX_URLS, okxUrls, type OkxEnv, type OkxUrls } from './urls'
