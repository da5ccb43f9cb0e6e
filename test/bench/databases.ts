/**
 * Opens the benchmark databases: a SQLite file through the SQLite adapter's client, or a private
 * schema in PostgreSQL through @effect/sql-pg. Each gives one SQL client layer, shared by the
 * services and the hand-written baselines so both run on the same driver and connection.
 */
import { PgClient } from "@effect/sql-pg"
import { SqlClient } from "@effect/sql/SqlClient"
import { layerIupServices, layerRandomIds, type IupServices } from "@iupkit/services"
import { type Db, layerSqlStorage, postgresDialect, type SqlDialect, sqliteDialect, type StorageServices } from "@iupkit/store-sql"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { mkdirSync, rmSync } from "node:fs"
import { dirname } from "node:path"
import { generateMunicipality, type MunicipalitySize, type RowCounts } from "./generate.js"

/** Where a benchmark database lives. */
export type Target =
  | { readonly _tag: "sqlite"; readonly filename: string }
  | { readonly _tag: "postgres"; readonly url: string; readonly schema: string }

/** The dialect of a target. */
export const dialectOf = (target: Target): SqlDialect => (target._tag === "sqlite" ? sqliteDialect : postgresDialect)

/** A URL whose connections use the schema first, so the unqualified table names resolve there. */
const urlWithSchema = (url: string, schema: string): string => {
  const parsed = new URL(url)
  parsed.searchParams.set("options", `-c search_path=${schema}`)
  return parsed.toString()
}

const adminClient = (url: string) => PgClient.layer({ url: Redacted.make(url), maxConnections: 1 })

/** The SQL client of a target; for PostgreSQL a small pool, as a host would run. */
export const clientLayer = (target: Target): Layer.Layer<SqlClient, unknown> =>
  target._tag === "sqlite"
    ? SqliteStorage.layerClient({ filename: target.filename })
    : PgClient.layer({ url: Redacted.make(urlWithSchema(target.url, target.schema)), maxConnections: 4 })

/** Removes the target's data: deletes the SQLite file, or drops and recreates the schema. */
export const resetTarget = (target: Target): Promise<void> => {
  if (target._tag === "sqlite") {
    mkdirSync(dirname(target.filename), { recursive: true })
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${target.filename}${suffix}`, { force: true })
    return Promise.resolve()
  }
  return Effect.runPromise(
    Effect.gen(function*() {
      const sql = yield* SqlClient
      yield* sql.unsafe(`DROP SCHEMA IF EXISTS ${target.schema} CASCADE`)
      yield* sql.unsafe(`CREATE SCHEMA ${target.schema}`)
    }).pipe(Effect.provide(adminClient(target.url)))
  )
}

/** Drops a PostgreSQL target's schema; a SQLite file is kept for inspection. */
export const dropTarget = async (target: Target): Promise<void> => {
  if (target._tag === "sqlite") return
  await Effect.runPromise(
    Effect.flatMap(SqlClient, (sql) => sql.unsafe(`DROP SCHEMA IF EXISTS ${target.schema} CASCADE`)).pipe(
      Effect.provide(adminClient(target.url))
    )
  )
}

/** Empties the target and writes a municipality into it, returning the row counts. */
export const generateInto = async (target: Target, size: MunicipalitySize, seed: number): Promise<RowCounts> => {
  await resetTarget(target)
  const dialect = dialectOf(target)
  return Effect.runPromise(
    Effect.gen(function*() {
      const sql = yield* SqlClient
      const db = yield* dialect.makeKysely
      return yield* generateMunicipality(db, dialect, sql, size, seed)
    }).pipe(Effect.provide(clientLayer(target)), Effect.scoped) as Effect.Effect<RowCounts>
  )
}

/** Everything a scenario runs against: services, storage, the raw client and its query builder. */
export type BenchServices = IupServices | StorageServices | SqlClient

/** A runtime of the services over a target, with the raw SQL client beside them. */
export const openRuntime = (target: Target) => {
  const dialect = dialectOf(target)
  const storage = Layer.provideMerge(layerSqlStorage(dialect, { migrate: false }), clientLayer(target))
  const ports = Layer.merge(storage, layerRandomIds)
  return ManagedRuntime.make(Layer.provideMerge(layerIupServices, ports) as Layer.Layer<BenchServices, unknown>)
}

/** The Kysely query builder of a target's dialect, over the SQL client in context. */
export const kyselyOf = (target: Target): Effect.Effect<Db, never, SqlClient> => dialectOf(target).makeKysely
