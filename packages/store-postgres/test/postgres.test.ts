import { PgClient } from "@effect/sql-pg"
import { SqlClient } from "@effect/sql/SqlClient"
import {
  type AssessmentId,
  AssessmentStore,
  type CourseId,
  EntryStore,
  type PersonId,
  type PlanId,
  PlanStore,
  type Version
} from "@iupkit/core"
import { postgresDialect } from "@iupkit/store-sql"
import { PostgresStorage } from "@iupkit/store-postgres"
import { assessmentFixture, planFixture, runStorageConformance } from "@iupkit/testkit"
import { expect, it as effectIt } from "@effect/vitest"
import { DateTime, Effect, Option, Redacted } from "effect"
import { afterAll, describe, it } from "vitest"
import { explainScenarios, faultScenarios, type Harness, migrationScenarios } from "../../store-sql/test/scenarios.js"

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

  let schemas = 0
  const harness: Harness = {
    dialect: postgresDialect,
    freshClient: () => PostgresStorage.layerClient({ url, schema: `${runSchema}_${++schemas}`, maxConnections: 4 }),
    fullScans: (sql, params) =>
      Effect.gen(function*() {
        const client = yield* SqlClient
        const rows = yield* client.unsafe<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)
        const scans: Array<string> = []
        const visit = (node: Record<string, unknown>) => {
          if (node["Node Type"] === "Seq Scan") scans.push(String(node["Relation Name"]))
          for (const child of (node["Plans"] as Array<Record<string, unknown>> | undefined) ?? []) visit(child)
        }
        const plan = rows[0]!["QUERY PLAN"]
        const document = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{ Plan: Record<string, unknown> }>
        visit(document[0]!.Plan)
        return scans
      }),
    analyze: Effect.flatMap(SqlClient, (client) => client.unsafe("ANALYZE"))
  }

  describe("postgres migrations", () => migrationScenarios(harness))
  describe("postgres query plans", () => explainScenarios(harness))
  describe("postgres faults", () => faultScenarios(harness))

  describe("postgres writers on a pool", () => {
    effectIt.live("interleave without losing an update", () =>
      Effect.gen(function*() {
        const plans = yield* PlanStore
        const entries = yield* EntryStore
        const teacher = "teacher-1" as PersonId
        const plan = planFixture("race-plan" as PlanId, "race-pupil" as PersonId, teacher)
        yield* plans.insertMany([plan])
        yield* (yield* AssessmentStore).insert(assessmentFixture("race-assessment" as AssessmentId, "course-1" as CourseId, teacher))

        const writers = ["writer-a", "writer-b", "writer-c", "writer-d"]
        const iterations = 20
        const fieldWrites: Array<[number, string]> = []
        const entryWrites: Array<[number, string]> = []
        const writeLoop = (writer: string) =>
          Effect.gen(function*() {
            for (let index = 0; index < iterations; index++) {
              for (;;) {
                const field = Option.getOrThrow(yield* plans.get(plan.id)).fields[0]!
                const result = yield* Effect.either(
                  plans.updateField(plan.id, field.fieldId, field.version, `${writer}-${index}`, DateTime.unsafeNow(), writer as PersonId)
                )
                if (result._tag === "Right") {
                  fieldWrites.push([result.right.version, writer])
                  break
                }
                if (result.left._tag !== "VersionConflictError") return yield* Effect.fail(result.left)
              }
              for (;;) {
                const current = yield* entries.get("race-assessment" as AssessmentId, "race-pupil" as PersonId)
                const expectedVersion = Option.match(current, { onNone: () => null, onSome: (entry) => entry.version as Version })
                const result = yield* Effect.either(
                  entries.write(
                    { assessmentId: "race-assessment" as AssessmentId, pupilId: "race-pupil" as PersonId, expectedVersion, level: writer },
                    DateTime.unsafeNow(),
                    writer as PersonId
                  )
                )
                if (result._tag === "Right") {
                  entryWrites.push([result.right.version, writer])
                  break
                }
                if (result.left._tag !== "VersionConflictError") return yield* Effect.fail(result.left)
              }
            }
          })
        yield* Effect.all(writers.map(writeLoop), { concurrency: "unbounded", discard: true })

        const total = writers.length * iterations
        expect(fieldWrites.map(([version]) => version).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 2))
        expect(entryWrites.map(([version]) => version).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
        const order = fieldWrites.toSorted((a, b) => a[0] - b[0]).map(([, writer]) => writer)
        const switches = order.filter((writer, index) => index > 0 && writer !== order[index - 1]).length
        expect(switches).toBeGreaterThan(writers.length)
        expect(Option.getOrThrow(yield* plans.get(plan.id)).fields[0]!.version).toBe(total + 1)
      }).pipe(Effect.provide(PostgresStorage.layer({ url, schema: `${runSchema}_race`, maxConnections: 4 }))), 120_000)
  })
}
