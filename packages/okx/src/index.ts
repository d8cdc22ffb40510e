/**
 * @packageDocumentation
 * @tributary/okx. Filled by its own issue; exports nothing yet.
 */
export {}
