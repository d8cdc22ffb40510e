/**
 * @packageDocumentation
 * @tributary/kucoin. Filled by its own issue; exports nothing yet.
 */
export {}
