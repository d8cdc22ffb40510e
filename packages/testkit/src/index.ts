/**
 * @packageDocumentation
 * @tributary/testkit. Filled by its own issue; exports nothing yet.
 */
export {}
