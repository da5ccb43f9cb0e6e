import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Guardians, Plans, Pupils, Teaching } from "../src/index.js"
import { as, ids, makeTestLayer } from "./fixtures.js"
import { seed } from "./seed.js"

describe("pupils and guardians", () => {
  it.effect("pupil page shows published and visible", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const pupils = yield* Pupils
      const page = yield* pupils.page(as(ids.p1))
      expect(page.pupil).toMatchObject({ id: ids.p1, givenName: "Pia", protected: false })
      expect(page.plans.map((plan) => plan.id)).toEqual([data.p1Plan.id])
      expect(page.assessments.map((a) => a.assessmentId)).toEqual([data.assessment.id])
      expect(page.assessments[0]!.canSelfAssess).toBe(true)
      expect(page.assessments[0]!.entry?.level).toBe("Godtagbart")
      const unpublished = yield* pupils.page(as(ids.p2))
      expect(unpublished.plans).toEqual([])
      expect(unpublished.assessments.map((a) => [a.assessmentId, a.entry])).toEqual([[data.assessment.id, null]])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("pupil self-assesses and teacher sees it", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const pupils = yield* Pupils
      const written = yield* pupils.selfAssess(as(ids.p1), {
        assessmentId: data.assessment.id,
        expectedVersion: data.entry.version,
        level: "Mer än godtagbart",
        comment: "Jag tycker att det går bra."
      })
      expect(written.selfAssessment).toEqual({ level: "Mer än godtagbart", comment: "Jag tycker att det går bra." })
      expect(written.level).toBe("Godtagbart")
      const teaching = yield* Teaching
      const page = yield* teaching.coursePage(as(ids.tea), "math-7")
      const row = page.assessments.find((a) => a.id === data.assessment.id)!.rows.find((r) => r.pupil.id === ids.p1)!
      expect(row.entry?.selfAssessment?.comment).toBe("Jag tycker att det går bra.")
      // A pupil never written to may self-assess first, naming version "new".
      const first = yield* pupils.selfAssess(as(ids.p2), {
        assessmentId: data.assessment.id, expectedVersion: null, level: null, comment: "Jag börjar."
      })
      expect(first.version).toBe(1)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("pupil writes its own field", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const view = yield* plans.getPlan(as(ids.p1), data.p1Plan.id)
      const field = view.fields.find((candidate) => candidate.canEdit)!
      yield* plans.updateField(as(ids.p1), { planId: data.p1Plan.id, fieldId: field.fieldId, expectedVersion: field.version, value: "Mina mål" })
      const mentor = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      expect(mentor.fields.find((candidate) => candidate.fieldId === field.fieldId)!.value).toBe("Mina mål")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("guardian sees each child", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const guardians = yield* Guardians
      const one = yield* guardians.page(as(ids.g1))
      expect(one.children.map((child) => child.child.id)).toEqual([ids.p1])
      expect(one.children[0]!.plans.map((plan) => plan.id)).toEqual([data.p1Plan.id])
      expect(one.children[0]!.assessments.map((a) => a.assessmentId)).toEqual([data.assessment.id])
      expect(one.children[0]!.assessments[0]!.canSelfAssess).toBe(false)
      const two = yield* guardians.page(as(ids.g2))
      expect(two.children.map((child) => child.child.id)).toEqual([ids.p2, ids.p3])
      expect(two.children.every((child) => child.plans.length === 0)).toBe(true)
      const none = yield* guardians.page(as(ids.stranger))
      expect(none.children).toEqual([])
    }).pipe(Effect.provide(makeTestLayer())))
})
