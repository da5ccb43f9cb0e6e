import { describe, expect, it } from "@effect/vitest"
import { AuditLog } from "@iupkit/core"
import { Effect } from "effect"
import { Exports, Mentoring, Plans } from "../src/index.js"
import { as, ids, makeTestLayer } from "./fixtures.js"
import { seed } from "./seed.js"

describe("exports", () => {
  it.effect("mentor exports mentees' plans", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const exports = yield* Exports
      const result = yield* exports.exportPlans(as(ids.anna), { planIds: [data.p1Plan.id, data.p2Plan.id] })
      expect(result.plans.map((plan) => plan.id).toSorted()).toEqual([data.p1Plan.id, data.p2Plan.id].toSorted())
      expect(result.leftOutProtectedCount).toBe(0)
      expect(result.exportedBy.id).toBe(ids.anna)
      const log = yield* AuditLog
      const audited = yield* log.list({ action: "plan.export" })
      expect(audited.map((entry) => entry.targetId).toSorted()).toEqual([data.p1Plan.id, data.p2Plan.id].toSorted())
      expect(yield* log.list({ action: "plan.read" })).toEqual([])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("protected pupils only when named", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const created = yield* plans.createPlans(as(ids.tea), {
        pupilIds: [ids.p3],
        plan: { templateId: data.template.id, title: "IUP HT 2026", startDate: "2026-08-15", endDate: null }
      })
      const p3Plan = created.plans[0]!.id
      const exports = yield* Exports
      const left = yield* exports.exportPlans(as(ids.siteAdmin), { planIds: [data.p1Plan.id, p3Plan] })
      expect(left.plans.map((plan) => plan.id)).toEqual([data.p1Plan.id])
      expect(left.leftOutProtectedCount).toBe(1)
      const named = yield* exports.exportPlans(as(ids.siteAdmin), { planIds: [data.p1Plan.id, p3Plan], includeProtectedPupilIds: [ids.p3] })
      expect(named.plans.map((plan) => plan.id).toSorted()).toEqual([data.p1Plan.id, p3Plan].toSorted())
      expect(named.leftOutProtectedCount).toBe(0)
      // The overview leaves the protected mentee out the same way.
      const mentoring = yield* Mentoring
      const overview = yield* mentoring.overview(as(ids.tea))
      expect(overview.pupils).toEqual([])
      expect(overview.leftOutProtectedCount).toBe(1)
      const withNamed = yield* mentoring.overview(as(ids.tea), { includeProtectedPupilIds: [ids.p3] })
      expect(withNamed.pupils.map((pupil) => pupil.id)).toEqual([ids.p3])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("batches split at 100", () =>
    Effect.gen(function*() {
      const exports = yield* Exports
      const batches = yield* exports.batches(Array.from({ length: 250 }, (_, i) => `plan-${i}`))
      expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50])
      expect(batches.flat()).toHaveLength(250)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("entries of course and mentees", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const exports = yield* Exports
      const course = yield* exports.assessmentEntries(as(ids.tea), { _tag: "course", courseId: "math-7" })
      expect(course.entries.map((entry) => entry.assessmentId).toSorted()).toEqual([data.assessment.id, data.hidden.id].toSorted())
      const mentees = yield* exports.assessmentEntries(as(ids.anna), { _tag: "mentees" })
      expect(mentees.entries).toHaveLength(2)
      // A guardian reads only what the child sees.
      const guardian = yield* exports.assessmentEntries(as(ids.g1), { _tag: "course", courseId: "math-7" })
      expect(guardian.entries.map((entry) => entry.assessmentId)).toEqual([data.assessment.id])
      const old = yield* exports.assessmentEntries(as(ids.tea), { _tag: "course", courseId: "math-7" }, { start: "2026-01-01", end: "2026-06-30" })
      expect(old.entries).toEqual([])
      const stranger = yield* Effect.flip(exports.assessmentEntries(as(ids.stranger), { _tag: "course", courseId: "math-7" }))
      expect(stranger._tag).toBe("NotFoundError")
      const badPeriod = yield* Effect.flip(exports.assessmentEntries(as(ids.tea), { _tag: "mentees" }, { start: "2026-05-01", end: "2026-04-01" }))
      expect(badPeriod).toMatchObject({ _tag: "InvalidInputError", field: "period.end" })
    }).pipe(Effect.provide(makeTestLayer())))
})
