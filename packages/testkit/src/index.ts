/**
 * `@iupkit/testkit`: the storage conformance suite every adapter runs, fixtures, and fast-check
 * arbitraries for domain objects and whole worlds.
 *
 * @since 0.1.0
 */
export * from "./conformance/index.js"
export * from "./fixtures.js"
export * from "./arbitraries.js"
export * from "./world.js"
