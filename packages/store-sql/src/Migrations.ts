/**
 * Ordered, versioned schema migrations. The `schema_version` table records each applied version,
 * so running the migrations again applies only the missing ones. A database whose schema is newer
 * than this code is rejected before anything is touched.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { DateTime, Effect, Schema } from "effect"
import type { Db, SqlDialect } from "./Dialect.js"
import { storageError } from "./internal/errors.js"
import { createSchemaV1 } from "./internal/schemaV1.js"
import type { StorageError } from "@iupkit/core"

/**
 * One schema change. `up` runs inside the migration transaction.
 *
 * @category migrations
 * @since 0.1.0
 */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly up: (db: Db, dialect: SqlDialect) => Effect.Effect<void, unknown, SqlClient>
}

/**
 * Every migration, in the order they apply.
 *
 * @category migrations
 * @since 0.1.0
 */
export const migrations: ReadonlyArray<Migration> = [
  { version: 1, name: "create the iupkit schema", up: createSchemaV1 }
]

/**
 * The schema version this code writes and reads.
 *
 * @category migrations
 * @since 0.1.0
 */
export const latestSchemaVersion: number = migrations[migrations.length - 1]!.version

/**
 * The database was migrated by a newer iupkit than this one; opening it could corrupt data the
 * older code does not understand.
 *
 * @category errors
 * @since 0.1.0
 */
export class SchemaTooNewError extends Schema.TaggedError<SchemaTooNewError>("iupkit/SchemaTooNewError")(
  "SchemaTooNewError",
  { databaseVersion: Schema.Number, codeVersion: Schema.Number }
) {
  override get message(): string {
    return `The database schema is at version ${this.databaseVersion}, but this iupkit code supports versions up to ${this.codeVersion}; upgrade @iupkit/store-sql before opening this database`
  }
}

/**
 * The schema version a database is at, 0 when it was never migrated.
 *
 * @category migrations
 * @since 0.1.0
 */
export const currentSchemaVersion = (dialect: SqlDialect): Effect.Effect<number, StorageError, SqlClient> =>
  Effect.gen(function*() {
    const db = yield* dialect.makeKysely
    yield* createVersionTable(db)
    const rows = yield* db.selectFrom("schema_version").select((eb) => eb.fn.max("version").as("version"))
    return Number(rows[0]?.version ?? 0)
  }).pipe(Effect.mapError(storageError("migrate")))

const createVersionTable = (db: Db) =>
  db.schema
    .createTable("schema_version")
    .ifNotExists()
    .addColumn("version", "integer", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("applied_at", "text", (column) => column.notNull())

/**
 * Applies the missing migrations in order, in one transaction, and returns the versions applied.
 * Fails with {@link SchemaTooNewError} when the database is ahead of this code.
 *
 * @category migrations
 * @since 0.1.0
 */
export const migrate = (
  dialect: SqlDialect,
  all: ReadonlyArray<Migration> = migrations
): Effect.Effect<ReadonlyArray<number>, SchemaTooNewError | StorageError, SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const db = yield* dialect.makeKysely
    const codeVersion = all.length === 0 ? 0 : all[all.length - 1]!.version

    const run = Effect.gen(function*() {
      if (dialect.migrationLockStatement !== null) yield* sql.unsafe(dialect.migrationLockStatement)
      yield* createVersionTable(db)
      const rows = yield* db.selectFrom("schema_version").select((eb) => eb.fn.max("version").as("version"))
      const databaseVersion = Number(rows[0]?.version ?? 0)
      if (databaseVersion > codeVersion) return yield* new SchemaTooNewError({ databaseVersion, codeVersion })

      const applied: Array<number> = []
      for (const migration of all) {
        if (migration.version <= databaseVersion) continue
        yield* migration.up(db, dialect)
        const now = yield* DateTime.now
        yield* db
          .insertInto("schema_version")
          .values({ version: migration.version, name: migration.name, applied_at: DateTime.formatIso(now) })
        applied.push(migration.version)
      }
      return applied as ReadonlyArray<number>
    })

    return yield* sql.withTransaction(run).pipe(
      Effect.mapError((error) => (error instanceof SchemaTooNewError ? error : storageError("migrate")(error)))
    )
  }).pipe(Effect.withSpan("SqlStorage.migrate", { attributes: { dialect: dialect.name } }))
