import { describe, expect, it } from "@effect/vitest"
import { AuditLog, EntryStore } from "@iupkit/core"
import { Effect, TestClock } from "effect"
import { Plans, Pupils, Teaching } from "../src/index.js"
import { as, ids, makeTestLayer } from "./fixtures.js"
import { seed } from "./seed.js"

describe("teaching", () => {
  it.effect("course page lists rows and published plans", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const page = yield* teaching.coursePage(as(ids.tea), "math-7")
      expect(page.course).toEqual({ id: "math-7", name: "Matematik 7", subjectCode: "GRGRMAT01" })
      expect(page.pupils.map((pupil) => pupil.id).toSorted()).toEqual([ids.p1, ids.p2, ids.p3])
      const assessment = page.assessments.find((a) => a.id === data.assessment.id)!
      expect(assessment.scale?.steps).toEqual(data.scale.steps)
      expect(assessment.rows).toHaveLength(3)
      expect(assessment.rows.find((row) => row.pupil.id === ids.p1)!.entry?.level).toBe("Godtagbart")
      expect(assessment.rows.find((row) => row.pupil.id === ids.p2)!.entry).toBeNull()
      expect(page.publishedPlans.map((plan) => plan.id)).toEqual([data.p1Plan.id])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("title without term warns", () =>
    Effect.gen(function*() {
      yield* seed
      const teaching = yield* Teaching
      const created = yield* teaching.createAssessment(as(ids.tea), {
        courseId: "math-7", title: "Omdöme", gradingScaleId: null, visibleToPupils: false, selfAssessmentEnabled: false
      })
      expect(created.warnings).toEqual([{ _tag: "TitleNamesNoTerm", title: "Omdöme" }])
      const retitled = yield* teaching.updateAssessment(as(ids.tea), created.assessment.id, 1, { title: "Omdöme VT 2027" })
      expect(retitled.warnings).toEqual([])
      expect(retitled.assessment.title).toBe("Omdöme VT 2027")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("autosave writes bump the version", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const first = yield* teaching.writeEntry(as(ids.tea), {
        assessmentId: data.assessment.id, pupilId: ids.p2, expectedVersion: null, comment: "Första"
      })
      expect(first.version).toBe(1)
      const second = yield* teaching.writeEntry(as(ids.tea), {
        assessmentId: data.assessment.id, pupilId: ids.p2, expectedVersion: 1, level: "Mer än godtagbart"
      })
      expect(second).toMatchObject({ version: 2, comment: "Första", level: "Mer än godtagbart" })
      const log = yield* AuditLog
      expect(yield* log.list({ action: "entry.write", pupilId: ids.p2 })).toHaveLength(2)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("bulk level writes every selected pupil", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const written = yield* teaching.setLevelForPupils(as(ids.tea), {
        assessmentId: data.assessment.id,
        level: "Mer än godtagbart",
        entries: [
          { pupilId: ids.p1, expectedVersion: data.entry.version },
          { pupilId: ids.p2, expectedVersion: null },
          { pupilId: ids.p3, expectedVersion: null }
        ]
      })
      expect(written.map((entry) => [entry.pupil.id, entry.level]).toSorted()).toEqual([
        [ids.p1, "Mer än godtagbart"],
        [ids.p2, "Mer än godtagbart"],
        [ids.p3, "Mer än godtagbart"]
      ])
      expect(written.find((entry) => entry.pupil.id === ids.p1)!.comment).toBe("Arbetar bra med bråk.")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("visibility switch shows entries to pupils", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const pupils = yield* Pupils
      const before = yield* pupils.page(as(ids.p1))
      expect(before.assessments.map((a) => a.assessmentId)).not.toContain(data.hidden.id)
      yield* teaching.updateAssessment(as(ids.tea), data.hidden.id, 1, { visibleToPupils: true })
      const after = yield* pupils.page(as(ids.p1))
      expect(after.assessments.find((a) => a.assessmentId === data.hidden.id)?.entry?.comment).toBe("Ännu inte synligt.")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("deleting an assessment removes entries", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      yield* teaching.deleteAssessment(as(ids.tea), data.assessment.id)
      const entries = yield* EntryStore
      expect(yield* entries.listByAssessments([data.assessment.id])).toEqual([])
      const plans = yield* Plans
      const view = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      expect(view.entries.map((entry) => entry.assessmentId)).toEqual([data.hidden.id])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("edits move entries between plans", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const plans = yield* Plans
      // A spring plan; the autumn entry is edited in February and moves to it.
      const spring = yield* plans.createPlans(as(ids.anna), {
        pupilIds: [ids.p1],
        plan: { templateId: data.template.id, title: "IUP VT 2027", startDate: "2027-01-01", endDate: "2027-06-30" }
      })
      yield* TestClock.setTime(Date.parse("2027-02-10T09:00:00Z"))
      yield* teaching.writeEntry(as(ids.tea), {
        assessmentId: data.assessment.id, pupilId: ids.p1, expectedVersion: data.entry.version, comment: "Uppdaterad i februari"
      })
      const autumn = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      expect(autumn.entries.map((entry) => entry.assessmentId)).toEqual([data.hidden.id])
      const springView = yield* plans.getPlan(as(ids.anna), spring.plans[0]!.id)
      expect(springView.entries.map((entry) => entry.assessmentId)).toEqual([data.assessment.id])
    }).pipe(Effect.provide(makeTestLayer())))
})
