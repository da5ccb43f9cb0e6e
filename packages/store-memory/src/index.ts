/**
 * `@iupkit/store-memory`: every storage port held in memory, for tests and demos.
 *
 * @since 0.1.0
 */
export * from "./MemoryStorage.js"
