import { describe, expect, it } from "@effect/vitest"
import { AuditLog } from "@iupkit/core"
import { Effect, TestClock } from "effect"
import { Mentoring, Plans } from "../src/index.js"
import { as, ids, makeTestLayer } from "./fixtures.js"
import { seed } from "./seed.js"

describe("plans", () => {
  it.effect("mentor reads every field and matched entries", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const view = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      expect(view.fields.map((field) => field.heading)).toEqual(["Mål", "Elevens ord", "Hemmets ord", "Mentorns anteckning"])
      expect(view.fields.every((field) => field.canEdit)).toBe(true)
      expect(view.entries.map((entry) => entry.assessmentTitle).toSorted()).toEqual(["Omdöme HT 2026", "Utkast HT 2026"])
      expect(view.sensitive).toBe(true)
      expect(view.canEditHeader).toBe(true)
      expect(view.canDelete).toBe(true)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("pupil reads its fields and visible entries", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const view = yield* plans.getPlan(as(ids.p1), data.p1Plan.id)
      expect(view.fields.map((field) => [field.heading, field.canEdit])).toEqual([["Mål", false], ["Elevens ord", true]])
      expect(view.entries.map((entry) => entry.assessmentTitle)).toEqual(["Omdöme HT 2026"])
      expect(view.canEditHeader).toBe(false)
      expect(view.canDelete).toBe(false)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("guardian and teacher read their fields", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const guardian = yield* plans.getPlan(as(ids.g1), data.p1Plan.id)
      expect(guardian.fields.map((field) => [field.heading, field.canEdit])).toEqual([
        ["Mål", false],
        ["Elevens ord", false],
        ["Hemmets ord", true]
      ])
      const teacher = yield* plans.getPlan(as(ids.tea), data.p1Plan.id)
      expect(teacher.fields.map((field) => field.heading)).toEqual(["Mål"])
      expect(teacher.entries.map((entry) => entry.assessmentTitle).toSorted()).toEqual(["Omdöme HT 2026", "Utkast HT 2026"])
      const otherTeacher = yield* plans.getPlan(as(ids.ulla), data.p1Plan.id)
      expect(otherTeacher.entries).toEqual([])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("unpublished plan is not found for others", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      for (const reader of [ids.p2, ids.g2, ids.tea, ids.stranger, ids.oldMentor]) {
        const error = yield* Effect.flip(plans.getPlan(as(reader), data.p2Plan.id))
        expect(error._tag, reader).toBe("NotFoundError")
      }
      const admin = yield* plans.getPlan(as(ids.northAdmin), data.p2Plan.id)
      expect(admin.fields).toHaveLength(4)
      expect(admin.fields.every((field) => !field.canEdit)).toBe(true)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("audits every plan read", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      yield* plans.getPlan(as(ids.p1), data.p1Plan.id)
      yield* plans.getPlan(as(ids.g1), data.p1Plan.id)
      const log = yield* AuditLog
      const reads = yield* log.list({ action: "plan.read", targetId: data.p1Plan.id })
      expect(reads.map((entry) => entry.actorId)).toEqual([ids.p1, ids.g1])
      expect(reads.every((entry) => entry.pupilId === ids.p1)).toBe(true)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("field writes are versioned", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const view = yield* plans.getPlan(as(ids.p1), data.p1Plan.id)
      const own = view.fields.find((field) => field.heading === "Elevens ord")!
      const written = yield* plans.updateField(as(ids.p1), {
        planId: data.p1Plan.id,
        fieldId: own.fieldId,
        expectedVersion: own.version,
        value: "Jag vill bli bättre på bråk."
      })
      expect(written.version).toBe(own.version + 1)
      expect(written.value).toBe("Jag vill bli bättre på bråk.")
      const stale = yield* Effect.flip(
        plans.updateField(as(ids.g1), { planId: data.p1Plan.id, fieldId: own.fieldId, expectedVersion: own.version, value: "x" })
      )
      expect(stale._tag).toBe("ForbiddenError")
      const conflict = yield* Effect.flip(
        plans.updateField(as(ids.anna), { planId: data.p1Plan.id, fieldId: own.fieldId, expectedVersion: own.version, value: "y" })
      )
      expect(conflict._tag).toBe("VersionConflictError")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("archived plan only moves its end date", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      yield* TestClock.setTime(Date.parse("2027-01-10T10:00:00Z"))
      const archived = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      expect(archived.archived).toBe(true)
      expect(archived.fields.every((field) => !field.canEdit)).toBe(true)
      expect(archived.canDelete).toBe(false)
      const retitle = yield* Effect.flip(plans.updateHeader(as(ids.anna), data.p1Plan.id, data.p1HeaderVersion, { title: "Ny" }))
      expect(retitle._tag).toBe("ForbiddenError")
      const deleted = yield* Effect.flip(plans.deletePlan(as(ids.anna), data.p1Plan.id))
      expect(deleted._tag).toBe("ForbiddenError")
      const moved = yield* plans.moveEndDate(as(ids.anna), data.p1Plan.id, data.p1HeaderVersion, "2027-06-30")
      expect(moved.plan.archived).toBe(false)
      expect(moved.plan.endDate).toBe("2027-06-30")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("co-mentor edits, old mentor lost access", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const updated = yield* plans.updateHeader(as(ids.bo), data.p1Plan.id, data.p1HeaderVersion, { title: "IUP HT 2026 (rev)" })
      expect(updated.plan.title).toBe("IUP HT 2026 (rev)")
      const error = yield* Effect.flip(plans.getPlan(as(ids.oldMentor), data.p1Plan.id))
      expect(error._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("overlap warning names other plan", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const mentoring = yield* Mentoring
      const created = yield* mentoring.createPlans(as(ids.anna), {
        pupilIds: "all",
        plan: { templateId: data.template.id, title: "IUP VT 2027", startDate: "2026-12-31", endDate: null }
      })
      expect(created.plans.map((plan) => plan.pupil.id).toSorted()).toEqual([ids.p1, ids.p2])
      expect(created.warnings).toHaveLength(2)
      const forP1 = created.warnings.find((warning) => warning._tag === "PlanOverlap" && warning.pupilId === ids.p1)
      expect(forP1).toMatchObject({ otherPlanIds: [data.p1Plan.id] })
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("teacher lists all plans of pupil", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const list = yield* plans.plansOfPupil(as(ids.tea), ids.p1)
      expect(list.map((plan) => plan.id)).toEqual([data.p1Plan.id])
      expect(yield* plans.plansOfPupil(as(ids.tea), ids.p2)).toEqual([])
      const error = yield* Effect.flip(plans.plansOfPupil(as(ids.stranger), ids.p1))
      expect(error._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("today is the Stockholm date", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      // The old mentor's relation ends 2026-06-30. At 23:30 that evening in Stockholm it still holds.
      yield* TestClock.setTime(Date.parse("2026-06-30T21:30:00Z"))
      const evening = yield* plans.getPlan(as(ids.oldMentor), data.p1Plan.id)
      expect(evening.id).toBe(data.p1Plan.id)
      // Half an hour after midnight in Stockholm it is 1 July there, though still 30 June in UTC.
      yield* TestClock.setTime(Date.parse("2026-06-30T22:30:00Z"))
      const error = yield* Effect.flip(plans.getPlan(as(ids.oldMentor), data.p1Plan.id))
      expect(error._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(makeTestLayer())))
})
