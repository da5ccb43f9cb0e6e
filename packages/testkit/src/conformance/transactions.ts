import { expect } from "@effect/vitest"
import {
  type AssessmentEntry,
  type AssessmentId,
  AssessmentStore,
  AuditLog,
  type AuditEntryId,
  type CourseId,
  EntryStore,
  type PersonId,
  type PlanId,
  PlanStore,
  type TemplateId,
  TemplateStore,
  Transactor,
  type Version
} from "@iupkit/core"
import { DateTime, Effect, Either, Exit, Option } from "effect"
import { assessmentFixture, auditFixture, planFixture, templateFixture } from "../fixtures.js"
import { expectFailure, type Section } from "./shared.js"

const at = DateTime.unsafeMake("2026-03-02T09:00:00.000Z")

export const transactionTests = ({ id, it }: Section) => {
  const writeAcrossStores = Effect.gen(function*() {
    const templateId = id<TemplateId>("template")
    const planId = id<PlanId>("plan")
    const actor = id<PersonId>("mentor")
    yield* (yield* TemplateStore).insert(templateFixture(templateId))
    yield* (yield* PlanStore).insertMany([planFixture(planId, id<PersonId>("pupil"), actor)])
    yield* (yield* AuditLog).append([auditFixture(id<AuditEntryId>("audit"), actor, planId)])
    return { templateId, planId, actor }
  })

  const nothingWritten = (ids: { readonly templateId: TemplateId; readonly planId: PlanId; readonly actor: PersonId }) =>
    Effect.gen(function*() {
      expect(Option.isNone(yield* (yield* TemplateStore).get(ids.templateId))).toBe(true)
      expect(Option.isNone(yield* (yield* PlanStore).get(ids.planId))).toBe(true)
      expect(yield* (yield* AuditLog).list({ actorId: ids.actor })).toEqual([])
    })

  it.effect("transaction commits every store together", () =>
    Effect.gen(function*() {
      const transactor = yield* Transactor
      const ids = yield* transactor.withTransaction(writeAcrossStores)
      expect(Option.isSome(yield* (yield* TemplateStore).get(ids.templateId))).toBe(true)
      expect(Option.isSome(yield* (yield* PlanStore).get(ids.planId))).toBe(true)
      expect((yield* (yield* AuditLog).list({ actorId: ids.actor })).length).toBe(1)
    }))

  it.effect("transaction rolls back on failure", () =>
    Effect.gen(function*() {
      const transactor = yield* Transactor
      let ids: Effect.Effect.Success<typeof writeAcrossStores> | undefined
      const result = yield* Effect.either(
        transactor.withTransaction(Effect.flatMap(writeAcrossStores, (written) => {
          ids = written
          return Effect.fail("stop" as const)
        }))
      )
      expect(Either.isLeft(result)).toBe(true)
      expect(Either.isLeft(result) ? result.left : undefined).toBe("stop")
      yield* nothingWritten(ids!)
    }))

  it.effect("transaction rolls back on defect", () =>
    Effect.gen(function*() {
      const transactor = yield* Transactor
      let ids: Effect.Effect.Success<typeof writeAcrossStores> | undefined
      const exit = yield* Effect.exit(
        transactor.withTransaction(Effect.flatMap(writeAcrossStores, (written) => {
          ids = written
          return Effect.die(new Error("defect inside the transaction"))
        }))
      )
      expect(Exit.isFailure(exit) && Exit.causeOption(exit).pipe(Option.map((cause) => cause._tag))).toEqual(Option.some("Die"))
      yield* nothingWritten(ids!)
    }))

  it.effect("nested transaction joins the outer one", () =>
    Effect.gen(function*() {
      const transactor = yield* Transactor
      let ids: Effect.Effect.Success<typeof writeAcrossStores> | undefined
      yield* Effect.either(
        transactor.withTransaction(
          Effect.flatMap(transactor.withTransaction(writeAcrossStores), (written) => {
            ids = written
            return Effect.fail("outer fails after inner succeeded" as const)
          })
        )
      )
      yield* nothingWritten(ids!)
    }))

  it.effect("failed nested transaction undoes only itself", () =>
    Effect.gen(function*() {
      const transactor = yield* Transactor
      const templates = yield* TemplateStore
      const kept = templateFixture(id<TemplateId>("template"))
      const undone = templateFixture(id<TemplateId>("template"))
      yield* transactor.withTransaction(
        Effect.gen(function*() {
          yield* templates.insert(kept)
          yield* Effect.either(transactor.withTransaction(Effect.zipRight(templates.insert(undone), Effect.fail("inner" as const))))
        })
      )
      expect(Option.isSome(yield* templates.get(kept.id))).toBe(true)
      expect(Option.isNone(yield* templates.get(undone.id))).toBe(true)
    }))

  it.effect("text round-trips unchanged", () =>
    Effect.gen(function*() {
      const entries = yield* EntryStore
      const teacher = id<PersonId>("teacher")
      const assessment = assessmentFixture(id<AssessmentId>("assessment"), id<CourseId>("course"), teacher)
      yield* (yield* AssessmentStore).insert({ ...assessment, title: "Svenska – åäö ÅÄÖ é ü 🎉" })
      const texts = [
        "Räknar säkert med bråk; läser flytande och återberättar med egna ord. Ökad självständighet!",
        "Emoji 👩‍👩‍👧‍👦 🇸🇪 ✅ and combining a\u0301 and ﬁ ligature, tab\tand\nnew line\r\n",
        "Lång kommentar: ".concat("å".repeat(50_000), "ä".repeat(50_000)),
        ""
      ]
      for (const text of texts) {
        const pupil = id<PersonId>("pupil")
        yield* entries.write({ assessmentId: assessment.id, pupilId: pupil, expectedVersion: null, comment: text, selfAssessment: { level: null, comment: text } }, at, teacher)
        const read = Option.getOrThrow(yield* entries.get(assessment.id, pupil))
        expect(read.comment === text).toBe(true)
        expect(read.comment.length).toBe(text.length)
        expect(read.selfAssessment?.comment === text).toBe(true)
      }
      expect(Option.getOrThrow(yield* (yield* AssessmentStore).get(assessment.id)).title).toBe("Svenska – åäö ÅÄÖ é ü 🎉")
    }))

  it.effect("dates and instants round-trip in UTC", () =>
    Effect.gen(function*() {
      const plans = yield* PlanStore
      const entries = yield* EntryStore
      const mentor = id<PersonId>("mentor")
      const cases: ReadonlyArray<[string, string | null]> = [["2028-02-29", "2028-12-31"], ["2026-03-29", null], ["0999-01-01", "9999-12-31"]]
      for (const [startDate, endDate] of cases) {
        const plan = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), mentor, { startDate, endDate })
        yield* plans.insertMany([plan])
        const read = Option.getOrThrow(yield* plans.get(plan.id))
        expect([read.startDate, read.endDate]).toEqual([startDate, endDate])
      }

      const teacher = id<PersonId>("teacher")
      const assessment = assessmentFixture(id<AssessmentId>("assessment"), id<CourseId>("course"), teacher)
      yield* (yield* AssessmentStore).insert(assessment)
      // Just before and after the spring daylight-saving change in Stockholm, and a leap-day edge.
      const instants = ["2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00.000Z", "2028-02-29T23:59:59.999Z", "1999-12-31T23:00:00.000Z"]
      for (const text of instants) {
        const pupil = id<PersonId>("pupil")
        const written = yield* entries.write({ assessmentId: assessment.id, pupilId: pupil, expectedVersion: null }, DateTime.unsafeMake(text), teacher)
        expect(DateTime.formatIso(written.lastEditedAt)).toBe(text)
        const read: AssessmentEntry = Option.getOrThrow(yield* entries.get(assessment.id, pupil))
        expect(DateTime.formatIso(read.lastEditedAt)).toBe(text)
        expect(DateTime.toEpochMillis(read.lastEditedAt)).toBe(Date.parse(text))
      }
    }))

  it.effect("stores report not found on writes to missing records", () =>
    Effect.gen(function*() {
      const missing = yield* expectFailure((yield* AssessmentStore).update(id<AssessmentId>("missing"), 1 as Version, {}, at))
      expect(missing._tag).toBe("NotFoundError")
    }))
}
