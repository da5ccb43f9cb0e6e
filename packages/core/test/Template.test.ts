import { describe, expect, it } from "@effect/vitest"
import { isOfferedToMentor, templatesOfferedToMentor } from "../src/Template.js"
import { fieldId, organisationId, template, templateId } from "./support/fixtures.js"

const fields = [{ id: fieldId("goals"), heading: "Mål", visibleTo: ["mentor" as const, "pupil" as const], editableBy: [] }]
const school = organisationId("school")

describe("templates offered to mentors", () => {
  const site = template(fields, { id: templateId("site"), title: "Örebromall" })
  const own = template(fields, { id: templateId("own"), title: "Ämnesmall", scope: { _tag: "organisation", organisationId: school } })
  const other = template(fields, { id: templateId("other"), title: "Annan", scope: { _tag: "organisation", organisationId: organisationId("elsewhere") } })
  const hidden = template(fields, { id: templateId("hidden"), title: "Gammal", hidden: true })

  it("offers site and mentee organisation templates", () => {
    expect(isOfferedToMentor(site, new Set())).toBe(true)
    expect(isOfferedToMentor(own, new Set([school]))).toBe(true)
    expect(isOfferedToMentor(own, new Set())).toBe(false)
    expect(isOfferedToMentor(other, new Set([school]))).toBe(false)
  })

  it("never offers hidden templates", () => {
    expect(isOfferedToMentor(hidden, new Set([school]))).toBe(false)
    expect(isOfferedToMentor({ ...own, hidden: true }, new Set([school]))).toBe(false)
  })

  it("sorts offered templates by Swedish title", () => {
    const offered = templatesOfferedToMentor([site, hidden, other, own], new Set([school]))
    // Swedish sorts Ä and Ö after Z, so the Örebro template comes last.
    expect(offered.map((t) => t.id)).toEqual(["own", "site"])
    const zeta = template(fields, { id: templateId("zeta"), title: "Zeta" })
    expect(templatesOfferedToMentor([site, zeta, own], new Set([school])).map((t) => t.id)).toEqual(["zeta", "own", "site"])
  })
})
