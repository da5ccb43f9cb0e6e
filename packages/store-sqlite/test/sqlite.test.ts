import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { SqlClient } from "@effect/sql/SqlClient"
import { type AssessmentId, AssessmentStore, type CourseId, EntryStore, type PersonId, type PlanId, PlanStore } from "@iupkit/core"
import { sqliteDialect } from "@iupkit/store-sql"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { assessmentFixture, planFixture } from "@iupkit/testkit"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Option } from "effect"
import { afterAll } from "vitest"
import { explainScenarios, faultScenarios, type Harness, migrationScenarios } from "../../store-sql/test/scenarios.js"

const harness: Harness = {
  dialect: sqliteDialect,
  freshClient: () => SqliteStorage.layerClient({ filename: ":memory:" }),
  fullScans: (sql, params) =>
    Effect.gen(function*() {
      const client = yield* SqlClient
      const plan = yield* client.unsafe<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)
      // "SEARCH t USING INDEX …" is a lookup; "SCAN t", with or without an index, reads it all.
      return plan.flatMap((row) => {
        const match = /^SCAN (\S+)/.exec(row.detail)
        return match === null || match[1] === "CONSTANT" ? [] : [match[1]!]
      })
    }),
  analyze: Effect.flatMap(SqlClient, (client) => client.unsafe("ANALYZE"))
}

describe("sqlite migrations", () => migrationScenarios(harness))
describe("sqlite query plans", () => explainScenarios(harness))
describe("sqlite faults", () => faultScenarios(harness))

describe("sqlite writers in several processes", () => {
  const directory = mkdtempSync(join(tmpdir(), "iupkit-race-"))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))
  const filename = join(directory, "race.db")
  const worker = fileURLToPath(new URL("./raceWorker.ts", import.meta.url))
  const tsconfig = fileURLToPath(new URL("../tsconfig.json", import.meta.url))

  it.live("interleave without losing an update", () =>
    Effect.gen(function*() {
      const teacher = "teacher-1" as PersonId
      yield* Effect.gen(function*() {
        yield* (yield* PlanStore).insertMany([planFixture("race-plan" as PlanId, "race-pupil" as PersonId, teacher)])
        yield* (yield* AssessmentStore).insert(assessmentFixture("race-assessment" as AssessmentId, "course-1" as CourseId, teacher))
        yield* (yield* EntryStore).write(
          { assessmentId: "race-assessment" as AssessmentId, pupilId: "race-pupil" as PersonId, expectedVersion: null },
          DateTime.unsafeMake("2026-03-02T09:00:00Z"),
          teacher
        )
      }).pipe(Effect.provide(SqliteStorage.layer({ filename })))

      const writers = ["writer-0", "writer-1", "writer-2"]
      const iterations = 10
      const run = promisify(execFile)
      const outputs = yield* Effect.promise(() =>
        Promise.all(
          writers.map((writer) =>
            run(process.execPath, ["--import", "tsx", worker, filename, writer, String(iterations), directory, String(writers.length)], {
              env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
              timeout: 90_000
            })
          )
        )
      )
      const results = outputs.map((output) => JSON.parse(output.stdout) as {
        writer: string
        fieldVersions: Array<number>
        entryVersions: Array<number>
        conflicts: number
      })

      // Every accepted write produced its own version, so none was lost or applied twice.
      const total = writers.length * iterations
      const fieldVersions = results.flatMap((result) => result.fieldVersions).sort((a, b) => a - b)
      expect(fieldVersions).toEqual(Array.from({ length: total }, (_, index) => index + 2))
      const entryVersions = results.flatMap((result) => result.entryVersions).sort((a, b) => a - b)
      expect(entryVersions).toEqual(Array.from({ length: total }, (_, index) => index + 2))

      // The writers took turns: in version order the writer changes more than once per writer.
      const order = results
        .flatMap((result) => result.fieldVersions.map((version) => [version, result.writer] as const))
        .sort((a, b) => a[0] - b[0])
        .map(([, writer]) => writer)
      const switches = order.filter((writer, index) => index > 0 && writer !== order[index - 1]).length
      expect(switches).toBeGreaterThan(writers.length)

      const final = yield* Effect.gen(function*() {
        const plan = Option.getOrThrow(yield* (yield* PlanStore).get("race-plan" as PlanId))
        return plan.fields[0]!.version
      }).pipe(Effect.provide(SqliteStorage.layer({ filename })))
      expect(final).toBe(total + 1)
    }), 120_000)
})
