/**
 * Real databases for the reliability tests: a SQLite file in a temporary folder, or a PostgreSQL
 * schema of its own (only when IUPKIT_TEST_POSTGRES_URL is set), each with the statement-fault
 * wrapper between the stores and the client. The schema and the folder are removed when the
 * scope closes.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql/SqlClient"
import { type Roster, DirectoryWriter } from "@iupkit/core"
import {
  layerIupServices,
  layerRandomIds,
  layerSiteConfig,
  type SiteConfigOptions
} from "@iupkit/services"
import {
  layerSqlStorage,
  layerStatementFaults,
  makeStatementFaults,
  postgresDialect,
  sqliteDialect,
  type StatementFaults,
  type StorageServices
} from "@iupkit/store-sql"
import { PostgresStorage } from "@iupkit/store-postgres"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Effect, Layer, ManagedRuntime } from "effect"

/** The PostgreSQL URL of the test server, or undefined when those tests skip. */
export const postgresUrl: string | undefined = process.env.IUPKIT_TEST_POSTGRES_URL || undefined

/** Which databases a test runs on: SQLite always, PostgreSQL when configured. */
export const backends: ReadonlyArray<"sqlite" | "postgres"> = postgresUrl === undefined ? ["sqlite"] : ["sqlite", "postgres"]

let schemaCounter = 0

/** A storage layer of the given kind with its fault plan, and a way to remove what it made. */
export interface TestDatabase {
  readonly kind: "sqlite" | "postgres"
  readonly faults: StatementFaults
  readonly layer: Layer.Layer<StorageServices | SqlClient, unknown>
  /** Removes the SQLite folder; a PostgreSQL schema is dropped by the layer's own finalizer. */
  readonly cleanUp: () => void
  /** Another client on the same file or schema, with connections of its own and no faults. */
  readonly connectAgain: () => Layer.Layer<StorageServices | SqlClient, unknown>
  /** The SQLite file; undefined for PostgreSQL. */
  readonly filename: string | undefined
}

const sqliteDatabase = (): TestDatabase => {
  const folder = mkdtempSync(join(tmpdir(), "iupkit-reliability-"))
  const filename = join(folder, "iup.db")
  const faults = makeStatementFaults()
  const client = Layer.provideMerge(layerStatementFaults(faults), SqliteStorage.layerClient({ filename }))
  return {
    kind: "sqlite",
    filename,
    faults,
    layer: Layer.provideMerge(layerSqlStorage(sqliteDialect), client),
    cleanUp: () => rmSync(folder, { recursive: true, force: true }),
    connectAgain: () => Layer.provideMerge(layerSqlStorage(sqliteDialect), SqliteStorage.layerClient({ filename, busyTimeoutMillis: 20_000 }))
  }
}

const postgresDatabase = (url: string): TestDatabase => {
  schemaCounter += 1
  const schema = `iupkit_reliability_${process.pid}_${schemaCounter}`
  const faults = makeStatementFaults()
  const baseClient = PostgresStorage.layerClient({ url, schema, maxConnections: 8 })
  // Runs before the pool closes, because layers release in the reverse order of building.
  const dropSchema = Layer.scopedDiscard(
    Effect.flatMap(SqlClient, (sql) =>
      Effect.addFinalizer(() => Effect.ignore(sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))))
  )
  const client = Layer.provideMerge(layerStatementFaults(faults), Layer.provideMerge(dropSchema, baseClient))
  return {
    kind: "postgres",
    filename: undefined,
    faults,
    layer: Layer.provideMerge(layerSqlStorage(postgresDialect), client),
    cleanUp: () => {},
    connectAgain: () => Layer.provideMerge(layerSqlStorage(postgresDialect), PostgresStorage.layerClient({ url, schema, maxConnections: 4 }))
  }
}

/** A fresh, empty database of the given kind. */
export const makeDatabase = (kind: "sqlite" | "postgres"): TestDatabase => {
  if (kind === "sqlite") return sqliteDatabase()
  if (postgresUrl === undefined) throw new Error("IUPKIT_TEST_POSTGRES_URL is not set")
  return postgresDatabase(postgresUrl)
}

/** The services over a storage layer. */
export const servicesOn = (storage: Layer.Layer<StorageServices | SqlClient, unknown>, config: SiteConfigOptions = {}) =>
  ManagedRuntime.make(Layer.provideMerge(layerIupServices, Layer.mergeAll(storage, layerRandomIds, layerSiteConfig(config))))

/** The services over a test database, with the given roster written into its directory. */
export const servicesOver = async (database: TestDatabase, roster: Roster, config: SiteConfigOptions = {}) => {
  const runtime = servicesOn(database.layer, config)
  await runtime.runPromise(Effect.flatMap(DirectoryWriter, (writer) => writer.replace(roster)))
  return runtime
}

/** Every table of the database, its rows sorted, so two snapshots compare by value. */
export const snapshotTables = Effect.gen(function*() {
  const sql = yield* SqlClient
  const tables = yield* sql.onDialectOrElse({
    sqlite: () => sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    orElse: () => sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
  })
  const snapshot: Record<string, ReadonlyArray<string>> = {}
  for (const { name } of tables) {
    const rows = yield* sql.unsafe<Record<string, unknown>>(`SELECT * FROM "${name}"`)
    snapshot[name] = rows.map((row) => JSON.stringify(row, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString("base64") : value))).sort()
  }
  return snapshot
})
