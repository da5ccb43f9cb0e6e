import {
  type Assessment,
  AssessmentStore,
  type AssessmentId,
  type CourseId,
  EntryStore,
  type EntryWrite,
  type PersonId,
  Transactor,
  type Version
} from "@iupkit/core"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Exit, Option } from "effect"

const at = DateTime.unsafeMake("2026-03-02T09:00:00Z")
const teacher = "teacher-1" as PersonId
const pupil = "pupil-1" as PersonId

const assessment: Assessment = {
  id: "assessment-1" as AssessmentId,
  courseId: "course-1" as CourseId,
  title: "Omdöme VT 2026",
  gradingScaleId: null,
  visibleToPupils: false,
  selfAssessmentEnabled: false,
  createdBy: teacher,
  createdAt: at,
  updatedAt: at,
  version: 1 as Version
}

const firstWrite: EntryWrite = { assessmentId: assessment.id, pupilId: pupil, expectedVersion: null, comment: "Bra jobbat" }

describe("memory storage", () => {
  it.effect("rejects stale assessment update with current value", () =>
    Effect.gen(function*() {
      const assessments = yield* AssessmentStore
      yield* assessments.insert(assessment)
      const updated = yield* assessments.update(assessment.id, 1 as Version, { title: "Omdöme HT 2026" }, at)
      expect(updated.version).toBe(2)

      const error = yield* Effect.flip(assessments.update(assessment.id, 1 as Version, { title: "Stale" }, at))
      expect(error._tag).toBe("VersionConflictError")
      if (error._tag !== "VersionConflictError") return
      expect(error.currentVersion).toBe(2)
      expect(error.currentValue).toEqual(updated)
    }).pipe(Effect.provide(layerMemoryStorage)))

  it.effect("transaction restores state after failure", () =>
    Effect.gen(function*() {
      const assessments = yield* AssessmentStore
      const entries = yield* EntryStore
      const transactor = yield* Transactor
      yield* assessments.insert(assessment)

      const failed = yield* Effect.exit(
        transactor.withTransaction(Effect.zipRight(entries.write(firstWrite, at, teacher), Effect.fail("stop" as const)))
      )
      expect(Exit.isFailure(failed)).toBe(true)
      expect(Option.isNone(yield* entries.get(assessment.id, pupil))).toBe(true)
    }).pipe(Effect.provide(layerMemoryStorage)))

  it.effect("transaction restores state after defect", () =>
    Effect.gen(function*() {
      const assessments = yield* AssessmentStore
      const entries = yield* EntryStore
      const transactor = yield* Transactor

      const died = yield* Effect.exit(
        transactor.withTransaction(Effect.zipRight(assessments.insert(assessment), Effect.die(new Error("boom"))))
      )
      expect(Exit.isFailure(died)).toBe(true)
      expect(Option.isNone(yield* assessments.get(assessment.id))).toBe(true)
      expect(yield* entries.listByAssessments([assessment.id])).toEqual([])
    }).pipe(Effect.provide(layerMemoryStorage)))

  it.effect("assessment delete removes its entries", () =>
    Effect.gen(function*() {
      const assessments = yield* AssessmentStore
      const entries = yield* EntryStore
      yield* assessments.insert(assessment)
      yield* entries.write(firstWrite, at, teacher)
      yield* assessments.delete(assessment.id)
      expect(yield* entries.listByPupils([pupil])).toEqual([])
    }).pipe(Effect.provide(layerMemoryStorage)))

  it.effect("each layer build starts empty", () =>
    Effect.gen(function*() {
      const assessments = yield* AssessmentStore
      expect(yield* assessments.getMany([assessment.id])).toEqual([])
    }).pipe(Effect.provide(layerMemoryStorage)))
})
