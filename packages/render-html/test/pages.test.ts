import {
  ExportLimitExceededError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  VersionConflictError
} from "@iupkit/core"
import {
  makeRoutes,
  renderAdminPage,
  renderBulkCreateForm,
  renderCoursePage,
  renderErrorPage,
  renderGuardianPage,
  renderMentorPage,
  renderOverviewPage,
  renderPlanPage,
  renderPrintPage,
  renderPupilPage,
  renderPupilPlansPage,
  renderRoleRequiredPage,
  noticeFromQuery,
  renderSiteHeader,
  withNotice
} from "@iupkit/render-html"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { fixtures } from "./fixtures.js"
import {
  attr,
  byClass,
  elements,
  one,
  parseDocument,
  parseHtmlFragment,
  query,
  text,
  unlabelledControls
} from "./html.js"

const f = fixtures()
const csrf = { csrfToken: "token-123" }

const headings = (root: ReturnType<typeof parseDocument>, tag: string) => query(root, tag).map((element) => text(element).trim())

describe("mentor page", () => {
  const page = parseDocument(renderMentorPage(f.mentorPage, csrf))

  it("shows the three lists", () => {
    expect(headings(page, "h2")).toEqual(
      expect.arrayContaining(["Aktuella planer", "Arkiverade planer", "Skriftliga omdömen"])
    )
    const tables = query(page, "table")
    const captions = tables.map((table) => text(one(query(table, "caption"), "caption")))
    expect(captions).toEqual(["Aktuella planer", "Arkiverade planer", "Skriftliga omdömen"])
  })

  it("links every plan to its page", () => {
    const [current, archived] = query(page, "table", { class: "plans" })
    expect(query(current!, "a").map((link) => attr(link, "href"))).toEqual(["/plans/plan-1", "/plans/plan-2"])
    expect(query(archived!, "a").map((link) => attr(link, "href"))).toEqual(["/plans/plan-0"])
    expect(text(current!)).toContain("Utkast (inte publicerad)")
    expect(text(archived!)).toContain("Arkiverad")
  })

  it("offers all mentees without script", () => {
    const form = one(query(page, "form", { class: "bulk-create" }), "bulk-create form")
    expect(attr(form, "method")).toBe("post")
    expect(attr(form, "action")).toBe("/plans")
    const all = one(query(form, "input", { id: "selection-all" }), "all-mentees radio")
    expect(attr(all, "type")).toBe("radio")
    expect(attr(all, "name")).toBe("selection")
    expect(attr(all, "value")).toBe("all")
    expect(attr(all, "checked")).toBe("")
    const label = one(query(form, "label", { for: "selection-all" }), "label")
    expect(text(label)).toBe("Alla mina mentorselever (2 elever)")
    const pupils = query(form, "input", { name: "pupilIds" })
    expect(pupils.map((input) => attr(input, "value"))).toEqual(["pupil-1", "pupil-2"])
  })

  it("carries the CSRF token in every POST form", () => {
    for (const form of query(page, "form", { method: "post" })) {
      const token = one(query(form, "input", { name: "_csrf" }), "CSRF field")
      expect(attr(token, "value")).toBe("token-123")
    }
  })

  it("lists the assessments in the window", () => {
    const entries = one(query(page, "table", { class: "entries" }), "entries table")
    expect(text(entries)).toContain("Åsa Öberg")
    expect(text(entries)).toContain("Ängla Lindqvist")
    expect(text(entries)).toContain("Godtagbara kunskaper 2")
    expect(text(page)).toContain("Omdömen ändrade 4 augusti 2026 – 4 december 2026")
    const windowForm = one(query(page, "form", { method: "get" }), "window form")
    expect(attr(one(query(windowForm, "input", { name: "start" }), "start"), "value")).toBe("2026-08-04")
  })

  it("selects plans for print and export", () => {
    const form = one(query(page, "form", { class: "print-form" }), "print form")
    expect(attr(form, "action")).toBe("/plans/print")
    const pdf = one(query(form, "button", { formaction: "/plans/export.pdf" }), "PDF button")
    expect(text(pdf)).toBe("Ladda ner valda som PDF")
    const boxes = query(page, "input", { name: "planIds" })
    expect(boxes.map((box) => attr(box, "form"))).toEqual(["plan-selection", "plan-selection", "plan-selection"])
  })

  it("renders in English", () => {
    const english = parseDocument(renderMentorPage(f.mentorPage, { locale: "en" }))
    expect(attr(one(query(english, "html"), "html"), "lang")).toBe("en")
    expect(headings(english, "h2")).toEqual(expect.arrayContaining(["Current plans", "Archived plans", "Written assessments"]))
  })

  it("uses a host's routes", () => {
    const routed = parseDocument(renderMentorPage(f.mentorPage, { routes: makeRoutes("/iup") }))
    expect(attr(one(query(routed, "form", { class: "bulk-create" }), "form"), "action")).toBe("/iup/plans")
    expect(attr(one(query(routed, "link", { rel: "stylesheet" }), "stylesheet"), "href")).toBe("/iup/assets/iupkit.css")
  })

  it("renders the bulk form alone", () => {
    const fragment = parseHtmlFragment(renderBulkCreateForm(f.mentorPage, csrf))
    expect(query(fragment, "form")).toHaveLength(1)
    expect(query(fragment, "html")).toHaveLength(0)
    expect(query(fragment, "select", { name: "templateId" })).toHaveLength(1)
  })

  it("explains a mentor without mentees", () => {
    const empty = parseDocument(renderMentorPage({ ...f.mentorPage, mentees: [] }))
    expect(query(empty, "form", { class: "bulk-create" })).toHaveLength(0)
    expect(text(empty)).toContain("Du har inga mentorselever.")
  })
})

