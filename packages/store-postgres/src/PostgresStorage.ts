/**
 * PostgreSQL storage: every store port, the transactor and the directory in one PostgreSQL schema,
 * through a connection pool.
 *
 * @since 0.1.0
 */
import { PgClient } from "@effect/sql-pg"
import { SqlClient } from "@effect/sql/SqlClient"
import { StorageError } from "@iupkit/core"
import { layerSqlStorage, postgresDialect, type SchemaTooNewError, type StorageServices } from "@iupkit/store-sql"
import { Effect, Layer, Redacted } from "effect"

/**
 * Configuration of a PostgreSQL database.
 *
 * @category models
 * @since 0.1.0
 */
export interface PostgresStorageConfig {
  /** Connection URL, such as `postgres://user@127.0.0.1:5432/iup`. */
  readonly url: string | Redacted.Redacted
  /**
   * Schema holding iupkit's tables, created when missing (default: the connection's search path,
   * usually `public`). Letters, digits and underscores, starting with a letter or underscore.
   */
  readonly schema?: string
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number
  /** Whether to apply missing migrations when the layer is built (default true). */
  readonly migrate?: boolean
}

const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

// Every pooled connection starts with the schema first on its search path, so the stores' unqualified
// table names resolve there.
const urlWithSearchPath = (url: string, schema: string): string => {
  const parsed = new URL(url)
  const existing = parsed.searchParams.get("options")
  parsed.searchParams.set("options", `${existing === null ? "" : `${existing} `}-c search_path=${schema}`)
  return parsed.toString()
}

/**
 * A SQL client for the database, with the schema created and first on every connection's search
 * path.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerClient = (config: PostgresStorageConfig): Layer.Layer<SqlClient, StorageError> => {
  const url = Redacted.isRedacted(config.url) ? Redacted.value(config.url) : config.url
  const schema = config.schema
  if (schema !== undefined && !schemaPattern.test(schema)) {
    return Layer.fail(
      new StorageError({
        operation: "PostgresStorage.open",
        reason: `invalid schema name ${JSON.stringify(schema)}: use 1 to 63 letters, digits or underscores, starting with a letter or underscore`
      })
    )
  }
  const pool = PgClient.layer({
    url: Redacted.make(schema === undefined ? url : urlWithSearchPath(url, schema)),
    maxConnections: config.maxConnections ?? 10
  })
  return Layer.effect(
    SqlClient,
    Effect.gen(function*() {
      const sql = yield* SqlClient
      if (schema !== undefined) yield* sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
      return sql
    })
  ).pipe(
    Layer.provide(pool),
    Layer.catchAll((error) =>
      Layer.fail(
        error instanceof StorageError
          ? error
          : new StorageError({ operation: "PostgresStorage.open", reason: error.message })
      )
    )
  )
}

/**
 * Every store, the transactor and the directory in a PostgreSQL schema, migrated to the code's
 * schema version when built (unless `migrate` is false).
 *
 * @example
 * ```ts
 * const storage = PostgresStorage.layer({ url: process.env.DATABASE_URL!, schema: "iupkit" })
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (config: PostgresStorageConfig): Layer.Layer<StorageServices, StorageError | SchemaTooNewError> =>
  layerSqlStorage(postgresDialect, config.migrate === undefined ? {} : { migrate: config.migrate }).pipe(
    Layer.provide(layerClient(config))
  )
