/**
 * Dialect capabilities: the differences between the databases iupkit runs on, declared as data.
 * The shared stores read these records instead of branching on the database's name, so a new
 * dialect is one more record.
 *
 * @since 0.1.0
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import * as PgKysely from "@effect/sql-kysely/Pg"
import * as SqliteKysely from "@effect/sql-kysely/Sqlite"
import type { Effect } from "effect"
import type { Database } from "./Tables.js"
import type { EffectKysely } from "@effect/sql-kysely/Sqlite"

/**
 * A Kysely instance that runs its queries through an @effect/sql client.
 *
 * @category dialects
 * @since 0.1.0
 */
export type Db = EffectKysely<Database>

/**
 * The capabilities and DDL types of one database.
 *
 * @category dialects
 * @since 0.1.0
 */
export interface SqlDialect {
  /** A name for spans and error messages. */
  readonly name: string
  /** Bound parameters one statement may carry; bulk writes are split to stay below it. */
  readonly maxBindParameters: number
  /**
   * Whether INSERT, UPDATE and DELETE accept RETURNING. The stores need it: a guarded update
   * learns from the returned rows whether it matched, because @effect/sql reports no row count.
   */
  readonly supportsReturning: boolean
  /** Column type of binary data. */
  readonly binaryType: "blob" | "bytea"
  /** Column type of an integer key the database numbers itself. */
  readonly autoIncrementType: "integer" | "bigserial"
  /**
   * A statement that takes the write lock as the first step of a write transaction, or null when
   * the first write takes it without risk. SQLite needs one: @effect/sql-sqlite-node begins
   * transactions with a deferred BEGIN, and a transaction that reads before writing fails with
   * SQLITE_BUSY, without waiting, when another connection wrote in between.
   */
  readonly writeLockStatement: string | null
  /**
   * A statement that serialises concurrent migration runs inside their transaction, or null when
   * the write lock already does.
   */
  readonly migrationLockStatement: string | null
  /**
   * Statements that make a table reject UPDATE and DELETE, so the audit log stays append-only even
   * for code that bypasses the stores.
   */
  readonly appendOnlyStatements: (table: string) => ReadonlyArray<string>
  /** Builds the query builder over the current SQL client. */
  readonly makeKysely: Effect.Effect<Db, never, SqlClient>
}

/**
 * SQLite 3.35 or newer (RETURNING). better-sqlite3 12.11.1 bundles SQLite 3.53.2 compiled with the
 * default SQLITE_MAX_VARIABLE_NUMBER of 32,766.
 *
 * @category dialects
 * @since 0.1.0
 */
export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  maxBindParameters: 32_766,
  supportsReturning: true,
  binaryType: "blob",
  autoIncrementType: "integer",
  // A guarded update matching no row still takes the write lock, and changes nothing.
  writeLockStatement: "UPDATE schema_version SET version = version WHERE 0 = 1",
  migrationLockStatement: null,
  appendOnlyStatements: (table) =>
    ["UPDATE", "DELETE"].map((operation) =>
      `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`
    ),
  makeKysely: SqliteKysely.make<Database>()
}

/**
 * PostgreSQL (tested with version 15). The wire protocol counts bind parameters in 16 bits, so one
 * statement carries at most 65,535.
 *
 * @category dialects
 * @since 0.1.0
 */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  maxBindParameters: 65_535,
  supportsReturning: true,
  binaryType: "bytea",
  autoIncrementType: "bigserial",
  writeLockStatement: null,
  // Two processes starting at once would otherwise both see an old version and both migrate.
  migrationLockStatement: "SELECT pg_advisory_xact_lock(7134001)",
  appendOnlyStatements: (table) => [
    `CREATE FUNCTION ${table}_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_reject_change()`
  ],
  makeKysely: PgKysely.make<Database>()
}
