/**
 * `@iupkit/store-sql`: every storage port and the directory on @effect/sql and Kysely, shared by
 * the SQLite and PostgreSQL adapters.
 *
 * @since 0.1.0
 */
export * from "./Dialect.js"
export * from "./Faults.js"
export * from "./Migrations.js"
export * from "./SqlStorage.js"
export * from "./Tables.js"
