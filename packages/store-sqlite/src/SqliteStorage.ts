/**
 * SQLite storage: every store port, the transactor and the directory in one SQLite file (or in
 * memory), through better-sqlite3. The file runs in WAL mode with foreign keys on and a busy
 * timeout, so several processes can share it.
 *
 * @since 0.1.0
 */
import { SqliteClient } from "@effect/sql-sqlite-node"
import { SqlClient } from "@effect/sql/SqlClient"
import { StorageError } from "@iupkit/core"
import { layerSqlStorage, type SchemaTooNewError, sqliteDialect, type StorageServices } from "@iupkit/store-sql"
import { Cause, Effect, Layer } from "effect"

/**
 * Configuration of a SQLite database.
 *
 * @category models
 * @since 0.1.0
 */
export interface SqliteStorageConfig {
  /** Path of the database file, created when missing, or ":memory:" for a private in-memory database. */
  readonly filename: string
  /** How long a statement waits for another connection's write lock before failing, in milliseconds (default 5000). */
  readonly busyTimeoutMillis?: number
  /** Whether to apply missing migrations when the layer is built (default true). */
  readonly migrate?: boolean
}

/**
 * A SQL client for the file, with the connection settings iupkit relies on: WAL journal (which
 * lets readers run beside one writer), foreign keys on, and a busy timeout.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerClient = (config: SqliteStorageConfig): Layer.Layer<SqlClient, StorageError> =>
  Layer.effect(
    SqlClient,
    Effect.gen(function*() {
      const sql = yield* SqlClient
      // Each client has a single connection, so these per-connection settings last its lifetime.
      yield* sql.unsafe("PRAGMA foreign_keys = ON")
      yield* sql.unsafe(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(config.busyTimeoutMillis ?? 5000))}`)
      return sql
    })
  ).pipe(
    Layer.provide(SqliteClient.layer({ filename: config.filename })),
    // better-sqlite3 throws when it cannot open the file (a missing directory, no permission), and
    // the throw surfaces as a defect. Here it always means bad configuration, so it becomes an error.
    Layer.catchAllCause((cause) => {
      const error = Cause.squash(cause)
      const reason = error instanceof Error ? error.message : String(error)
      return Layer.fail(
        new StorageError({ operation: "SqliteStorage.open", reason: `cannot open ${config.filename}: ${reason}; check the path and its permissions` })
      )
    })
  )

/**
 * Every store, the transactor and the directory in a SQLite database, migrated to the code's
 * schema version when built (unless `migrate` is false).
 *
 * @example
 * ```ts
 * const program = Effect.flatMap(PlanStore, (plans) => plans.get(planId))
 * Effect.runPromise(Effect.provide(program, SqliteStorage.layer({ filename: "iup.db" })))
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (config: SqliteStorageConfig): Layer.Layer<StorageServices, StorageError | SchemaTooNewError> =>
  layerSqlStorage(sqliteDialect, config.migrate === undefined ? {} : { migrate: config.migrate }).pipe(
    Layer.provide(layerClient(config))
  )