describe("admin page", () => {
  const plans = f.mentorPage.currentPlans
  const page = parseDocument(renderAdminPage(plans, csrf))

  it("lists the plans with checkboxes", () => {
    expect(headings(page, "h1")).toEqual(["Administration"])
    expect(text(page)).toContain("2 aktuella planer för elever i skolorna du administrerar.")
    const boxes = query(page, "input", { name: "planIds" })
    expect(boxes.map((box) => attr(box, "value"))).toEqual(["plan-1", "plan-2"])
    expect(boxes.map((box) => attr(box, "form"))).toEqual(["admin-export", "admin-export"])
  })

  it("offers every plan without script", () => {
    const form = one(query(page, "form", { class: "admin-export" }), "export form")
    expect(attr(form, "method")).toBe("post")
    expect(attr(form, "action")).toBe("/admin/export.pdf")
    expect(attr(one(query(form, "input", { name: "_csrf" }), "CSRF field"), "value")).toBe("token-123")
    const all = one(query(form, "input", { id: "export-all" }), "all-plans radio")
    expect(attr(all, "name")).toBe("selection")
    expect(attr(all, "value")).toBe("all")
    expect(text(one(query(form, "label", { for: "export-all" }), "label"))).toBe("Alla aktuella planer (2)")
    expect(attr(one(query(form, "input", { id: "export-chosen" }), "chosen radio"), "checked")).toBe("")
    expect(unlabelledControls(page)).toEqual([])
  })

  it("escapes plan titles", () => {
    const hostile = [{ ...plans[0]!, title: "<img src=x onerror=alert(1)>" }]
    const html = renderAdminPage(hostile)
    expect(html).not.toContain("<img src=x")
    expect(html).toContain("&lt;img src=x")
  })

  it("has no export form without plans", () => {
    const empty = parseDocument(renderAdminPage([]))
    expect(query(empty, "form")).toHaveLength(0)
    expect(text(empty)).toContain("0 aktuella planer")
  })

  it("renders in English", () => {
    const english = parseDocument(renderAdminPage(plans, { locale: "en" }))
    expect(text(english)).toContain("2 current plans of pupils in the schools you administer.")
    expect(text(english)).toContain("Export as PDF")
  })
})

