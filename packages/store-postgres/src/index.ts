/**
 * `@iupkit/store-postgres`: every storage port in PostgreSQL, for production.
 *
 * @since 0.1.0
 */
export * as PostgresStorage from "./PostgresStorage.js"
export type { PostgresStorageConfig } from "./PostgresStorage.js"
