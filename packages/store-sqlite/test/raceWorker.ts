// One writer process of the SQLite race test: updates one plan field and one entry in a loop,
// re-reading after each conflict, and prints the versions it produced as JSON.
import { type AssessmentId, EntryStore, type FieldId, type PersonId, type PlanId, PlanStore, type Version } from "@iupkit/core"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { existsSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { DateTime, Effect, Option } from "effect"

const [filename, writer, iterationsText, barrierDirectory, writersText] = process.argv.slice(2)
const iterations = Number(iterationsText)
const writers = Number(writersText)

// Process start-up takes seconds, so each writer waits until all are ready before writing;
// otherwise the first could finish before the last begins and nothing would race.
const barrier = Effect.gen(function*() {
  writeFileSync(join(barrierDirectory!, writer!), "ready")
  for (let attempt = 0; attempt < 3000; attempt++) {
    const ready = Array.from({ length: writers }, (_, index) => existsSync(join(barrierDirectory!, `writer-${index}`)))
    if (ready.every(Boolean)) return
    yield* Effect.sleep("20 millis")
  }
  return yield* Effect.dieMessage("the other writers did not start within 60 seconds")
})

const program = Effect.gen(function*() {
  const plans = yield* PlanStore
  const entries = yield* EntryStore
  const fieldVersions: Array<number> = []
  const entryVersions: Array<number> = []
  let conflicts = 0
  yield* barrier
  for (let index = 0; index < iterations; index++) {
    for (;;) {
      const plan = Option.getOrThrow(yield* plans.get("race-plan" as PlanId))
      const field = plan.fields[0]!
      const result = yield* Effect.either(
        plans.updateField(plan.id, field.fieldId as FieldId, field.version, `${writer}-${index}`, DateTime.unsafeNow(), writer as PersonId)
      )
      if (result._tag === "Right") {
        fieldVersions.push(result.right.version)
        break
      }
      if (result.left._tag !== "VersionConflictError") return yield* Effect.fail(result.left)
      conflicts++
    }
    for (;;) {
      const entry = Option.getOrThrow(yield* entries.get("race-assessment" as AssessmentId, "race-pupil" as PersonId))
      const result = yield* Effect.either(
        entries.write(
          { assessmentId: entry.assessmentId, pupilId: entry.pupilId, expectedVersion: entry.version as Version, comment: `${writer}-${index}` },
          DateTime.unsafeNow(),
          writer as PersonId
        )
      )
      if (result._tag === "Right") {
        entryVersions.push(result.right.version)
        break
      }
      if (result.left._tag !== "VersionConflictError") return yield* Effect.fail(result.left)
      conflicts++
    }
  }
  return { writer, fieldVersions, entryVersions, conflicts }
})

Effect.runPromise(Effect.provide(program, SqliteStorage.layer({ filename: filename!, migrate: false }))).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
