// Pages rendered from views that the services produced for each role, so the pages show exactly
// what each role may read: nothing is hand-built here except the data the services store.
import { describe, expect, it } from "@effect/vitest"
import type { PersonId } from "@iupkit/core"
import {
  entriesToCsv,
  renderCoursePage,
  renderErrorPage,
  renderGuardianPage,
  renderMentorPage,
  renderOverviewPage,
  renderPlanPage,
  renderPrintPage,
  renderPupilPage,
  renderPupilPlansPage
} from "@iupkit/render-html"
import { Administration, Exports, Guardians, Mentoring, Plans, Pupils, Teaching } from "@iupkit/services"
import { Effect, Either } from "effect"
import { as, ids, makeTestLayer } from "../../services/test/fixtures.js"
import { seed } from "../../services/test/seed.js"
import { attr, byClass, elements, one, parseDocument, query, text } from "./html.js"

const texts = {
  goal: "Pia övar på bråk varje vecka.",
  pupilWords: "Jag vill bli säkrare på bråk.",
  homeWords: "Hemma räknar vi med recept.",
  mentorNote: "Mentorns egen anteckning om samtalet.",
  hiddenComment: "Ännu inte synligt."
}

// Seeds the services' sample school, then writes every field of Pia's plan as the role allowed to
// write it, and adds a course with a four-step scale for the overview.
const world = Effect.gen(function*() {
  const data = yield* seed
  const plans = yield* Plans
  const administration = yield* Administration
  const teaching = yield* Teaching
  const pupils = yield* Pupils
  const mentorView = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
  const fieldId = (heading: string) => mentorView.fields.find((field) => field.heading === heading)!.fieldId
  const write = (actor: PersonId, heading: string, value: string) =>
    plans.updateField(as(actor), { planId: data.p1Plan.id, fieldId: fieldId(heading), expectedVersion: 1, value })
  yield* write(ids.anna, "Mål", texts.goal)
  yield* write(ids.anna, "Mentorns anteckning", texts.mentorNote)
  yield* write(ids.p1, "Elevens ord", texts.pupilWords)
  yield* write(ids.g1, "Hemmets ord", texts.homeWords)
  yield* pupils.selfAssess(as(ids.p1), {
    assessmentId: data.assessment.id,
    expectedVersion: data.entry.version,
    level: "Mer än godtagbart",
    comment: "Jag tycker att bråk har blivit lättare."
  })
  const fourSteps = yield* administration.createGradingScale(as(ids.siteAdmin), {
    name: "Fyra steg",
    steps: ["E", "C", "B", "A"]
  })
  const swedish = yield* teaching.createAssessment(as(ids.ulla), {
    courseId: "sv-7",
    title: "Omdöme svenska HT 2026",
    gradingScaleId: fourSteps.id,
    visibleToPupils: true,
    selfAssessmentEnabled: false
  })
  yield* teaching.writeEntry(as(ids.ulla), {
    assessmentId: swedish.assessment.id,
    pupilId: ids.p1,
    expectedVersion: null,
    level: "C",
    comment: "Läser med god förståelse."
  })
  return data
})

const forbiddenTexts = (html: string, hidden: ReadonlyArray<string>) => hidden.filter((value) => html.includes(value))

