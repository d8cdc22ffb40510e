/**
 * @packageDocumentation
 * @tributary/weex. Filled by its own issue; exports nothing yet.
 */
export {}