describe("plan page", () => {
  const plan = f.planView("plan-1", f.pupil)
  const page = parseDocument(renderPlanPage(plan, csrf))
  const all = elements(page)

  it("puts matched entries above fields and documents", () => {
    const entries = one(query(page, "table", { class: "entries" }), "entries")
    const firstField = query(page, "details", { class: "plan-field" })[0]!
    const documents = one(query(page, "ul", { class: "documents" }), "documents")
    expect(all.indexOf(entries)).toBeLessThan(all.indexOf(firstField))
    expect(all.indexOf(firstField)).toBeLessThan(all.indexOf(documents))
    expect(text(documents)).toContain("IUP VT 2025 (äldre verktyg)")
  })

  it("makes each field collapsible on its own", () => {
    const fields = query(page, "details", { class: "plan-field" })
    expect(fields).toHaveLength(2)
    expect(fields.map((field) => text(one(query(field, "summary"), "summary")))).toEqual([
      "Mål och åtgärder",
      "Elevens egna mål"
    ])
    for (const field of fields) expect(attr(field, "open")).toBe("")
  })

  it("gives edit controls only to editable fields", () => {
    const [editable, readOnly] = query(page, "details", { class: "plan-field" })
    const form = one(query(editable!, "form"), "field form")
    expect(attr(form, "action")).toBe("/plans/plan-1/fields/field-goals")
    expect(attr(form, "data-autosave")).toBe("")
    expect(attr(one(query(form, "input", { name: "version" }), "version"), "value")).toBe("4")
    expect(text(one(query(form, "textarea"), "textarea"))).toBe(f.planView("x", f.pupil).fields[0]!.value)
    expect(query(readOnly!, "form")).toHaveLength(0)
    expect(query(readOnly!, "textarea")).toHaveLength(0)
    expect(text(readOnly!)).toContain("Jag vill läsa en bok i månaden.")
  })

  it("shows the sensitive-information notice", () => {
    const notice = one(byClass(page, "notice-sensitive"), "notice")
    expect(text(notice)).toMatch(/^Känslig information/)
  })

  it("offers header edit and delete to the mentor", () => {
    const header = one(query(page, "form", { class: "header-form" }), "header form")
    expect(attr(one(query(header, "input", { name: "version" }), "version"), "value")).toBe("2")
    expect(attr(one(query(header, "input", { name: "published" }), "published"), "checked")).toBe("")
    expect(query(page, "form", { action: "/plans/plan-1/delete" })).toHaveLength(1)
  })

  it("offers the document upload to the mentor", () => {
    const form = one(query(page, "form", { class: "upload-form" }), "upload form")
    expect(attr(form, "action")).toBe(`/pupils/${plan.pupil.id}/documents`)
    expect(attr(form, "method")).toBe("post")
    expect(attr(form, "enctype")).toBe("multipart/form-data")
    const names = query(form, "input").map((input) => attr(input, "name"))
    // The token comes before the file, so a streaming host checks it before reading the file.
    expect(names).toEqual(["_csrf", "planId", "title", "documentDate", "file"])
    expect(attr(one(query(form, "input", { name: "planId" }), "planId"), "value")).toBe("plan-1")
    expect(attr(query(form, "input")[0]!, "value")).toBe("token-123")
    expect(attr(one(query(form, "input", { name: "file" }), "file"), "accept")).toContain("application/pdf")
    const documents = one(query(page, "ul", { class: "documents" }), "documents")
    expect(query(documents, "a").map((link) => attr(link, "href"))).toEqual(plan.documents.map((document) => `/documents/${document.id}`))
  })

  it("hides every edit control without rights", () => {
    const readOnlyPlan = {
      ...plan,
      canEditHeader: false,
      canDelete: false,
      canWriteDocuments: false,
      fields: plan.fields.map((field) => ({ ...field, canEdit: false }))
    }
    const readOnly = parseDocument(renderPlanPage(readOnlyPlan))
    expect(query(readOnly, "form")).toHaveLength(0)
    expect(query(readOnly, "textarea")).toHaveLength(0)
    expect(byClass(readOnly, "notice-sensitive")).toHaveLength(1)
  })

  it("shows an archived plan read-only", () => {
    const archived = parseDocument(renderPlanPage({ ...plan, archived: true, canDelete: false }))
    expect(query(archived, "textarea")).toHaveLength(0)
    expect(text(archived)).toContain("Planen är arkiverad")
    // The mentor may still move the end date, which makes the plan current again.
    expect(query(archived, "form", { class: "header-form" })).toHaveLength(1)
    expect(text(archived)).toContain("Flytta slutdatumet")
  })

  it("tells readers of an archived plan no staff steps", () => {
    const archived = parseDocument(renderPlanPage({ ...plan, archived: true, canDelete: false, canEditHeader: false }))
    expect(text(archived)).toContain("Planen är arkiverad och kan bara läsas.")
    expect(text(archived)).not.toContain("slutdatum")
  })

  it("shows dates in Swedish and in the site's zone", () => {
    const time = query(page, "time").find((element) => attr(element, "datetime")?.startsWith("2026-11-03"))!
    expect(text(time)).toBe("3 november 2026 10:15")
    expect(attr(time, "datetime")).toBe("2026-11-03T10:15:00.000+01:00")
    expect(text(one(byClass(page, "period"), "period"))).toBe("17 augusti 2026 – 15 januari 2027")
  })
})

describe("course page", () => {
  const page = parseDocument(renderCoursePage(f.coursePage, csrf))
  const [scaled, unscaled] = query(page, "section", { class: "assessment" })

  it("draws one grid row per pupil", () => {
    const grid = one(query(scaled!, "table", { class: "entry-grid" }), "grid")
    const rows = query(one(query(grid, "tbody"), "tbody"), "tr")
    expect(rows.map((row) => text(one(query(row, "th"), "row header")))).toEqual(["Åsa Öberg", "Ängla Lindqvist"])
    const levels = query(grid, "select", { name: "level" })
    expect(levels).toHaveLength(2)
    const selected = query(levels[0]!, "option").filter((option) => attr(option, "selected") !== undefined)
    expect(selected.map((option) => text(option))).toEqual(["Godtagbara kunskaper 2"])
  })

  it("posts each row with its version", () => {
    const forms = query(scaled!, "form", { "data-autosave": "" })
    expect(forms.map((form) => attr(form, "action"))).toEqual([
      "/assessments/assessment-1/entries/pupil-1",
      "/assessments/assessment-1/entries/pupil-2"
    ])
    const versions = forms.map((form) => attr(one(query(form, "input", { name: "version" }), "version"), "value"))
    expect(versions).toEqual(["3", "new"])
    const comment = one(query(scaled!, "textarea", { id: "entry-assessment-1-pupil-2-comment" }), "comment")
    expect(attr(comment, "form")).toBe("entry-assessment-1-pupil-2")
  })

  it("sets one level for selected pupils", () => {
    const form = one(query(scaled!, "form", { class: "levels-form" }), "levels form")
    expect(attr(form, "action")).toBe("/assessments/assessment-1/levels")
    expect(attr(one(query(form, "input", { name: "version.pupil-1" }), "v1"), "value")).toBe("3")
    expect(attr(one(query(form, "input", { name: "version.pupil-2" }), "v2"), "value")).toBe("new")
    const boxes = query(scaled!, "input", { name: "pupilIds" })
    expect(boxes.map((box) => attr(box, "form"))).toEqual([attr(form, "id"), attr(form, "id")])
  })

  it("switches visibility and self-assessment course-wide", () => {
    const form = one(query(scaled!, "form", { class: "settings-form" }), "settings")
    expect(attr(one(query(form, "input", { name: "title" }), "title"), "value")).toBe("Omdöme HT 2026")
    expect(attr(one(query(form, "input", { name: "visibleToPupils" }), "visible"), "checked")).toBe("")
    expect(attr(one(query(form, "input", { name: "selfAssessmentEnabled" }), "self"), "checked")).toBe("")
  })

  it("shows a title warning", () => {
    expect(text(one(query(unscaled!, "ul", { class: "warnings" }), "warnings"))).toBe(
      "Titeln ”Matematik 7A” anger ingen termin. Skriv till exempel ”Omdöme HT 2026” så att det syns vilken period omdömet gäller."
    )
    expect(query(scaled!, "ul", { class: "warnings" })).toHaveLength(0)
  })

  it("leaves levels out without a scale", () => {
    expect(query(unscaled!, "select", { name: "level" })).toHaveLength(0)
    expect(query(unscaled!, "form", { class: "levels-form" })).toHaveLength(0)
    expect(text(unscaled!)).toContain("Ingen bedömning (bara text)")
  })

  it("lists the pupils' published plans", () => {
    const section = one(query(page, "section", { "aria-labelledby": "course-plans" }), "plans")
    expect(query(section, "a").map((link) => attr(link, "href"))).toEqual(["/plans/plan-1", "/pupils/pupil-1/plans"])
  })
})

