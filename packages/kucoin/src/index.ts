/**
 * @packageDocumentation
 * @tributary/kucoin: KuCoin classic spot (bullet-token WebSocket) mapped onto Tributary's model.
 */
export { createKucoin, kucoin, type KucoinOptions } from './adapter'
export { hmacBase64, signHeaders, type KucoinKeyVersion, type SignRequest } from './auth'
export { codecFor, type KucoinFrame } from './codecs'
export { fetchToken, type KucoinToken } from './token'
export { createKucoinSymbols, DEFAULT_ALIASES, type CurrencyAliases, type KucoinSymbols } from './symbols'
export { toRestSnapshot, KucoinRestBook } from './snapshot'
export { KUCOIN_URLS, KUCOIN_PATHS, type KucoinUrls } from './urls'
export { TOPICS } from './planner'
