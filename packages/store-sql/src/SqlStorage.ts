/**
 * Every storage port and the directory on @effect/sql, with Kysely building the queries. The
 * SQLite and PostgreSQL packages give this a client and a dialect; a vendor's own database can
 * too, by declaring its {@link SqlDialect}.
 *
 * Conventions: instants are ISO 8601 text in UTC with milliseconds, calendar dates `YYYY-MM-DD`
 * text. Every versioned write is guarded in the database (`UPDATE … WHERE version = ?`), and bulk
 * writes are one transaction of multi-row statements kept below the dialect's parameter limit.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql/SqlClient"
import {
  AssessmentStore,
  AuditLog,
  BlobStore,
  Directory,
  DirectoryWriter,
  DocumentStore,
  EntryStore,
  GradingScaleStore,
  PlanStore,
  StorageError,
  TemplateStore,
  Transactor,
  type TransactorService,
  type StorePorts
} from "@iupkit/core"
import { Context, Effect, Layer } from "effect"
import type { SqlDialect } from "./Dialect.js"
import { makeAssessmentStore, makeGradingScaleStore, makeTemplateStore } from "./internal/catalogStores.js"
import type { SqlContext } from "./internal/context.js"
import { makeDirectory, makeDirectoryWriter } from "./internal/directory.js"
import { makeEntryStore } from "./internal/entryStore.js"
import { storageError } from "./internal/errors.js"
import { makePlanStore } from "./internal/planStore.js"
import { makeAuditLog, makeBlobStore, makeDocumentStore } from "./internal/recordStores.js"
import { currentSchemaVersion, latestSchemaVersion, migrate, SchemaTooNewError } from "./Migrations.js"

/**
 * Every service a storage layer provides: each store, the transactor and both sides of the
 * directory.
 *
 * @category models
 * @since 0.1.0
 */
export type StorageServices =
  | StorePorts
  | Directory
  | DirectoryWriter

const isSqlError = (error: unknown): boolean => (error as { readonly _tag?: unknown } | null)?._tag === "SqlError"

const makeTransactor = (sql: SqlClient): TransactorService => ({
  // @effect/sql rolls back on failure, defect and interruption; a nested call becomes a savepoint
  // inside the outer transaction, which alone commits.
  withTransaction: (effect) =>
    sql.withTransaction(effect).pipe(
      Effect.mapError((error) => (isSqlError(error) ? storageError("Transactor.withTransaction")(error) : error))
    ) as never
})

/**
 * Builds every service over the SQL client in context. The schema must already be migrated.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeSqlStorage = (dialect: SqlDialect): Effect.Effect<Context.Context<StorageServices>, never, SqlClient> =>
  Effect.gen(function*() {
    if (!dialect.supportsReturning) {
      return yield* Effect.dieMessage(
        `The ${dialect.name} dialect declares no RETURNING support, which the SQL stores need to tell whether a guarded update matched`
      )
    }
    const sql = yield* SqlClient
    const db = yield* dialect.makeKysely
    const context: SqlContext = { db, sql, dialect }
    return Context.make(TemplateStore, makeTemplateStore(context)).pipe(
      Context.add(GradingScaleStore, makeGradingScaleStore(context)),
      Context.add(AssessmentStore, makeAssessmentStore(context)),
      Context.add(EntryStore, makeEntryStore(context)),
      Context.add(PlanStore, makePlanStore(context)),
      Context.add(DocumentStore, makeDocumentStore(context)),
      Context.add(BlobStore, makeBlobStore(context)),
      Context.add(AuditLog, makeAuditLog(context)),
      Context.add(Transactor, makeTransactor(sql)),
      Context.add(Directory, makeDirectory(context)),
      Context.add(DirectoryWriter, makeDirectoryWriter(context))
    )
  })

/**
 * Options of {@link layerSqlStorage}.
 *
 * @category models
 * @since 0.1.0
 */
export interface SqlStorageOptions {
  /**
   * Whether to apply missing migrations when the layer is built (default true). With false, the
   * layer fails unless the database is already at the code's schema version.
   */
  readonly migrate?: boolean
}

/**
 * A layer providing every store, the transactor and the directory over the SQL client in context,
 * migrating the schema first unless `migrate` is false.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerSqlStorage = (
  dialect: SqlDialect,
  options: SqlStorageOptions = {}
): Layer.Layer<StorageServices, SchemaTooNewError | StorageError, SqlClient> =>
  Layer.effectContext(
    Effect.gen(function*() {
      if (options.migrate === false) {
        const databaseVersion = yield* currentSchemaVersion(dialect)
        if (databaseVersion > latestSchemaVersion) {
          return yield* new SchemaTooNewError({ databaseVersion, codeVersion: latestSchemaVersion })
        }
        if (databaseVersion < latestSchemaVersion) {
          return yield* new StorageError({
            operation: "open",
            reason: `the database schema is at version ${databaseVersion} but this code needs version ${latestSchemaVersion}; run the migrations first`
          })
        }
      } else {
        yield* migrate(dialect)
      }
      return yield* makeSqlStorage(dialect)
    })
  )
