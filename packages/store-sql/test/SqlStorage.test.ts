import { SqlClient } from "@effect/sql/SqlClient"
import { AssessmentStore, type AssessmentId, TemplateStore, type TemplateId } from "@iupkit/core"
import { layerSqlStorage, layerStatementFaults, makeStatementFaults, sqliteDialect } from "@iupkit/store-sql"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { templateFixture } from "@iupkit/testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option } from "effect"

const client = () => SqliteStorage.layerClient({ filename: ":memory:" })

describe("SQL storage", () => {
  it.effect("dialect without RETURNING is rejected", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        Layer.build(layerSqlStorage({ ...sqliteDialect, name: "no-returning", supportsReturning: false })).pipe(Effect.scoped)
      )
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain("no-returning dialect declares no RETURNING support")
    }).pipe(Effect.provide(client())))

  it.effect("fault wrapper counts, logs and fails statements", () =>
    Effect.gen(function*() {
      const faults = makeStatementFaults()
      yield* Effect.gen(function*() {
        const templates = yield* TemplateStore
        const template = templateFixture("template-1" as TemplateId)

        faults.statements = 0
        faults.log = []
        yield* templates.insert(template)
        expect(faults.statements).toBe(1)
        expect(faults.log.map((statement) => statement.sql)).toEqual([expect.stringContaining("insert into \"templates\"")])
        expect(faults.log[0]!.params).toContain("template-1")

        faults.statements = 0
        faults.failAt = 1
        const failed = yield* Effect.flip(templates.get(template.id))
        expect(failed._tag).toBe("StorageError")
        expect(failed.message).toContain("injected fault at statement 1")

        faults.failAt = null
        expect(Option.isSome(yield* templates.get(template.id))).toBe(true)
        // Statements outside the stores go through the same wrapper when they use `unsafe`.
        const sql = yield* SqlClient
        expect(yield* sql.unsafe("select 1 as one")).toEqual([{ one: 1 }])
      }).pipe(Effect.provide(layerSqlStorage(sqliteDialect).pipe(Layer.provideMerge(layerStatementFaults(faults)))))
    }).pipe(Effect.provide(client())))

  it.effect("reads by many ids split below limit", () =>
    Effect.gen(function*() {
      const faults = makeStatementFaults()
      const tiny = { ...sqliteDialect, maxBindParameters: 30 }
      yield* Effect.gen(function*() {
        const ids = Array.from({ length: 95 }, (_, index) => `id-${index}` as AssessmentId)
        faults.log = []
        // Reads by many ids run one query per chunk of 30 - 16 reserved = 14 parameters.
        yield* (yield* AssessmentStore).getMany(ids)
        expect(faults.log.length).toBe(Math.ceil(95 / 14))
        for (const statement of faults.log) expect(statement.params.length).toBeLessThanOrEqual(30)
      }).pipe(Effect.provide(layerSqlStorage(tiny).pipe(Layer.provide(layerStatementFaults(faults)))))
    }).pipe(Effect.provide(client())))
})
