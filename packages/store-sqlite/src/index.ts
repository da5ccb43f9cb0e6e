/**
 * `@iupkit/store-sqlite`: every storage port in SQLite, the embedded default.
 *
 * @since 0.1.0
 */
export * as SqliteStorage from "./SqliteStorage.js"
export type { SqliteStorageConfig } from "./SqliteStorage.js"
