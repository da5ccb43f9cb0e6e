// Arbitrary text in every slot a user can type must never become markup: the element tree of a
// page rendered with hostile text has the same tags and attribute names as with plain text.
import { it } from "@effect/vitest"
import {
  renderCoursePage,
  renderGuardianPage,
  renderMentorPage,
  renderOverviewPage,
  renderPlanPage,
  renderPrintPage,
  renderPupilPage,
  renderPupilPlansPage
} from "@iupkit/render-html"
import { Either } from "effect"
import * as fc from "fast-check"
import { describe, expect } from "vitest"
import { fixtures, type Texts } from "./fixtures.js"
import { one, parseDocument, query, shape, text } from "./html.js"

const slots: ReadonlyArray<keyof Texts> = [
  "pupilGiven",
  "pupilFamily",
  "otherGiven",
  "otherFamily",
  "mentorGiven",
  "mentorFamily",
  "courseName",
  "otherCourseName",
  "assessmentTitle",
  "comment",
  "selfComment",
  "scaleName",
  "step",
  "planTitle",
  "templateTitle",
  "fieldHeading",
  "fieldValue",
  "pupilFieldHeading",
  "pupilFieldValue",
  "documentTitle",
  "fileName"
]

const attacks = fc.constantFrom(
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "' onmouseover='alert(1)",
  "&amp;&lt;&#60;&",
  "</textarea><b>bold</b>",
  "</title><p>",
  "<!-- comment -->",
  "<![CDATA[x]]>",
  "<details open><summary>x</summary></details>",
  "javascript:alert(1)",
  "\n\nleading newlines",
  "\u2028\u00a0åäö 𝕏"
)

// Blank text renders as "(tomt)" by design, which changes the tree; core rejects blank titles.
const hostileText = fc
  .array(fc.oneof(fc.fullUnicodeString({ maxLength: 30 }), attacks), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""))
  .filter((value) => value.trim() !== "")

const hostileTexts: fc.Arbitrary<Texts> = fc.record(
  Object.fromEntries(slots.map((slot) => [slot, hostileText])) as { [K in keyof Texts]: fc.Arbitrary<string> }
)

const plainTexts = Object.fromEntries(slots.map((slot) => [slot, `plain ${slot}`])) as unknown as Texts

const renderAll = (texts: Texts): ReadonlyArray<readonly [string, string]> => {
  const f = fixtures(texts)
  const options = { csrfToken: "token" }
  return [
    ["mentor", renderMentorPage(f.mentorPage, options)],
    ["plan", renderPlanPage(f.planView("plan-1", f.pupil), options)],
    ["course", renderCoursePage(f.coursePage, options)],
    ["overview", renderOverviewPage(f.overview, options)],
    ["overview without table", renderOverviewPage(f.overviewUnsupportedOnly, options)],
    ["pupil", renderPupilPage(f.pupilPage, options)],
    ["pupil plans", renderPupilPlansPage([...f.mentorPage.currentPlans, ...f.mentorPage.archivedPlans], options)],
    ["guardian, one child", renderGuardianPage(f.guardianOneChild, options)],
    ["guardian, two children", renderGuardianPage(f.guardianTwoChildren, options)],
    ["print", Either.getOrThrow(renderPrintPage(f.exportOf(2), options))]
  ]
}

const plainShapes = new Map(renderAll(plainTexts).map(([name, html]) => [name, shape(parseDocument(html))]))

// What the HTML parser does to text by specification: CR and CRLF become LF, and NUL is dropped
// in body text.
const asParsed = (value: string): string => value.replace(/\r\n?/g, "\n").replaceAll("\u0000", "")

describe("escaping", () => {
  it.prop(
    "adds no element or attribute",
    [hostileTexts],
    ([texts]) => {
      for (const [name, html] of renderAll(texts)) {
        expect(shape(parseDocument(html)), name).toEqual(plainShapes.get(name))
      }
    },
    { fastCheck: { numRuns: 60 } }
  )

  it.prop(
    "keeps hostile text as text",
    [hostileText],
    ([title]) => {
      const f = fixtures({ ...plainTexts, planTitle: title, fieldValue: title })
      const page = parseDocument(renderPlanPage(f.planView("plan-1", f.pupil)))
      expect(text(one(query(page, "h1"), "h1"))).toBe(asParsed(title))
      const textarea = one(query(page, "textarea"), "textarea")
      // Inside a textarea the parser turns NUL into U+FFFD instead of dropping it.
      expect(text(textarea)).toBe(title.replace(/\r\n?/g, "\n").replaceAll("\u0000", "\uFFFD"))
    },
    { fastCheck: { numRuns: 150 } }
  )
})