describe("mentor overview", () => {
  it("shows pupils against courses with levels", () => {
    const page = parseDocument(renderOverviewPage(f.overview))
    const table = one(query(page, "table", { class: "overview" }), "table")
    const columns = query(one(query(table, "thead"), "thead"), "th").map((th) => text(th))
    expect(columns).toEqual(["Elev", "Svenska 7A"])
    const rows = query(one(query(table, "tbody"), "tbody"), "tr")
    expect(text(rows[0]!)).toContain("Godtagbara kunskaper 2")
    expect(text(rows[0]!)).toContain("steg 2 av 3")
    expect(text(rows[1]!)).toContain("steg 3 av 3")
    expect(text(one(query(page, "section", { id: "unsupported" }), "explanation"))).toContain(
      "bedömningsskalan har 4 steg. Översikten kan bara visa skalor med 2, 3 eller 6 steg."
    )
  })

  it("explains instead of an empty table", () => {
    const page = parseDocument(renderOverviewPage(f.overviewUnsupportedOnly))
    expect(query(page, "table")).toHaveLength(0)
    expect(text(page)).toContain("Ingen tabell visas")
    expect(text(page)).toContain("Matematik 7A: bedömningsskalan har 4 steg")
  })

  it("explains an assessment without scale", () => {
    const page = parseDocument(
      renderOverviewPage(
        {
          ...f.overviewUnsupportedOnly,
          unsupportedCourses: [{ courseId: f.otherCourse.id, support: { _tag: "noScale" } }]
        },
        { locale: "en" }
      )
    )
    expect(text(page)).toContain("Matematik 7A: the assessment has no grading scale")
  })

  it("lets the mentor pick protected pupils for it", () => {
    const hidden = { ...f.pupil, id: "person-hidden" as typeof f.pupil.id, givenName: "Saga", familyName: "Skyddad", protected: true }
    const page = parseDocument(renderMentorPage({ ...f.mentorPage, mentees: [...f.mentorPage.mentees, hidden] }))
    const section = one(query(page, "section", { "aria-labelledby": "protected-pupils" }), "protected pupils")
    const form = one(query(section, "form"), "overview form")
    expect(attr(form, "method")).toBe("get")
    expect(attr(form, "action")).toBe("/mentor/overview")
    const boxes = query(form, "input", { name: "pupil" })
    expect(boxes.map((box) => attr(box, "value"))).toEqual(["person-hidden"])
    expect(text(form)).toContain("Saga Skyddad")
    expect(query(parseDocument(renderMentorPage(f.mentorPage)), "section", { "aria-labelledby": "protected-pupils" })).toHaveLength(0)
  })

  it("says how many protected pupils are hidden", () => {
    const page = parseDocument(renderOverviewPage({ ...f.overview, leftOutProtectedCount: 2 }))
    expect(text(page)).toContain("2 elever med skyddade personuppgifter visas inte. Välj eleverna med namn på mentorssidan för att se dem här.")
    const link = one(query(page, "a", { href: "/mentor#protected-pupils" }), "link to the choice")
    expect(text(link)).toBe("Välj elever med skyddade personuppgifter")
    const single = parseDocument(renderOverviewPage({ ...f.overview, leftOutProtectedCount: 1 }))
    expect(text(single)).toContain("1 elev med skyddade personuppgifter visas inte. Välj eleven med namn på mentorssidan för att se den här.")
    const none = parseDocument(renderOverviewPage(f.overview))
    expect(text(none)).not.toContain("skyddade personuppgifter")
  })

  it("says when nothing was edited", () => {
    const page = parseDocument(renderOverviewPage({ ...f.overview, cells: [], unsupportedCourses: [] }))
    expect(query(page, "table")).toHaveLength(0)
    expect(text(page)).toContain("Inga omdömen med nivå har ändrats under perioden.")
  })
})

