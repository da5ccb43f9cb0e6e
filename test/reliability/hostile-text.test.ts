/**
 * Hostile text in every slot a user fills: markup and script, SQL metacharacters, spreadsheet
 * formulas, long and odd Unicode. Accepted text must come back exactly: in the JSON API, as text
 * nodes of the HTML page (parsed with parse5), in CSV (with an apostrophe before a formula start)
 * and in the PDF export for every character the bundled font draws. Text the input rules reject
 * (NUL, an unpaired surrogate, too long) is rejected with a message naming the field, and nothing
 * changes.
 */
import { Either } from "effect"
import { parse } from "parse5"
import { dejaVuSans } from "@iupkit/render-pdf"
import { entriesToCsv, renderPlanPage } from "@iupkit/render-html"
import { renderExportPdf } from "@iupkit/render-pdf"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { loadFont } from "../../packages/render-pdf/src/Fonts.js"
import { collect, pdfText } from "../../packages/render-pdf/test/pdfText.js"
import { requestAs, type RunningStack, startStack } from "./support/hosts.js"
import { courseId, people } from "./support/world.js"

const as = (personId: string) => ({ personId }) as never

/** Accepted text: at most 200 characters, so it fits every slot including titles. */
const hostile = [
  "<script>alert('iup')</script>",
  "\"><img src=x onerror=alert(1)>",
  "</textarea><svg onload=alert(1)>",
  "'; DROP TABLE plans; --",
  "Robert'); DELETE FROM assessment_entries WHERE ('1'='1",
  "=HYPERLINK(\"http://example.test\",\"klicka\")",
  "+46 70 123 45 67",
  "-1 poäng",
  "@SUMMA(A1:A9)",
  "\tindragen",
  "\rvagnretur",
  "&amp; &lt;b&gt; &#x41; &nbsp;",
  "{{constructor.constructor('alert(1)')()}} ${7*7}",
  "Åsa Öberg – ”citat” ’apostrof’ … «guillemets»",
  "Ελληνικά и кириллица",
  "👩‍👧‍👦 🇸🇪 😀",
  "\u202Eomvänd text\u202C och a\u200Bb och e\u0301",
  "漢字とかな",
  "rad ett\nrad två\n\nrad fyra",
  "C:\\Users\\elev\\fil.txt 100% \\x00",
  "x".repeat(200)
]

const longValue = "Lång text. ".repeat(1_817) + "slut"

/** Collects every text node of an HTML document, in document order. */
const textNodes = (html: string): Array<string> => {
  const texts: Array<string> = []
  const visit = (node: any) => {
    if (node.nodeName === "#text") texts.push(node.value)
    for (const child of node.childNodes ?? []) visit(child)
    if (node.content !== undefined) visit(node.content)
  }
  visit(parse(html))
  return texts
}

/** Collects every attribute name in an HTML document. */
const attributeNames = (html: string): Array<string> => {
  const names: Array<string> = []
  const visit = (node: any) => {
    for (const attribute of node.attrs ?? []) names.push(attribute.name)
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(parse(html))
  return names
}

/** Cells of an RFC 4180 CSV text. */
const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = [[]]
  let cell = ""
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (quoted) {
      if (char === "\"" && text[index + 1] === "\"") {
        cell += "\""
        index++
      } else if (char === "\"") quoted = false
      else cell += char
    } else if (char === "\"") quoted = true
    else if (char === ",") {
      rows.at(-1)!.push(cell)
      cell = ""
    } else if (char === "\r" && text[index + 1] === "\n") {
      rows.at(-1)!.push(cell)
      cell = ""
      rows.push([])
      index++
    } else cell += char
  }
  if (cell !== "" || rows.at(-1)!.length > 0) rows.at(-1)!.push(cell)
  return rows.filter((row) => row.length > 0)
}

// The HTML parser turns CR and CRLF into LF, as browsers do, so the text a reader sees has LF.
const asParsed = (text: string) => text.replace(/\r\n?/g, "\n")

