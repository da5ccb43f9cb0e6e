import { expect } from "@effect/vitest"
import {
  type AssessmentId,
  AssessmentStore,
  type CourseId,
  EntryStore,
  GradingScale,
  type GradingScaleId,
  GradingScaleStore,
  type PersonId,
  Template,
  type TemplateId,
  TemplateStore,
  type Version
} from "@iupkit/core"
import { DateTime, Effect, Option, Schema } from "effect"
import { assessmentFixture, scaleFixture, templateFixture } from "../fixtures.js"
import { expectFailure, type Section, sortBy } from "./shared.js"

const later = DateTime.unsafeMake("2026-04-01T12:00:00.500Z")

export const catalogTests = ({ id, it }: Section) => {
  it.effect("template insert and get round-trip", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const template = { ...templateFixture(id<TemplateId>("template"), 3), scope: { _tag: "organisation" as const, organisationId: id("org") } }
      yield* store.insert(template as Template)
      const read = yield* store.get(template.id)
      expect(Option.map(read, Schema.encodeSync(Template))).toEqual(Option.some(Schema.encodeSync(Template)(template as Template)))
    }))

  it.effect("template get of missing id is none", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      expect(Option.isNone(yield* store.get(id<TemplateId>("missing")))).toBe(true)
    }))

  it.effect("template list includes hidden ones", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const shown = templateFixture(id<TemplateId>("template"))
      const hidden = { ...templateFixture(id<TemplateId>("template")), hidden: true }
      yield* store.insert(shown)
      yield* store.insert(hidden)
      const listed = (yield* store.list()).filter((t) => t.id === shown.id || t.id === hidden.id)
      expect(sortBy(listed, (t) => t.id).map((t) => [t.id, t.hidden])).toEqual(
        sortBy([shown, hidden], (t) => t.id).map((t) => [t.id, t.hidden])
      )
    }))

  it.effect("template update applies patch and bumps version", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const template = templateFixture(id<TemplateId>("template"))
      yield* store.insert(template)
      const updated = yield* store.update(template.id, 1 as Version, { title: "Ny titel", hidden: true }, later)
      expect(updated.title).toBe("Ny titel")
      expect(updated.hidden).toBe(true)
      expect(updated.version).toBe(2)
      expect(DateTime.formatIso(updated.updatedAt)).toBe(DateTime.formatIso(later))
      expect(updated.fields).toEqual(template.fields)
      const read = Option.getOrThrow(yield* store.get(template.id))
      expect(Schema.encodeSync(Template)(read)).toEqual(Schema.encodeSync(Template)(updated))
    }))

  it.effect("template stale update conflicts and changes nothing", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const template = templateFixture(id<TemplateId>("template"))
      yield* store.insert(template)
      const current = yield* store.update(template.id, 1 as Version, { title: "Först" }, later)
      const error = yield* expectFailure(store.update(template.id, 1 as Version, { title: "Sen" }, later))
      expect(error._tag).toBe("VersionConflictError")
      if (error._tag !== "VersionConflictError") return
      expect(error.kind).toBe("template")
      expect(error.expectedVersion).toBe(1)
      expect(error.currentVersion).toBe(2)
      expect(Schema.encodeSync(Template)(error.currentValue as Template)).toEqual(Schema.encodeSync(Template)(current))
      expect(Option.getOrThrow(yield* store.get(template.id)).title).toBe("Först")
    }))

  it.effect("template update of missing id is not found", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const error = yield* expectFailure(store.update(id<TemplateId>("missing"), 1 as Version, { title: "X" }, later))
      expect(error._tag).toBe("NotFoundError")
    }))

  it.effect("template delete removes it; missing is not found", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const template = templateFixture(id<TemplateId>("template"))
      yield* store.insert(template)
      yield* store.delete(template.id)
      expect(Option.isNone(yield* store.get(template.id))).toBe(true)
      const error = yield* expectFailure(store.delete(template.id))
      expect(error._tag).toBe("NotFoundError")
    }))

  it.effect("template insert of existing id fails", () =>
    Effect.gen(function*() {
      const store = yield* TemplateStore
      const template = templateFixture(id<TemplateId>("template"))
      yield* store.insert(template)
      const error = yield* expectFailure(store.insert({ ...template, title: "Dubblett" }))
      expect(error._tag).toBe("StorageError")
      expect(Option.getOrThrow(yield* store.get(template.id)).title).toBe(template.title)
    }))

  it.effect("grading scale round-trip, update and conflict", () =>
    Effect.gen(function*() {
      const store = yield* GradingScaleStore
      const scale = scaleFixture(id<GradingScaleId>("scale"))
      yield* store.insert(scale)
      const encode = Schema.encodeSync(GradingScale)
      expect(encode(Option.getOrThrow(yield* store.get(scale.id)))).toEqual(encode(scale))
      expect((yield* store.list()).some((s) => s.id === scale.id)).toBe(true)

      const updated = yield* store.update(scale.id, 1 as Version, { steps: ["Nej", "Ja"] }, later)
      expect(updated.steps).toEqual(["Nej", "Ja"])
      expect(updated.name).toBe(scale.name)
      expect(updated.version).toBe(2)

      const error = yield* expectFailure(store.update(scale.id, 1 as Version, { name: "Stale" }, later))
      expect(error._tag).toBe("VersionConflictError")
      if (error._tag === "VersionConflictError") expect(encode(error.currentValue as GradingScale)).toEqual(encode(updated))

      yield* store.delete(scale.id)
      expect(Option.isNone(yield* store.get(scale.id))).toBe(true)
      expect((yield* expectFailure(store.delete(scale.id)))._tag).toBe("NotFoundError")
    }))

  it.effect("assessment getMany and listByCourses", () =>
    Effect.gen(function*() {
      const store = yield* AssessmentStore
      const course = id<CourseId>("course")
      const other = id<CourseId>("course")
      const teacher = id<PersonId>("teacher")
      const a = assessmentFixture(id<AssessmentId>("assessment"), course, teacher)
      const b = assessmentFixture(id<AssessmentId>("assessment"), course, teacher, id<GradingScaleId>("scale"))
      const c = assessmentFixture(id<AssessmentId>("assessment"), other, teacher)
      for (const assessment of [a, b, c]) yield* store.insert(assessment)

      const many = yield* store.getMany([a.id, c.id, id<AssessmentId>("missing")])
      expect(sortBy(many, (x) => x.id).map((x) => x.id)).toEqual(sortBy([a, c], (x) => x.id).map((x) => x.id))
      const inCourse = yield* store.listByCourses([course])
      expect(sortBy(inCourse, (x) => x.id).map((x) => x.id)).toEqual(sortBy([a, b], (x) => x.id).map((x) => x.id))
      expect(yield* store.listByCourses([])).toEqual([])
      expect(Option.getOrThrow(yield* store.get(b.id)).gradingScaleId).toBe(b.gradingScaleId)
    }))

  it.effect("assessment update conflict carries current value", () =>
    Effect.gen(function*() {
      const store = yield* AssessmentStore
      const assessment = assessmentFixture(id<AssessmentId>("assessment"), id<CourseId>("course"), id<PersonId>("teacher"))
      yield* store.insert(assessment)
      const updated = yield* store.update(assessment.id, 1 as Version, { visibleToPupils: true, gradingScaleId: null }, later)
      expect(updated.visibleToPupils).toBe(true)
      expect(updated.selfAssessmentEnabled).toBe(true)
      const error = yield* expectFailure(store.update(assessment.id, 1 as Version, { title: "Stale" }, later))
      expect(error._tag).toBe("VersionConflictError")
      if (error._tag !== "VersionConflictError") return
      expect(error.currentVersion).toBe(2)
      expect((error.currentValue as typeof updated).visibleToPupils).toBe(true)
    }))

  it.effect("assessment delete cascades to its entries", () =>
    Effect.gen(function*() {
      const store = yield* AssessmentStore
      const entries = yield* EntryStore
      const teacher = id<PersonId>("teacher")
      const pupil = id<PersonId>("pupil")
      const doomed = assessmentFixture(id<AssessmentId>("assessment"), id<CourseId>("course"), teacher)
      const kept = assessmentFixture(id<AssessmentId>("assessment"), id<CourseId>("course"), teacher)
      yield* store.insert(doomed)
      yield* store.insert(kept)
      yield* entries.write({ assessmentId: doomed.id, pupilId: pupil, expectedVersion: null, comment: "Tas bort" }, later, teacher)
      yield* entries.write({ assessmentId: kept.id, pupilId: pupil, expectedVersion: null, comment: "Finns kvar" }, later, teacher)

      yield* store.delete(doomed.id)
      expect(Option.isNone(yield* store.get(doomed.id))).toBe(true)
      expect(yield* entries.listByAssessments([doomed.id])).toEqual([])
      expect((yield* entries.listByPupils([pupil])).map((e) => e.assessmentId)).toEqual([kept.id])
      expect((yield* expectFailure(store.delete(doomed.id)))._tag).toBe("NotFoundError")
    }))
}