describe("pupil page", () => {
  const page = parseDocument(renderPupilPage(f.pupilPage, csrf))

  it("offers self-assessment only where allowed", () => {
    const cards = query(page, "article", { class: "assessment-card" })
    expect(cards).toHaveLength(2)
    const form = one(query(cards[0]!, "form"), "self-assessment form")
    expect(attr(form, "action")).toBe("/assessments/assessment-1/self-assessment")
    expect(attr(one(query(form, "input", { name: "version" }), "version"), "value")).toBe("3")
    expect(text(one(query(form, "textarea", { name: "comment" }), "comment"))).toBe(
      "Jag tycker att jag har blivit bättre på att läsa högt."
    )
    expect(query(cards[1]!, "form")).toHaveLength(0)
  })

  it("names the course on each self-assessment form", () => {
    const form = one(query(page, "form", { action: "/assessments/assessment-1/self-assessment" }), "form")
    const course = f.pupilPage.assessments[0]!.course.name
    expect(attr(form, "aria-label")).toBe(`Självskattning för ${f.pupilPage.assessments[0]!.title} i ${course}`)
  })

  it("lists the published plans", () => {
    expect(query(page, "a", { href: "/plans/plan-1" })).toHaveLength(1)
    expect(headings(page, "h1")).toEqual(["Min IUP"])
  })
})

describe("guardian page", () => {
  it("heads one child with its name", () => {
    const page = parseDocument(renderGuardianPage(f.guardianOneChild))
    expect(headings(page, "h1")).toEqual(["Åsa Öberg"])
    expect(text(page)).not.toContain("Dina barn")
    expect(query(page, "form")).toHaveLength(0)
  })

  it("groups several children", () => {
    const page = parseDocument(renderGuardianPage(f.guardianTwoChildren))
    expect(headings(page, "h1")).toEqual(["Dina barn"])
    expect(headings(page, "h2")).toEqual(["Åsa Öberg", "Ängla Lindqvist"])
  })
})

describe("print page", () => {
  it("prints each plan as its own article", () => {
    const result = renderPrintPage(f.exportOf(3), csrf)
    const page = parseDocument(Either.getOrThrow(result))
    const articles = query(page, "article", { class: "print-plan" })
    expect(articles).toHaveLength(3)
    for (const article of articles) expect(byClass(article, "notice-sensitive")).toHaveLength(1)
    expect(query(page, "form")).toHaveLength(0)
    expect(query(page, "textarea")).toHaveLength(0)
  })

  it("prints 100 plans", () => {
    const page = parseDocument(Either.getOrThrow(renderPrintPage(f.exportOf(100))))
    expect(query(page, "article", { class: "print-plan" })).toHaveLength(100)
  })

  it("rejects 101 plans", () => {
    const result = renderPrintPage(f.exportOf(101))
    expect(Either.isLeft(result)).toBe(true)
    const error = Either.flip(result).pipe(Either.getOrThrow)
    expect(error).toBeInstanceOf(ExportLimitExceededError)
    expect(error).toMatchObject({ requested: 101, limit: 100 })
  })

  it("says how many protected pupils were left out", () => {
    const page = parseDocument(Either.getOrThrow(renderPrintPage({ ...f.exportOf(1), leftOutProtectedCount: 2 })))
    expect(text(page)).toContain("2 planer utelämnades eftersom eleverna har skyddade personuppgifter. Välj eleverna med namn")
    const single = parseDocument(Either.getOrThrow(renderPrintPage({ ...f.exportOf(1), leftOutProtectedCount: 1 })))
    expect(text(single)).toContain("1 plan utelämnades eftersom eleven har skyddade personuppgifter. Välj eleven med namn")
  })
})

describe("error page", () => {
  const cases = [
    [new NotFoundError({ kind: "plan", id: "plan-9" }), "Hittades inte", "Planen ”plan-9” finns inte"],
    [
      new ForbiddenError({ kind: "plan", id: "plan-9", action: "delete", reason: "not a mentor" }),
      "Inte tillåtet",
      "Du får se planen men inte göra den här ändringen."
    ],
    [new ExportLimitExceededError({ requested: 140, limit: 100 }), "För många planer", "Du valde 140 planer"],
    [InvalidInputError.of("title", "", "must not be empty"), "Ogiltiga uppgifter", "Titel: måste fyllas i. Skriv något och försök igen."]
  ] as const

  for (const [error, title, message] of cases) {
    it(`explains ${error._tag}`, () => {
      const page = parseDocument(renderErrorPage(error))
      expect(headings(page, "h1")).toEqual([title])
      expect(text(one(query(page, "p", { role: "alert" }), "alert"))).toContain(message)
    })
  }

  it("shows the current text after a conflict", () => {
    const error = new VersionConflictError({
      kind: "planField",
      id: "field-goals",
      expectedVersion: 3,
      currentVersion: 4,
      currentValue: "Ny text från mentorn"
    })
    const page = parseDocument(renderErrorPage(error, { locale: "en" }))
    expect(headings(page, "h1")).toEqual(["The change was not saved"])
    expect(text(page)).toContain("Ny text från mentorn")
  })

  it("hides detail of unknown errors", () => {
    const page = parseDocument(renderErrorPage(new Error("connection string postgres://secret")))
    expect(text(page)).not.toContain("secret")
    expect(text(page)).toContain("Ett oväntat fel inträffade.")
  })
})

