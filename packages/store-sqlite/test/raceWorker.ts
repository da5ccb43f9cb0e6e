// One writer process of the SQLite race test: updates one plan field and one entry in a loop,
// re-reading after each conflict, and prints the versions it produced as JSON.
import { type AssessmentId, EntryStore, type FieldId, type PersonId, type PlanId, PlanStore, type Version } from "@iupkit/core"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { DateTime, Effect, Option } from "effect"

const [filename, writer, iterationsText] = process.argv.slice(2)
const iterations = Number(iterationsText)

const program = Effect.gen(function*() {
  const plans = yield* PlanStore
  const entries = yield* EntryStore
  const fieldVersions: Array<number> = []
  const entryVersions: Array<number> = []
  let conflicts = 0
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
