import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type LocalDate, type PersonId, type Roster, termOf } from "@iupkit/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Demo, openDemo } from "../demo/demo.js"
import { fitRosterToToday, withAdministrators } from "../demo/roster.js"

const dated = (startDate: string, endDate: string | null) => ({ startDate: startDate as LocalDate, endDate: endDate as LocalDate | null })

const smallRoster: Roster = {
  people: [],
  organisations: [{ id: "school" as never, name: "Skolan", parentId: null }],
  courses: [{ id: "course" as never, name: "Svenska 7A", organisationId: "school" as never, subjectCode: null }],
  enrolments: [{ pupilId: "pupil" as PersonId, organisationId: "school" as never, schoolYear: 7, ...dated("2025-08-11", null) }],
  mentorships: [{ mentorId: "mentor" as PersonId, pupilId: "pupil" as PersonId, ...dated("2025-08-11", "2026-06-12") }],
  teachings: [{ teacherId: "teacher" as PersonId, courseId: "course" as never, ...dated("2024-02-29", null) }],
  courseMemberships: [],
  guardianships: [],
  administrations: []
}

describe("demo roster", () => {
  it("moves the school year to today's", () => {
    const fitted = fitRosterToToday(smallRoster, "2027-03-01" as LocalDate)
    expect(fitted.mentorships[0]).toMatchObject({ startDate: "2025-08-11", endDate: "2027-06-12" })
    expect(fitted.enrolments[0]!.startDate).toBe("2025-08-11")
    expect(fitted.teachings[0]!.startDate).toBe("2025-02-28")
  })

  it("keeps the files' year in 2025/26", () => {
    const fitted = fitRosterToToday(smallRoster, "2025-12-01" as LocalDate)
    expect(fitted.mentorships[0]).toMatchObject({ startDate: "2024-08-11", endDate: "2026-06-12" })
  })

  it("makes a non-mentor teacher site administrator", () => {
    const withAdmins = withAdministrators(smallRoster, "2026-01-10" as LocalDate)
    expect(withAdmins.administrations.map((administration) => [administration.personId, administration.scope._tag])).toEqual([["teacher", "site"]])
  })
})

describe("demo database", () => {
  const folder = mkdtempSync(join(tmpdir(), "iupkit-demo-"))
  const filename = join(folder, "demo.sqlite")
  let demo: Demo

  beforeAll(async () => {
    demo = await openDemo(filename)
  }, 240_000)
  afterAll(async () => {
    await demo?.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it("imports and seeds a new file", async () => {
    expect(demo.database).toBe("created")
    const roles = new Set(demo.demoPeople.flatMap((person) => person.roles))
    expect([...roles].sort()).toEqual(["guardian", "mentor", "organisationAdministrator", "pupil", "siteAdministrator", "teacher"])
  })

  it("gives every mentor current and archived plans", async () => {
    const today = new Date().toISOString().slice(0, 10) as LocalDate
    const mentor = demo.demoPeople.find((person) => person.roles.includes("mentor"))!
    const page = await demo.iup.mentoring.page({ personId: mentor.id })
    expect(page.currentPlans.length).toBeGreaterThan(0)
    expect(page.archivedPlans.length).toBe(page.currentPlans.length)
    const currentTerm = termOf(today)
    expect(page.currentPlans.every((plan) => plan.title.endsWith(String(currentTerm.year)))).toBe(true)
    expect(page.assessments.length).toBeGreaterThan(0)
  })

  it("shows pupils their published plans", async () => {
    const pupil = demo.demoPeople.find((person) => person.roles.includes("pupil"))!
    const page = await demo.iup.pupils.page({ personId: pupil.id })
    expect(page.plans.length).toBe(2)
    expect(page.assessments.length).toBeGreaterThan(0)
  })

  it("opens a seeded file without seeding again", async () => {
    await demo.close()
    demo = await openDemo(filename)
    expect(demo.database).toBe("opened")
    const pupil = demo.demoPeople.find((person) => person.roles.includes("pupil"))!
    expect((await demo.iup.pupils.page({ personId: pupil.id })).plans.length).toBe(2)
  })
})
