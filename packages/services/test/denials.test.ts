import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Administration, Documents, Exports, Mentoring, Plans, Pupils, Teaching } from "../src/index.js"
import { as, ids, makeTestLayer, snapshot } from "./fixtures.js"
import { minimalPdf } from "./files.js"
import { seed } from "./seed.js"

/** Runs a rejected operation and proves the stores are unchanged afterwards. */
const rejected = <A, E extends { readonly _tag: string }>(operation: Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const before = yield* snapshot
    const error = yield* Effect.flip(operation)
    const after = yield* snapshot
    expect(after).toEqual(before)
    return error
  })

/** Runs each case, expecting its error tag and an unchanged store. */
const expectRejections = (
  cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, { readonly _tag: string }>, string]>
) =>
  Effect.forEach(cases, ([name, operation, expected]) =>
    Effect.map(rejected(operation), (error) => expect(error._tag, name).toBe(expected)), { discard: true })

describe("denials", () => {
  it.effect("plan writes by the wrong people", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const view = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      const fieldId = (heading: string) => view.fields.find((field) => field.heading === heading)!.fieldId
      const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, { readonly _tag: string }>, string]> = [
        [ids.p2, plans.updateHeader(as(ids.p2), data.p2Plan.id, 1, { title: "x" }), "NotFoundError"],
        [ids.g2, plans.publish(as(ids.g2), data.p2Plan.id, 1), "NotFoundError"],
        [ids.tea, plans.publish(as(ids.tea), data.p2Plan.id, 1), "NotFoundError"],
        [ids.p1, plans.updateHeader(as(ids.p1), data.p1Plan.id, data.p1HeaderVersion, { title: "x" }), "ForbiddenError"],
        [ids.tea, plans.unpublish(as(ids.tea), data.p1Plan.id, data.p1HeaderVersion), "ForbiddenError"],
        [ids.g1, plans.deletePlan(as(ids.g1), data.p1Plan.id), "ForbiddenError"],
        [ids.stranger, plans.deletePlan(as(ids.stranger), data.p2Plan.id), "NotFoundError"],
        [ids.oldMentor, plans.deletePlan(as(ids.oldMentor), data.p1Plan.id), "NotFoundError"],
        [ids.northAdmin, plans.updateField(as(ids.northAdmin), { planId: data.p1Plan.id, fieldId: fieldId("Mål"), expectedVersion: 1, value: "x" }), "ForbiddenError"],
        [ids.p1, plans.updateField(as(ids.p1), { planId: data.p1Plan.id, fieldId: fieldId("Mål"), expectedVersion: 1, value: "x" }), "ForbiddenError"],
        [ids.p1, plans.updateField(as(ids.p1), { planId: data.p1Plan.id, fieldId: fieldId("Mentorns anteckning"), expectedVersion: 1, value: "x" }), "NotFoundError"],
        [ids.p1, plans.updateField(as(ids.p1), { planId: data.p1Plan.id, fieldId: fieldId("Hemmets ord"), expectedVersion: 1, value: "x" }), "NotFoundError"],
        [ids.g1, plans.updateField(as(ids.g1), { planId: data.p1Plan.id, fieldId: fieldId("Elevens ord"), expectedVersion: 1, value: "x" }), "ForbiddenError"],
        [ids.tea, plans.updateField(as(ids.tea), { planId: data.p1Plan.id, fieldId: fieldId("Mål"), expectedVersion: 1, value: "x" }), "ForbiddenError"],
        [ids.anna, plans.getPlan(as(ids.anna), "no-such-plan"), "NotFoundError"],
        [ids.anna, plans.updateField(as(ids.anna), { planId: data.p1Plan.id, fieldId: "no-such-field", expectedVersion: 1, value: "x" }), "NotFoundError"]
      ]
      yield* expectRejections(cases)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("plan creation is all or nothing", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const mentoring = yield* Mentoring
      const plan = { templateId: data.template.id, title: "IUP", startDate: "2026-09-01", endDate: null }
      const stranger = yield* rejected(mentoring.createPlans(as(ids.anna), { pupilIds: [ids.p1, ids.p3], plan }))
      expect(stranger).toMatchObject({ _tag: "NotFoundError", kind: "person", id: ids.p3 })
      const teacherOnly = yield* rejected(mentoring.createPlans(as(ids.ulla), { pupilIds: [ids.p1], plan }))
      expect(teacherOnly._tag).toBe("ForbiddenError")
      const unknownTemplate = yield* rejected(
        mentoring.createPlans(as(ids.anna), { pupilIds: [ids.p1], plan: { ...plan, templateId: "no-such-template" } })
      )
      expect(unknownTemplate).toMatchObject({ _tag: "NotFoundError", kind: "template" })
      const backwards = yield* rejected(
        mentoring.createPlans(as(ids.anna), { pupilIds: [ids.p1], plan: { ...plan, endDate: "2026-08-01" } })
      )
      expect(backwards).toMatchObject({ _tag: "InvalidInputError", field: "plan.endDate" })
      const nul = yield* rejected(mentoring.createPlans(as(ids.anna), { pupilIds: [ids.p1], plan: { ...plan, title: "a\u0000b" } }))
      expect(nul).toMatchObject({ _tag: "InvalidInputError", field: "plan.title" })
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("hidden template is not offered", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const administration = yield* Administration
      yield* administration.setTemplateHidden(as(ids.siteAdmin), data.template.id, 1, true)
      const mentoring = yield* Mentoring
      const page = yield* mentoring.page(as(ids.anna))
      expect(page.templates).toEqual([])
      const error = yield* rejected(mentoring.createPlans(as(ids.anna), {
        pupilIds: [ids.p1],
        plan: { templateId: data.template.id, title: "IUP", startDate: "2026-09-01", endDate: null }
      }))
      expect(error).toMatchObject({ _tag: "NotFoundError", kind: "template" })
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("administration by the wrong people", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const administration = yield* Administration
      const input = { title: "Mall", scope: { _tag: "site" }, fields: [{ heading: "Mål", visibleTo: ["pupil"], editableBy: [] }] } as const
      const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, { readonly _tag: string }>, string]> = [
        ["org admin, site scope", administration.createTemplate(as(ids.northAdmin), input), "ForbiddenError"],
        ["org admin, other org", administration.createTemplate(as(ids.northAdmin), { ...input, scope: { _tag: "organisation", organisationId: "south" } }), "ForbiddenError"],
        ["mentor creates", administration.createTemplate(as(ids.anna), input), "ForbiddenError"],
        ["mentor edits offered", administration.updateTemplate(as(ids.anna), data.template.id, 1, { title: "x" }), "ForbiddenError"],
        ["stranger deletes", administration.deleteTemplate(as(ids.stranger), data.template.id), "NotFoundError"],
        ["pupil hides", administration.setTemplateHidden(as(ids.p1), data.template.id, 1, true), "NotFoundError"],
        ["org admin edits site template", administration.updateTemplate(as(ids.northAdmin), data.template.id, 1, { title: "x" }), "NotFoundError"],
        ["org admin scale", administration.createGradingScale(as(ids.northAdmin), { name: "S", steps: ["a", "b"] }), "ForbiddenError"],
        ["teacher edits scale", administration.updateGradingScale(as(ids.tea), data.scale.id, 1, { name: "x" }), "ForbiddenError"],
        ["unknown scale", administration.deleteGradingScale(as(ids.siteAdmin), "no-such-scale"), "NotFoundError"],
        ["org admin, other org plans", administration.createPlansForOrganisation(as(ids.northAdmin), { organisationId: "south", plan: {
          templateId: data.template.id, title: "IUP", startDate: "2026-09-01", endDate: null } }), "ForbiddenError"],
        ["org admin, whole site", administration.createPlansForOrganisation(as(ids.northAdmin), { organisationId: null, plan: {
          templateId: data.template.id, title: "IUP", startDate: "2026-09-01", endDate: null } }), "ForbiddenError"],
        ["mentor, organisation plans", administration.createPlansForOrganisation(as(ids.anna), { organisationId: "north", plan: {
          templateId: data.template.id, title: "IUP", startDate: "2026-09-01", endDate: null } }), "NotFoundError"],
        ["pupil without mentor", administration.createPlansForOrganisation(as(ids.northAdmin), { organisationId: "north", plan: {
          templateId: data.template.id, title: "IUP", startDate: "2026-09-01", endDate: null } }), "PupilsWithoutMentorError"],
        ["duplicate steps", administration.createGradingScale(as(ids.siteAdmin), { name: "S", steps: ["A", "a"] }), "InvalidInputError"],
        ["edit without read", administration.createTemplate(as(ids.siteAdmin), { ...input, fields: [{ heading: "x", visibleTo: [], editableBy: ["pupil"] }] }), "InvalidInputError"]
      ]
      yield* expectRejections(cases)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("assessments by the wrong people", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const pupils = yield* Pupils
      const current = (yield* teaching.coursePage(as(ids.tea), "math-7")).assessments
        .find((a) => a.id === data.assessment.id)!.rows.find((row) => row.pupil.id === ids.p1)!.entry!
      const { assessment: noSelf } = yield* teaching.createAssessment(as(ids.tea), {
        courseId: "math-7", title: "Prov HT 2026", gradingScaleId: null, visibleToPupils: true, selfAssessmentEnabled: false
      })
      const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, { readonly _tag: string }>, string]> = [
        ["other teacher's course page", teaching.coursePage(as(ids.ulla), "math-7"), "NotFoundError"],
        ["unknown course", teaching.coursePage(as(ids.tea), "no-such-course"), "NotFoundError"],
        ["create in other course", teaching.createAssessment(as(ids.ulla), { courseId: "math-7", title: "x", gradingScaleId: null, visibleToPupils: false, selfAssessmentEnabled: false }), "NotFoundError"],
        ["unknown scale", teaching.createAssessment(as(ids.tea), { courseId: "math-7", title: "x", gradingScaleId: "no-such-scale", visibleToPupils: false, selfAssessmentEnabled: false }), "NotFoundError"],
        ["mentor retitles", teaching.updateAssessment(as(ids.anna), data.assessment.id, 1, { title: "x" }), "ForbiddenError"],
        ["guardian deletes visible", teaching.deleteAssessment(as(ids.g1), data.assessment.id), "ForbiddenError"],
        ["guardian deletes hidden", teaching.deleteAssessment(as(ids.g1), data.hidden.id), "NotFoundError"],
        ["stranger retitles", teaching.updateAssessment(as(ids.stranger), data.assessment.id, 1, { title: "x" }), "NotFoundError"],
        ["other teacher writes", teaching.writeEntry(as(ids.ulla), { assessmentId: data.assessment.id, pupilId: ids.p1, expectedVersion: current.version, comment: "x" }), "NotFoundError"],
        ["pupil outside course", teaching.writeEntry(as(ids.tea), { assessmentId: data.assessment.id, pupilId: ids.p4, expectedVersion: null, comment: "x" }), "NotFoundError"],
        ["level off the scale", teaching.writeEntry(as(ids.tea), { assessmentId: data.assessment.id, pupilId: ids.p1, expectedVersion: current.version, level: "Bra" }), "InvalidInputError"],
        ["stale entry", teaching.writeEntry(as(ids.tea), { assessmentId: data.assessment.id, pupilId: ids.p1, expectedVersion: null, comment: "x" }), "VersionConflictError"],
        ["one stale in bulk", teaching.setLevelForPupils(as(ids.tea), { assessmentId: data.assessment.id, level: "Godtagbart", entries: [
          { pupilId: ids.p2, expectedVersion: null }, { pupilId: ids.p1, expectedVersion: null }] }), "VersionConflictError"],
        ["one outside course in bulk", teaching.setLevelForPupils(as(ids.tea), { assessmentId: data.assessment.id, level: "Godtagbart", entries: [
          { pupilId: ids.p2, expectedVersion: null }, { pupilId: ids.p4, expectedVersion: null }] }), "NotFoundError"],
        ["scale change strands levels", teaching.updateAssessment(as(ids.tea), data.assessment.id, 1, { gradingScaleId: null }), "InvalidInputError"],
        ["self-assess hidden", pupils.selfAssess(as(ids.p1), { assessmentId: data.hidden.id, expectedVersion: 1, level: null, comment: "x" }), "NotFoundError"],
        ["self-assess switched off", pupils.selfAssess(as(ids.p1), { assessmentId: noSelf.id, expectedVersion: null, level: null, comment: "x" }), "ForbiddenError"],
        ["self-assess outside course", pupils.selfAssess(as(ids.p4), { assessmentId: data.assessment.id, expectedVersion: null, level: null, comment: "x" }), "NotFoundError"],
        ["self-assess off scale", pupils.selfAssess(as(ids.p1), { assessmentId: data.assessment.id, expectedVersion: current.version, level: "Bra", comment: "x" }), "InvalidInputError"]
      ]
      yield* expectRejections(cases)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("exports and documents by the wrong people", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const exports = yield* Exports
      const documents = yield* Documents
      const stored = yield* documents.upload(as(ids.anna), { pupilId: ids.p1, title: "Gammal plan", fileName: "plan.pdf", bytes: minimalPdf })
      const tooMany = Array.from({ length: 101 }, (_, i) => `plan-${i}`)
      const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, { readonly _tag: string }>, string]> = [
        ["pupil exports", exports.exportPlans(as(ids.p1), { planIds: [data.p1Plan.id] }), "ForbiddenError"],
        ["teacher exports", exports.exportPlans(as(ids.tea), { planIds: [data.p1Plan.id] }), "ForbiddenError"],
        ["stranger exports", exports.exportPlans(as(ids.stranger), { planIds: [data.p1Plan.id] }), "NotFoundError"],
        ["too many", exports.exportPlans(as(ids.siteAdmin), { planIds: tooMany }), "ExportLimitExceededError"],
        ["pupil uploads", documents.upload(as(ids.p1), { pupilId: ids.p1, title: "x", fileName: "x.pdf", bytes: minimalPdf }), "ForbiddenError"],
        ["stranger uploads", documents.upload(as(ids.stranger), { pupilId: ids.p1, title: "x", fileName: "x.pdf", bytes: minimalPdf }), "NotFoundError"],
        ["guardian deletes", documents.delete(as(ids.g1), stored.id), "ForbiddenError"],
        ["stranger downloads", documents.download(as(ids.stranger), stored.id), "NotFoundError"],
        ["old mentor lists", documents.list(as(ids.oldMentor), ids.p1), "NotFoundError"],
        ["text as pdf", documents.upload(as(ids.anna), { pupilId: ids.p1, title: "x", fileName: "x.pdf", bytes: new TextEncoder().encode("hej") }), "InvalidInputError"],
        ["pupil imports", documents.importPlan(as(ids.p1), { pupilId: ids.p1, title: "x", date: "2019-05-01", content: { _tag: "text", text: "x" } }), "ForbiddenError"]
      ]
      yield* expectRejections(cases)
    }).pipe(Effect.provide(makeTestLayer())))
})
