// Forms rendered from service views, submitted as a browser would, turned into requests with the
// form readers and sent to the services: the pages' field names and the services' requests agree.
import { describe, expect, it } from "@effect/vitest"
import {
  assessmentSettingsRequest,
  bulkCreateRequest,
  checkboxRule,
  describeError,
  entryWriteRequest,
  fieldWriteRequest,
  levelsRequest,
  newAssessmentRequest,
  planHeaderRequest,
  planSelectionRequest,
  renderCoursePage,
  renderMentorPage,
  renderPlanPage,
  renderPupilPage,
  selfAssessmentRequest
} from "@iupkit/render-html"
import { Exports, Mentoring, Plans, Pupils, Teaching } from "@iupkit/services"
import { Effect, Either } from "effect"
import { as, ids, makeTestLayer } from "../../services/test/fixtures.js"
import { seed } from "../../services/test/seed.js"
import { one, parseDocument, query, submitForm } from "./html.js"

const accept = <A, E>(result: Either.Either<A, E>): A => Either.getOrThrow(result)

describe("form requests", () => {
  it.effect("bulk form creates plans for all mentees", () =>
    Effect.gen(function*() {
      yield* seed
      const mentoring = yield* Mentoring
      const page = parseDocument(renderMentorPage(yield* mentoring.page(as(ids.anna))))
      const form = one(query(page, "form", { class: "bulk-create" }), "bulk form")
      const body = submitForm(page, form, {
        fill: { "plan-title": "IUP VT 2027", "plan-start": "2027-01-10", "plan-end": "" }
      })
      expect(body["selection"]).toBe("all")
      const request = accept(bulkCreateRequest(body))
      expect(request.pupilIds).toBe("all")
      const created = yield* mentoring.createPlans(as(ids.anna), request)
      expect(created.plans.map((plan) => plan.pupil.id).toSorted()).toEqual([ids.p1, ids.p2])
      expect(created.plans.every((plan) => plan.endDate === null && plan.title === "IUP VT 2027")).toBe(true)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("bulk form creates plans for chosen pupils", () =>
    Effect.gen(function*() {
      yield* seed
      const mentoring = yield* Mentoring
      const page = parseDocument(renderMentorPage(yield* mentoring.page(as(ids.anna))))
      const form = one(query(page, "form", { class: "bulk-create" }), "bulk form")
      const body = submitForm(page, form, {
        fill: { "plan-title": "Extra samtal VT 2027", "plan-start": "2027-02-01", "plan-end": "2027-06-15" },
        check: ["selection-chosen", `pupil-${ids.p2}`]
      })
      const request = accept(bulkCreateRequest(body))
      expect(request.pupilIds).toEqual([ids.p2])
      const created = yield* mentoring.createPlans(as(ids.anna), request)
      expect(created.plans.map((plan) => plan.pupil.id)).toEqual([ids.p2])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("plan forms write header and field", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const mentorPage = parseDocument(renderPlanPage(yield* plans.getPlan(as(ids.anna), data.p1Plan.id)))
      const header = one(query(mentorPage, "form", { class: "header-form" }), "header form")
      const headerRequest = accept(planHeaderRequest(submitForm(mentorPage, header, { fill: { "header-title": "IUP HT 2026, reviderad" } })))
      const changed = yield* plans.updateHeader(as(ids.anna), data.p1Plan.id, headerRequest.expectedVersion, headerRequest.patch)
      expect(changed).toBeDefined()

      const pupilView = yield* plans.getPlan(as(ids.p1), data.p1Plan.id)
      expect(pupilView.title).toBe("IUP HT 2026, reviderad")
      expect(pupilView.published).toBe(true)
      const own = pupilView.fields.find((field) => field.canEdit)!
      const pupilPage = parseDocument(renderPlanPage(pupilView))
      const fieldForm = one(query(pupilPage, "form", { action: `/plans/${data.p1Plan.id}/fields/${own.fieldId}` }), "field form")
      const write = accept(
        fieldWriteRequest(submitForm(pupilPage, fieldForm, { fill: { [`field-${own.fieldId}-value`]: "\nMina mål:\nläsa mer" } }), data.p1Plan.id, own.fieldId)
      )
      const updated = yield* plans.updateField(as(ids.p1), write)
      expect(updated.value).toBe("\nMina mål:\nläsa mer")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("archived plan form moves the end date", () =>
    Effect.gen(function*() {
      yield* seed
      const mentoring = yield* Mentoring
      const plans = yield* Plans
      const template = (yield* mentoring.page(as(ids.anna))).templates[0]!
      const created = yield* mentoring.createPlans(as(ids.anna), {
        pupilIds: [ids.p1],
        plan: { templateId: template.id, title: "IUP VT 2026", startDate: "2026-01-10", endDate: "2026-06-10" }
      })
      const archived = yield* plans.getPlan(as(ids.anna), created.plans[0]!.id)
      expect(archived.archived).toBe(true)
      const page = parseDocument(renderPlanPage(archived))
      const form = one(query(page, "form", { class: "header-form" }), "header form")
      expect(query(form, "input", { name: "title" })).toHaveLength(0)
      const request = accept(planHeaderRequest(submitForm(page, form, { fill: { "header-end": "2026-12-20" } })))
      expect(request.patch).toEqual({ endDate: "2026-12-20" })
      yield* plans.updateHeader(as(ids.anna), archived.id, request.expectedVersion, request.patch)
      const current = yield* plans.getPlan(as(ids.anna), archived.id)
      expect(current.archived).toBe(false)
      expect(current.endDate).toBe("2026-12-20")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("grid row and level forms write entries", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const teaching = yield* Teaching
      const page = parseDocument(renderCoursePage(yield* teaching.coursePage(as(ids.tea), "math-7")))
      const rowId = `entry-${data.assessment.id}-${ids.p2}`
      const row = one(query(page, "form", { id: rowId }), "row form")
      const rowRequest = accept(
        entryWriteRequest(
          submitForm(page, row, { fill: { [`${rowId}-level`]: "Otillräckligt", [`${rowId}-comment`]: "Behöver öva multiplikation." } }),
          data.assessment.id,
          ids.p2
        )
      )
      expect(rowRequest.expectedVersion).toBeNull()
      yield* teaching.writeEntry(as(ids.tea), rowRequest)

      const fresh = parseDocument(renderCoursePage(yield* teaching.coursePage(as(ids.tea), "math-7")))
      const levels = one(query(fresh, "form", { id: `levels-${data.assessment.id}` }), "levels form")
      const body = submitForm(fresh, levels, {
        fill: { [`levels-${data.assessment.id}-level`]: "Mer än godtagbart" },
        check: [`entry-${data.assessment.id}-${ids.p1}-select`, `entry-${data.assessment.id}-${ids.p2}-select`]
      })
      const request = accept(levelsRequest(body, data.assessment.id))
      expect(request.entries.map((entry) => entry.pupilId).toSorted()).toEqual([ids.p1, ids.p2])
      const written = yield* teaching.setLevelForPupils(as(ids.tea), request)
      expect(written.map((entry) => entry.level)).toEqual(["Mer än godtagbart", "Mer än godtagbart"])

      // The same form, submitted again from the old page, names stale versions and writes nothing.
      const stale = yield* Effect.flip(teaching.setLevelForPupils(as(ids.tea), request))
      expect(stale._tag).toBe("VersionConflictError")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("self-assessment form writes the pupil's own level", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const pupils = yield* Pupils
      const page = parseDocument(renderPupilPage(yield* pupils.page(as(ids.p1))))
      const form = one(query(page, "form", { action: `/assessments/${data.assessment.id}/self-assessment` }), "form")
      const prefix = `self-${data.assessment.id}`
      const request = accept(
        selfAssessmentRequest(
          submitForm(page, form, { fill: { [`${prefix}-level`]: "Godtagbart", [`${prefix}-comment`]: "Jag kan mer nu." } }),
          data.assessment.id
        )
      )
      const entry = yield* pupils.selfAssess(as(ids.p1), request)
      expect(entry.selfAssessment).toEqual({ level: "Godtagbart", comment: "Jag kan mer nu." })
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("plan selection exports checked plans", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const page = parseDocument(renderMentorPage(yield* (yield* Mentoring).page(as(ids.anna))))
      const form = one(query(page, "form", { id: "plan-selection" }), "selection form")
      const body = submitForm(page, form, { check: [`select-plan-${data.p1Plan.id}`] })
      const view = yield* (yield* Exports).exportPlans(as(ids.anna), planSelectionRequest(body))
      expect(view.plans.map((plan) => plan.id)).toEqual([data.p1Plan.id])
    }).pipe(Effect.provide(makeTestLayer())))
})

describe("form request errors", () => {
  it("rejects a bad version", () => {
    const result = fieldWriteRequest({ version: "3; drop", value: "x" }, "plan-1", "field-1")
    expect(Either.isLeft(result)).toBe(true)
    expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ _tag: "InvalidInputError", field: "version" })
  })

  it("rejects a missing title", () => {
    const result = bulkCreateRequest({ selection: "all", templateId: "t", startDate: "2026-08-01" })
    expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ field: "title", rule: "is missing from the form" })
  })

  it("rejects an unknown selection", () => {
    const result = bulkCreateRequest({ selection: "everyone", templateId: "t", title: "x", startDate: "2026-08-01" })
    expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ field: "selection" })
  })

  it("rejects foreign checkbox values", () => {
    const header = { version: "3", title: "IUP", startDate: "2026-08-01", endDate: "" }
    const errorOf = <A, E>(result: Either.Either<A, E>): E => Either.getOrThrow(Either.flip(result))
    const cases = [
      { field: "published", error: errorOf(planHeaderRequest({ ...header, published: "ja" })) },
      { field: "visibleToPupils", error: errorOf(assessmentSettingsRequest({ version: "2", title: "Prov", visibleToPupils: "ja" })) },
      { field: "selfAssessmentEnabled", error: errorOf(newAssessmentRequest({ title: "Prov", selfAssessmentEnabled: "false" }, "course-1")) }
    ]
    for (const { field, error } of cases) {
      expect(error).toMatchObject({ _tag: "InvalidInputError", field, rule: checkboxRule })
      expect(describeError(error).message).toContain("ogiltiga värdet")
    }
    expect(describeError(Either.flip(planHeaderRequest({ ...header, published: "ja" })).pipe(Either.getOrThrow)).message).toBe(
      "Publicerad: kryssrutan skickades med det ogiltiga värdet ”ja”. Ladda om sidan och försök igen."
    )
  })

  it("reads checkbox values the forms send", () => {
    const header = { version: "3", title: "IUP", startDate: "2026-08-01", endDate: "" }
    expect(Either.getOrThrow(planHeaderRequest({ ...header, published: "true" })).patch).toMatchObject({ published: true })
    expect(Either.getOrThrow(planHeaderRequest({ ...header, published: "on" })).patch).toMatchObject({ published: true })
    expect(Either.getOrThrow(planHeaderRequest(header)).patch).toMatchObject({ published: false })
  })

  it("reads new and numbered versions", () => {
    const request = Either.getOrThrow(
      levelsRequest({ level: "", pupilIds: ["a", "b", "a"], "version.a": "new", "version.b": "7" }, "assessment-1")
    )
    expect(request).toEqual({
      assessmentId: "assessment-1",
      level: null,
      entries: [
        { pupilId: "a", expectedVersion: null },
        { pupilId: "b", expectedVersion: 7 }
      ]
    })
  })
})
