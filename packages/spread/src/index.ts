/**
 * @packageDocumentation
 * @tributary/spread. Filled by its own issue; exports nothing yet.
 */
export {}