describe("hostile text", () => {
  let stack: RunningStack
  const made: Array<{ text: string; planId: string; assessmentId: string }> = []

  beforeAll(async () => {
    stack = await startStack("express")
    const { iup } = stack
    for (const text of hostile) {
      const template = await iup.administration.createTemplate(as(people.siteAdmin), {
        title: text,
        scope: { _tag: "site" },
        fields: [
          { heading: text, visibleTo: ["mentor", "pupil", "guardian"], editableBy: [] },
          { heading: "Lång", visibleTo: ["mentor"], editableBy: [] }
        ]
      })
      const scale = await iup.administration.createGradingScale(as(people.siteAdmin), { name: text, steps: [text, "Annat steg"] })
      const { assessment } = await iup.teaching.createAssessment(as(people.teacher), {
        courseId,
        title: text,
        gradingScaleId: scale.id,
        visibleToPupils: true,
        selfAssessmentEnabled: true
      })
      const entry = await iup.teaching.writeEntry(as(people.teacher), { assessmentId: assessment.id, pupilId: people.pupil, expectedVersion: null, level: text, comment: text })
      await iup.pupils.selfAssess(as(people.pupil), { assessmentId: assessment.id, expectedVersion: entry.version, level: text, comment: text })
      const created = await iup.mentoring.createPlans(as(people.mentor), {
        pupilIds: [people.pupil],
        plan: { templateId: template.id, title: text, startDate: "2026-01-01", endDate: null }
      })
      const planId = created.plans[0]!.id
      const plan = await iup.plans.getPlan(as(people.mentor), planId)
      await iup.plans.updateField(as(people.mentor), { planId, fieldId: plan.fields[0]!.fieldId, expectedVersion: 1, value: text })
      await iup.plans.updateField(as(people.mentor), { planId, fieldId: plan.fields[1]!.fieldId, expectedVersion: 1, value: longValue })
      made.push({ text, planId, assessmentId: assessment.id })
    }
  }, 120_000)
  afterAll(async () => {
    await stack?.close()
  })

  it("returns text exactly in JSON", async () => {
    for (const { text, planId } of made) {
      const response = await requestAs(stack, people.mentor, "GET", `/api/plans/${planId}`)
      expect(response.status).toBe(200)
      const plan = await response.json()
      expect(plan.title).toBe(text)
      expect(plan.fields[0].heading).toBe(text)
      expect(plan.fields[0].value).toBe(text)
      expect(plan.fields[1].value).toBe(longValue)
      const entry = plan.entries.find((candidate: { assessmentTitle: string }) => candidate.assessmentTitle === text)
      expect(entry, text).toBeDefined()
      expect(entry.comment).toBe(text)
      expect(entry.level).toBe(text)
      expect(entry.selfAssessment.comment).toBe(text)
    }
  })

  it("shows text exactly as HTML text nodes", async () => {
    for (const { text, planId } of made) {
      const view = await stack.iup.plans.getPlan(as(people.mentor), planId)
      const html = renderPlanPage(view)
      const texts = textNodes(html)
      const expected = asParsed(text)
      // Title, heading, value, assessment title, level, comment and self-assessment all show it.
      expect(texts.filter((node) => node.includes(expected)).length, text).toBeGreaterThanOrEqual(4)
      expect(texts.some((node) => node.includes(longValue))).toBe(true)
      expect(attributeNames(html).filter((name) => name.startsWith("on"))).toEqual([])
      expect(html).not.toContain("<script>alert")
      expect(html).not.toContain("<img src=x")
    }
  })

  it("writes text exactly in CSV", async () => {
    for (const { text, planId } of made) {
      const view = await stack.iup.plans.getPlan(as(people.mentor), planId)
      const rows = parseCsv(entriesToCsv(view.entries, { byteOrderMark: false }))
      const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
      const cells = rows.slice(1).flat()
      expect(cells.filter((cell) => cell === expected).length, JSON.stringify(text)).toBeGreaterThanOrEqual(2)
    }
  })

  it("draws text exactly in PDF where the font covers it", async () => {
    const font = loadFont(dejaVuSans().regular).font
    const view = await stack.iup.exports.exportPlans(as(people.mentor), { planIds: made.map((item) => item.planId) })
    const pdf = renderExportPdf(view)
    if (Either.isLeft(pdf)) throw pdf.left
    const text = (await pdfText(await collect(pdf.right))).pages.join("\n")
    // Line breaks and wrapping move whitespace, so both sides are compared without it. Format
    // characters (zero-width joiners and spaces, direction marks) have no visible form, and text
    // extraction does not return them, so they are left out too.
    const squeezed = text.replace(/\s+/g, "")
    for (const { text: written } of made) {
      const drawable = [...written]
        .filter((char) => font.hasGlyphForCodePoint(char.codePointAt(0)!) && !/\p{Cf}/u.test(char))
        .join("")
        .replace(/\s+/g, "")
      expect(squeezed, JSON.stringify(written)).toContain(drawable)
    }
  }, 60_000)

  it("rejects text the input rules forbid", async () => {
    const plan = made[0]!
    const view = await stack.iup.plans.getPlan(as(people.mentor), plan.planId)
    const field = view.fields[0]!
    const cases: ReadonlyArray<{ readonly name: string; readonly method: string; readonly path: string; readonly body: unknown; readonly field: RegExp }> = [
      { name: "NUL in a value", method: "PUT", path: `/api/plans/${plan.planId}/fields/${field.fieldId}`, body: { expectedVersion: field.version, value: "före\u0000efter" }, field: /value/ },
      { name: "unpaired surrogate", method: "PUT", path: `/api/plans/${plan.planId}/fields/${field.fieldId}`, body: { expectedVersion: field.version, value: "a\ud800b" }, field: /value/ },
      { name: "value over 20,000", method: "PUT", path: `/api/plans/${plan.planId}/fields/${field.fieldId}`, body: { expectedVersion: field.version, value: "x".repeat(20_001) }, field: /value/ },
      { name: "title over 200", method: "PATCH", path: `/api/plans/${plan.planId}`, body: { expectedVersion: view.headerVersion, patch: { title: "x".repeat(201) } }, field: /title/ },
      { name: "NUL in a title", method: "POST", path: "/api/grading-scales", body: { name: "a\u0000", steps: ["A", "B"] }, field: /name/ }
    ]
    for (const bad of cases) {
      const before = await stack.dataVersion()
      const response = await requestAs(stack, bad.name === "NUL in a title" ? people.siteAdmin : people.mentor, bad.method, bad.path, bad.body)
      expect(response.status, bad.name).toBe(400)
      const error = (await response.json()).error
      expect(error.tag, bad.name).toBe("InvalidInputError")
      expect(error.field, bad.name).toMatch(bad.field)
      expect(error.message.length, bad.name).toBeGreaterThan(20)
      expect(await stack.dataVersion(), bad.name).toBe(before)
    }
  })

  it("audits every write of the setup", async () => {
    const audit = await stack.auditLog()
    for (const { planId } of made) {
      expect(audit.filter((entry) => entry.action === "plan.create" && entry.targetId === planId)).toHaveLength(1)
      expect(audit.filter((entry) => entry.action === "plan.updateField" && entry.targetId === planId)).toHaveLength(2)
    }
    expect(audit.filter((entry) => entry.action === "entry.write").length).toBeGreaterThanOrEqual(made.length * 2)
  })
})
