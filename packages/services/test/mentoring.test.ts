import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Administration, Mentoring, Plans, Teaching } from "../src/index.js"
import { as, ids, makeTestLayer } from "./fixtures.js"
import { seed } from "./seed.js"

describe("mentoring", () => {
  it.effect("page splits current and archived", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      yield* plans.createPlans(as(ids.anna), {
        pupilIds: [ids.p2],
        plan: { templateId: data.template.id, title: "IUP VT 2026", startDate: "2026-01-10", endDate: "2026-06-30" }
      })
      const mentoring = yield* Mentoring
      const page = yield* mentoring.page(as(ids.anna))
      expect(page.mentor.id).toBe(ids.anna)
      // Sorted by family name, then given name: Per before Pia.
      expect(page.mentees.map((mentee) => mentee.id)).toEqual([ids.p2, ids.p1])
      expect(page.currentPlans.map((plan) => plan.title)).toEqual(["IUP HT 2026", "IUP HT 2026"])
      expect(page.archivedPlans.map((plan) => plan.title)).toEqual(["IUP VT 2026"])
      expect(page.window).toEqual({ start: "2026-05-15", end: "2026-09-15" })
      expect(page.assessments).toHaveLength(2)
      expect(page.templates.map((template) => template.title)).toEqual(["Utvecklingssamtal"])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("assessments default to four months", () =>
    Effect.gen(function*() {
      yield* seed
      const mentoring = yield* Mentoring
      yield* TestClock.setTime(Date.parse("2027-01-20T10:00:00Z"))
      const recent = yield* mentoring.assessments(as(ids.anna))
      expect(recent.window).toEqual({ start: "2026-09-20", end: "2027-01-20" })
      expect(recent.entries).toEqual([])
      const chosen = yield* mentoring.assessments(as(ids.anna), { start: "2026-09-01", end: "2026-09-30" })
      expect(chosen.entries).toHaveLength(2)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("overview shows levels and reasons", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const administration = yield* Administration
      const teaching = yield* Teaching
      const fourSteps = yield* administration.createGradingScale(as(ids.siteAdmin), { name: "Fyra", steps: ["1", "2", "3", "4"] })
      const { assessment } = yield* teaching.createAssessment(as(ids.ulla), {
        courseId: "sv-7", title: "Svenska HT 2026", gradingScaleId: fourSteps.id, visibleToPupils: false, selfAssessmentEnabled: false
      })
      yield* teaching.writeEntry(as(ids.ulla), { assessmentId: assessment.id, pupilId: ids.p1, expectedVersion: null, level: "3" })
      yield* teaching.writeEntry(as(ids.tea), { assessmentId: data.assessment.id, pupilId: ids.p2, expectedVersion: null, level: "Mer än godtagbart" })
      yield* TestClock.adjust("1 minute")
      yield* teaching.writeEntry(as(ids.tea), { assessmentId: data.hidden.id, pupilId: ids.p1, expectedVersion: 1, comment: "Senare" })
      const mentoring = yield* Mentoring
      const overview = yield* mentoring.overview(as(ids.anna))
      expect(overview.pupils.map((pupil) => pupil.id).toSorted()).toEqual([ids.p1, ids.p2])
      expect(overview.courses.map((course) => course.id).toSorted()).toEqual(["math-7", "sv-7"])
      const cell = (pupilId: string, courseId: string) =>
        overview.cells.find((candidate) => candidate.pupilId === pupilId && candidate.courseId === courseId)
      // Pupil 1's latest math entry is the free-text one, written a minute after the graded one.
      expect(cell(ids.p1, "math-7")).toMatchObject({ _tag: "unsupported", support: { _tag: "noScale" } })
      expect(cell(ids.p2, "math-7")).toMatchObject({ _tag: "level", level: "Mer än godtagbart", stepIndex: 2, stepCount: 3 })
      expect(cell(ids.p1, "sv-7")).toMatchObject({ _tag: "unsupported", support: { _tag: "unsupportedStepCount", stepCount: 4 } })
      expect(overview.unsupportedCourses.map((course) => course.courseId).toSorted()).toEqual(["math-7", "sv-7"])
      expect(overview.leftOutProtectedCount).toBe(0)
    }).pipe(Effect.provide(makeTestLayer())))
})