describe("site header", () => {
  it("links home and names who is signed in", () => {
    const page = parseDocument(
      renderPlanPage(f.planView("plan-1", f.pupil), { ...csrf, signedIn: { name: "Maja Mentorsson", signOutAction: "/sign-out" } })
    )
    const header = one(query(page, "header", { class: "site-header" }), "site header")
    expect(attr(one(query(header, "a", { href: "/" }), "home link"), "href")).toBe("/")
    expect(text(header)).toContain("Inloggad som Maja Mentorsson")
    const signOut = one(query(header, "form"), "sign-out form")
    expect(attr(signOut, "method")).toBe("post")
    expect(attr(signOut, "action")).toBe("/sign-out")
    expect(attr(one(query(signOut, "input", { name: "_csrf" }), "token"), "value")).toBe("token-123")
  })

  it("has no sign-out button without an action", () => {
    const header = parseHtmlFragment(renderSiteHeader({ locale: "en", signedIn: { name: "Ada" } }))
    expect(text(header)).toContain("Signed in as Ada")
    expect(query(header, "form")).toHaveLength(0)
  })

  it("shows no session to anonymous readers", () => {
    const header = parseHtmlFragment(renderSiteHeader())
    expect(text(header)).toContain("Startsidan")
    expect(text(header)).not.toContain("Inloggad")
    expect(query(header, "form")).toHaveLength(0)
  })

  it("links the page in both languages", () => {
    const header = parseHtmlFragment(renderSiteHeader({ locale: "en" }))
    const choice = one(query(header, "nav", { class: "language-choice" }), "language choice")
    expect(attr(choice, "aria-label")).toBe("Language")
    const swedish = one(query(choice, "a", { href: "?lang=sv" }), "Swedish link")
    const english = one(query(choice, "a", { href: "?lang=en" }), "English link")
    expect(text(swedish)).toBe("Svenska")
    expect(attr(swedish, "lang")).toBe("sv")
    expect(attr(swedish, "aria-current")).toBeUndefined()
    expect(attr(english, "aria-current")).toBe("true")
  })
})

describe("notices", () => {
  it("shows the catalogue sentence with its count", () => {
    const swedish = parseDocument(renderMentorPage(f.mentorPage, { notice: { kind: "plansCreated", count: 17 } }))
    expect(text(one(byClass(swedish, "notice-success"), "notice"))).toBe("17 planer skapades.")
    const english = parseDocument(renderMentorPage(f.mentorPage, { locale: "en", notice: { kind: "levelsSet", count: 1 } }))
    expect(text(one(byClass(english, "notice-success"), "notice"))).toBe("The level was set for 1 pupil.")
  })

  it("shows nothing without a notice", () => {
    expect(byClass(parseDocument(renderMentorPage(f.mentorPage)), "notice-success")).toHaveLength(0)
  })

  it("reads only known notices from a query", () => {
    expect(noticeFromQuery({ notice: "planDeleted" })).toEqual({ kind: "planDeleted", count: 0 })
    expect(noticeFromQuery({ notice: "plansCreated", count: "3" })).toEqual({ kind: "plansCreated", count: 3 })
    for (const query of [{}, { notice: "constructor" }, { notice: "<b>" }, { notice: "plansCreated", count: "-1" }, { notice: "plansCreated", count: "2.5" }, { notice: "plansCreated", count: ["1", "2"] }]) {
      expect(noticeFromQuery(query), JSON.stringify(query)).toBeUndefined()
    }
  })

  it("adds a notice to a redirect", () => {
    expect(withNotice("/mentor", "plansCreated", 2)).toBe("/mentor?notice=plansCreated&count=2")
    expect(withNotice("/mentor?start=2026-01-01", "planDeleted")).toBe("/mentor?start=2026-01-01&notice=planDeleted")
  })
})

