/**
 * `@iupkit/testkit/arbitraries`: the arbitraries and fixtures without the conformance suite, for
 * code that runs outside vitest (importing vitest anywhere else throws).
 *
 * @since 0.1.0
 */
export * from "./arbitraries.js"
export * from "./fixtures.js"
export * from "./world.js"