describe("pages from service views", () => {
  it.effect("mentor page lists plans and entries", () =>
    Effect.gen(function*() {
      yield* world
      const view = yield* (yield* Mentoring).page(as(ids.anna))
      const page = parseDocument(renderMentorPage(view))
      const [current] = query(page, "table", { class: "plans" })
      expect(query(current!, "a").map((link) => text(link))).toEqual(["IUP HT 2026", "IUP HT 2026"])
      expect(text(current!)).toContain("Pia Elev")
      expect(text(current!)).toContain("Per Elev")
      const entries = one(query(page, "table", { class: "entries" }), "entries")
      expect(text(entries)).toContain("Arbetar bra med bråk.")
      // Mentors read every entry of their mentees, also of assessments hidden from pupils.
      expect(text(entries)).toContain(texts.hiddenComment)
      const mentees = query(page, "input", { name: "pupilIds" }).map((input) => attr(input, "value"))
      expect(mentees.toSorted()).toEqual([ids.p1, ids.p2])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("mentor plan page edits every field", () =>
    Effect.gen(function*() {
      const data = yield* world
      const view = yield* (yield* Plans).getPlan(as(ids.anna), data.p1Plan.id)
      const page = parseDocument(renderPlanPage(view))
      const fields = query(page, "details", { class: "plan-field" })
      expect(fields.map((field) => text(one(query(field, "summary"), "summary")))).toEqual([
        "Mål",
        "Elevens ord",
        "Hemmets ord",
        "Mentorns anteckning"
      ])
      for (const field of fields) expect(query(field, "textarea")).toHaveLength(1)
      expect(query(page, "form", { class: "header-form" })).toHaveLength(1)
      expect(query(page, "form", { action: `/plans/${data.p1Plan.id}/delete` })).toHaveLength(1)
      expect(text(page)).toContain(texts.mentorNote)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("pupil plan page hides what it may not read", () =>
    Effect.gen(function*() {
      const data = yield* world
      const view = yield* (yield* Plans).getPlan(as(ids.p1), data.p1Plan.id)
      const html = renderPlanPage(view)
      const page = parseDocument(html)
      const fields = query(page, "details", { class: "plan-field" })
      expect(fields.map((field) => text(one(query(field, "summary"), "summary")))).toEqual(["Mål", "Elevens ord"])
      expect(query(fields[0]!, "textarea")).toHaveLength(0)
      expect(text(one(query(fields[1]!, "textarea"), "own field"))).toBe(texts.pupilWords)
      expect(text(page)).toContain(texts.goal)
      expect(forbiddenTexts(html, [texts.homeWords, texts.mentorNote, "Hemmets ord", "Mentorns anteckning", texts.hiddenComment])).toEqual([])
      expect(query(page, "form", { class: "header-form" })).toHaveLength(0)
      expect(elements(page).filter((element) => attr(element, "action")?.endsWith("/delete"))).toHaveLength(0)
      expect(byClass(page, "notice-sensitive")).toHaveLength(1)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("guardian and teacher plan pages", () =>
    Effect.gen(function*() {
      const data = yield* world
      const plans = yield* Plans
      const guardian = parseDocument(renderPlanPage(yield* plans.getPlan(as(ids.g1), data.p1Plan.id)))
      const guardianFields = query(guardian, "details", { class: "plan-field" })
      expect(guardianFields.map((field) => [text(one(query(field, "summary"), "summary")), query(field, "textarea").length])).toEqual([
        ["Mål", 0],
        ["Elevens ord", 0],
        ["Hemmets ord", 1]
      ])
      expect(text(guardian)).not.toContain(texts.mentorNote)
      const teacherHtml = renderPlanPage(yield* plans.getPlan(as(ids.tea), data.p1Plan.id))
      const teacher = parseDocument(teacherHtml)
      expect(query(teacher, "details", { class: "plan-field" }).map((field) => text(one(query(field, "summary"), "summary")))).toEqual(["Mål"])
      expect(forbiddenTexts(teacherHtml, [texts.pupilWords, texts.homeWords, texts.mentorNote])).toEqual([])
      expect(query(teacher, "form")).toHaveLength(0)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("teacher sees a pupil's published plans", () =>
    Effect.gen(function*() {
      const data = yield* world
      const mentoring = yield* Mentoring
      const template = (yield* mentoring.page(as(ids.anna))).templates[0]!
      yield* mentoring.createPlans(as(ids.anna), {
        pupilIds: [ids.p1],
        plan: { templateId: template.id, title: "IUP VT 2026", startDate: "2026-01-10", endDate: "2026-06-10" }
      })
      const plans = yield* Plans
      const mentorPage = parseDocument(renderPupilPlansPage(yield* plans.plansOfPupil(as(ids.anna), ids.p1)))
      expect(query(mentorPage, "h1").map((heading) => text(heading))).toEqual(["Alla planer för Pia Elev"])
      const [current, archived] = query(mentorPage, "table", { class: "plans" })
      expect(query(current!, "a").map((link) => attr(link, "href"))).toEqual([`/plans/${data.p1Plan.id}`])
      expect(query(archived!, "a").map((link) => text(link))).toEqual(["IUP VT 2026"])
      // The archived plan was never published, so the teacher does not see it.
      const teacherPage = parseDocument(renderPupilPlansPage(yield* plans.plansOfPupil(as(ids.tea), ids.p1)))
      expect(query(teacherPage, "table", { class: "plans" })).toHaveLength(1)
      expect(text(teacherPage)).toContain("Det finns inga arkiverade planer.")
      expect(text(teacherPage)).not.toContain("IUP VT 2026")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("pupil page shows visible assessments only", () =>
    Effect.gen(function*() {
      yield* world
      const html = renderPupilPage(yield* (yield* Pupils).page(as(ids.p1)))
      const page = parseDocument(html)
      expect(query(page, "a").map((link) => text(link))).toContain("IUP HT 2026")
      const cards = query(page, "article", { class: "assessment-card" })
      const titles = cards.map((card) => text(one(query(card, "h3"), "card heading")))
      expect(titles).toContain("Matematik 7: Omdöme HT 2026")
      expect(titles).not.toContain("Matematik 7: Utkast HT 2026")
      const math = cards[titles.indexOf("Matematik 7: Omdöme HT 2026")]!
      const form = one(query(math, "form"), "self-assessment form")
      const selected = query(form, "option").filter((option) => attr(option, "selected") !== undefined)
      expect(selected.map((option) => text(option))).toEqual(["Mer än godtagbart"])
      expect(forbiddenTexts(html, [texts.hiddenComment, "Utkast HT 2026", texts.mentorNote, texts.homeWords])).toEqual([])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("guardian pages by number of children", () =>
    Effect.gen(function*() {
      yield* world
      const guardians = yield* Guardians
      const single = parseDocument(renderGuardianPage(yield* guardians.page(as(ids.g1))))
      expect(query(single, "h1").map((heading) => text(heading))).toEqual(["Pia Elev"])
      expect(query(single, "form")).toHaveLength(0)
      const several = parseDocument(renderGuardianPage(yield* guardians.page(as(ids.g2))))
      expect(query(several, "h1").map((heading) => text(heading))).toEqual(["Dina barn"])
      expect(query(several, "h2").map((heading) => text(heading)).length).toBeGreaterThanOrEqual(2)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("course page grid for the teacher", () =>
    Effect.gen(function*() {
      const data = yield* world
      const view = yield* (yield* Teaching).coursePage(as(ids.tea), "math-7")
      const page = parseDocument(renderCoursePage(view))
      const sections = query(page, "section", { class: "assessment" })
      const graded = sections.find((section) => text(one(query(section, "h2"), "h2")) === "Omdöme HT 2026")!
      const rows = query(one(query(graded, "tbody"), "tbody"), "tr")
      expect(rows.length).toBe(view.pupils.length)
      const pia = rows.find((row) => text(one(query(row, "th"), "row header")) === "Pia Elev")!
      const versions = query(pia, "input", { name: "version" })
      expect(versions.map((input) => attr(input, "value"))).toEqual([String(data.entry.version + 1)])
      expect(text(pia)).toContain("Mer än godtagbart")
      const per = rows.find((row) => text(one(query(row, "th"), "row header")) === "Per Elev")!
      expect(query(per, "input", { name: "version" }).map((input) => attr(input, "value"))).toEqual(["new"])
      const plans = one(query(page, "section", { "aria-labelledby": "course-plans" }), "plans")
      expect(query(plans, "a", { href: `/plans/${data.p1Plan.id}` })).toHaveLength(1)
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("overview explains the four-step scale", () =>
    Effect.gen(function*() {
      yield* world
      const view = yield* (yield* Mentoring).overview(as(ids.anna))
      const page = parseDocument(renderOverviewPage(view))
      const table = one(query(page, "table", { class: "overview" }), "overview")
      expect(query(one(query(table, "thead"), "thead"), "th").map((th) => text(th))).toEqual(["Elev", "Matematik 7"])
      expect(text(table)).toContain("Godtagbart")
      expect(text(table)).toContain("steg 2 av 3")
      expect(text(one(query(page, "section", { id: "unsupported" }), "explanation"))).toContain(
        "Svenska 7: bedömningsskalan har 4 steg."
      )
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("print view of exported plans", () =>
    Effect.gen(function*() {
      const data = yield* world
      const exports = yield* Exports
      const view = yield* exports.exportPlans(as(ids.anna), { planIds: [data.p1Plan.id, data.p2Plan.id] })
      const page = parseDocument(Either.getOrThrow(renderPrintPage(view)))
      expect(query(page, "article", { class: "print-plan" })).toHaveLength(2)
      expect(query(page, "form")).toHaveLength(0)
      const tooMany = Array.from({ length: 101 }, (_, index) => `plan-${index}`)
      const error = yield* Effect.flip(exports.exportPlans(as(ids.anna), { planIds: tooMany }))
      const errorPage = parseDocument(renderErrorPage(error))
      expect(text(one(query(errorPage, "h1"), "h1"))).toBe("För många planer")
      expect(text(errorPage)).toContain("Du valde 101 planer")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("csv of a course's entries", () =>
    Effect.gen(function*() {
      yield* world
      const exports = yield* Exports
      const { entries } = yield* exports.assessmentEntries(as(ids.tea), { _tag: "course", courseId: "math-7" })
      const csv = entriesToCsv(entries, { byteOrderMark: false })
      expect(csv).toContain("Pia,Elev,Matematik 7,GRGRMAT01,Omdöme HT 2026,Godtagbart,Arbetar bra med bråk.")
      expect(csv).not.toContain("Läser med god förståelse.")
    }).pipe(Effect.provide(makeTestLayer())))
})