describe("delete and publish controls", () => {
  it("requires ticking a box before deleting a plan", () => {
    const page = parseDocument(renderPlanPage(f.planView("plan-1", f.pupil), csrf))
    const form = one(byClass(page, "danger-zone"), "delete form")
    const box = one(query(form, "input", { name: "confirm" }), "confirm box")
    expect(attr(box, "type")).toBe("checkbox")
    expect(attr(box, "required")).toBeDefined()
    expect(text(form)).toContain("Ja, ta bort")
  })

  it("shows the reason a delete was rejected", () => {
    const action = "/plans/plan-1/delete"
    const error = InvalidInputError.of("confirm", "", "must be checked to confirm the deletion")
    const page = parseDocument(renderPlanPage(f.planView("plan-1", f.pupil), { ...csrf, rejectedForm: { action, values: {}, error } }))
    expect(text(one(byClass(page, "field-error"), "field error"))).toContain("Inget togs bort.")
  })

  it("offers publishing a draft outside the header form", () => {
    const draft = parseDocument(renderPlanPage(f.planView("plan-1", f.pupil, { published: false }), csrf))
    const form = one(byClass(draft, "publish-form"), "publish form")
    expect(attr(one(query(form, "input", { name: "intent" }), "intent"), "value")).toBe("publish")
    expect(text(one(query(form, "button"), "button"))).toBe("Publicera")
    const published = parseDocument(renderPlanPage(f.planView("plan-1", f.pupil, { published: true }), csrf))
    expect(byClass(published, "publish-form")).toHaveLength(0)
  })

  it("keeps typed text beside the saved text on a conflict", () => {
    const action = "/plans/plan-1/fields/field-goals"
    const error = new VersionConflictError({ kind: "planField", id: "field-goals", expectedVersion: 3, currentVersion: 4, currentValue: undefined })
    const view = f.planView("plan-1", f.pupil)
    const page = parseDocument(renderPlanPage(view, { ...csrf, rejectedForm: { action, values: { value: "Mitt utkast", version: "3" }, error } }))
    const form = one(query(page, "form", { action }), "field form")
    expect(text(one(query(form, "textarea"), "textarea")).trim()).toBe("Mitt utkast")
    expect(attr(one(query(form, "input", { name: "version" }), "version"), "value")).toBe("4")
    const notice = one(byClass(form, "notice-error"), "conflict notice")
    expect(text(notice)).toContain("Sparad text just nu")
    expect(text(notice)).toContain(view.fields[0]!.value)
  })

  it("lists plans a bulk publish left unpublished", () => {
    const error = new NotFoundError({ kind: "plan", id: "plan-9" })
    const page = parseDocument(renderMentorPage(f.mentorPage, { publishFailures: [{ title: "IUP HT", pupilName: "Elsa Eriksson", error }] }))
    expect(text(one(byClass(page, "notice-error"), "failures"))).toContain("IUP HT för Elsa Eriksson publicerades inte: Planen ”plan-9” finns inte")
  })
})

describe("role refusal page", () => {
  it("names the role the page needs", () => {
    const page = parseDocument(renderRoleRequiredPage("mentor"))
    expect(text(one(query(page, "h1"), "h1"))).toBe("Sidan är inte till för dig")
    expect(text(page)).toContain("bara för mentorer")
    expect(query(page, "a").map((link) => attr(link, "href"))).toContain("/")
  })
})

describe("rejected forms", () => {
  const plan = f.planView("plan-1", f.pupil)
  const field = plan.fields.find((candidate) => candidate.canEdit)!
  const fieldAction = `/plans/plan-1/fields/${encodeURIComponent(field.fieldId)}`

  it("keeps the typed text and shows the error at the field", () => {
    const error = InvalidInputError.of("value", "x", "must not contain the NUL character (U+0000)")
    const page = parseDocument(renderPlanPage(plan, { ...csrf, rejectedForm: { action: fieldAction, values: { value: "Mitt utkast" }, error } }))
    const form = one(query(page, "form", { action: fieldAction }), "field form")
    const textarea = one(query(form, "textarea"), "textarea")
    expect(text(textarea)).toBe("Mitt utkast")
    expect(attr(textarea, "aria-invalid")).toBe("true")
    const message = one(byClass(form, "field-error"), "error")
    expect(attr(textarea, "aria-describedby")).toBe(attr(message, "id"))
    expect(text(message)).toBe("Text: texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.")
  })

  it("keeps the header input and opens the form", () => {
    const action = "/plans/plan-1/header"
    const error = InvalidInputError.of("patch.endDate", "2020-01-01", "must not be before the start date 2026-08-17")
    const values = { title: "Ny titel", startDate: "2026-08-17", endDate: "2020-01-01", version: "1" }
    const page = parseDocument(renderPlanPage(plan, { ...csrf, rejectedForm: { action, values, error } }))
    const details = one(query(page, "details", { class: "plan-header-edit" }), "header details")
    expect(attr(details, "open")).toBeDefined()
    expect(attr(one(query(details, "input", { name: "title" }), "title"), "value")).toBe("Ny titel")
    expect(attr(one(query(details, "input", { name: "endDate" }), "end"), "value")).toBe("2020-01-01")
    expect(attr(one(query(details, "input", { name: "published" }), "published"), "checked")).toBeUndefined()
    expect(text(one(byClass(details, "field-error"), "error"))).toBe("Slutdatum: slutdatumet får inte vara före startdatumet. Välj ett senare slutdatum eller lämna det tomt.")
  })

  it("keeps the bulk-create choices", () => {
    const error = InvalidInputError.of("plan.startDate", "2026-02-30", "must be a real calendar date written YYYY-MM-DD")
    const values = { selection: "chosen", pupilIds: [f.mentorPage.mentees[1]!.id], title: "HT", startDate: "2026-02-30", templateId: f.mentorPage.templates[0]!.id }
    const page = parseDocument(renderMentorPage(f.mentorPage, { ...csrf, rejectedForm: { action: "/plans", values, error } }))
    const form = one(query(page, "form", { class: "bulk-create" }), "bulk form")
    expect(attr(one(query(form, "input", { id: "selection-chosen" }), "chosen"), "checked")).toBeDefined()
    const checked = query(form, "input", { name: "pupilIds" }).filter((box) => attr(box, "checked") !== undefined)
    expect(checked.map((box) => attr(box, "value"))).toEqual([f.mentorPage.mentees[1]!.id])
    expect(attr(one(query(form, "input", { name: "title" }), "title"), "value")).toBe("HT")
    expect(text(one(byClass(form, "field-error"), "error"))).toContain("”2026-02-30” är inget giltigt datum")
  })

  it("keeps an entry's comment in its row only", () => {
    const action = "/assessments/assessment-1/entries/pupil-2"
    const error = InvalidInputError.of("level", "Super", "must be one of the scale's steps: E, C, A")
    const page = parseDocument(renderCoursePage(f.coursePage, { ...csrf, rejectedForm: { action, values: { level: "Super", comment: "Bra jobbat" }, error } }))
    expect(text(one(query(page, "textarea", { id: "entry-assessment-1-pupil-2-comment" }), "comment"))).toBe("Bra jobbat")
    const errors = byClass(page, "field-error")
    expect(errors.map((element) => attr(element, "id"))).toEqual(["entry-assessment-1-pupil-2-level-error"])
    expect(text(errors[0]!)).toContain("”Super” är inte ett steg i bedömningsskalan")
  })

  it("shows an error naming no field above the form", () => {
    const error = InvalidInputError.of("expectedVersion", "abc", "must be a whole number")
    const page = parseDocument(renderPlanPage(plan, { ...csrf, rejectedForm: { action: fieldAction, values: { value: "Text" }, error } }))
    const form = one(query(page, "form", { action: fieldAction }), "field form")
    expect(text(one(byClass(form, "notice-error"), "notice"))).toContain("Ladda om sidan")
    expect(byClass(form, "field-error")).toHaveLength(0)
  })
})

