import { PgClient } from "@effect/sql-pg"
import { SqlClient } from "@effect/sql/SqlClient"
import { PostgresStorage } from "@iupkit/store-postgres"
import { runStorageConformance } from "@iupkit/testkit"
import { Effect, Redacted } from "effect"
import { afterAll, describe, it } from "vitest"

// Every Postgres test lives in this file, so a run without a server prints exactly one line.
const url = process.env.IUPKIT_TEST_POSTGRES_URL

const runSchema = `iupkit_test_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`

const dropSchemas = (prefix: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const rows = yield* sql.unsafe<{ nspname: string }>("select nspname from pg_namespace where nspname like $1", [`${prefix}%`])
    for (const row of rows) yield* sql.unsafe(`DROP SCHEMA IF EXISTS "${row.nspname}" CASCADE`)
  }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(url!) })), Effect.scoped)

if (url === undefined) {
  console.log("PostgreSQL tests skipped: set IUPKIT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them")
  describe.skip("postgres", () => {
    it("needs IUPKIT_TEST_POSTGRES_URL", () => {})
  })
} else {
  afterAll(() => Effect.runPromise(dropSchemas(runSchema)))

  runStorageConformance("postgres", PostgresStorage.layer({ url, schema: `${runSchema}_conformance`, maxConnections: 4 }))
}