describe("markup rules", () => {
  const pages: ReadonlyArray<readonly [string, (locale: "sv" | "en") => string]> = [
    ["mentor", (locale) => renderMentorPage(f.mentorPage, { locale, ...csrf })],
    ["plan", (locale) => renderPlanPage(f.planView("plan-1", f.pupil), { locale, ...csrf })],
    ["course", (locale) => renderCoursePage(f.coursePage, { locale, ...csrf })],
    ["overview", (locale) => renderOverviewPage(f.overview, { locale })],
    ["pupil", (locale) => renderPupilPage(f.pupilPage, { locale, ...csrf })],
    ["guardian", (locale) => renderGuardianPage(f.guardianTwoChildren, { locale })],
    ["pupil plans", (locale) => renderPupilPlansPage(f.mentorPage.archivedPlans, { locale })],
    ["print", (locale) => Either.getOrThrow(renderPrintPage(f.exportOf(2), { locale }))],
    ["error", (locale) => renderErrorPage(new NotFoundError({ kind: "plan", id: "x" }), { locale })],
    ["role refusal", (locale) => renderRoleRequiredPage("pupil", { locale, ...csrf, signedIn: { name: "Ada", signOutAction: "/sign-out" } })],
    [
      "rejected bulk form",
      (locale) =>
        renderMentorPage(f.mentorPage, {
          locale,
          ...csrf,
          rejectedForm: { action: "/plans", values: { title: "" }, error: InvalidInputError.of("plan.title", "", "must not be empty") }
        })
    ]
  ]

  for (const [name, render] of pages) {
    for (const locale of ["sv", "en"] as const) {
      it(`keeps ${name} page (${locale}) accessible and CSP-safe`, () => {
        const html = render(locale)
        expect(html.startsWith("<!DOCTYPE html>")).toBe(true)
        const page = parseDocument(html)
        expect(attr(one(query(page, "html"), "html"), "lang")).toBe(locale)
        expect(unlabelledControls(page).map((element) => attr(element, "id") ?? element.tagName)).toEqual([])
        for (const th of query(page, "th")) expect(["col", "row"]).toContain(attr(th, "scope"))
        const all = elements(page)
        expect(query(page, "style")).toHaveLength(0)
        expect(all.filter((element) => attr(element, "style") !== undefined)).toHaveLength(0)
        expect(all.filter((element) => element.attrs.some((attribute) => attribute.name.startsWith("on")))).toHaveLength(0)
        for (const script of query(page, "script")) {
          expect(attr(script, "src")).toBe("/assets/iupkit-autosave.js")
          expect(text(script)).toBe("")
        }
        const ids = all.map((element) => attr(element, "id")).filter((id) => id !== undefined)
        expect(new Set(ids).size).toBe(ids.length)
      })
    }
  }

  it("leaves the script out on request", () => {
    const page = parseDocument(renderPlanPage(f.planView("plan-1", f.pupil), { autosave: false }))
    expect(query(page, "script")).toHaveLength(0)
  })
})
