import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type LocalDate, LocalDates, localDateOf, type PersonId, type Roster, startOfDate, termOf } from "@iupkit/core"
import { DateTime } from "effect"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Demo, openDemo } from "../demo/demo.js"
import { fitRosterToToday, withAdministrators } from "../demo/roster.js"
import { openingMessage } from "../demo/settings.js"
import { demoTerms } from "../demo/seed.js"

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

describe("opening message", () => {
  it("mentions the wait only for a new file", () => {
    expect(openingMessage("demo.sqlite", false)).toContain("half a minute")
    expect(openingMessage("demo.sqlite", true)).toBe("Opening demo.sqlite…")
  })
})

describe("demo terms", () => {
  const startMillis = (date: LocalDate) => DateTime.toEpochMillis(startOfDate(date))

  // Checks the layout the seeding promises on the day it runs: the previous term's plans are
  // archived, the current term's are current, and no edit time lies in the future.
  const expectLaidOutFor = (now: number) => {
    const today = localDateOf(DateTime.unsafeMake(now))
    const [previous, current] = demoTerms(now)
    expect(previous.planEnd < today).toBe(true)
    expect(current.planStart <= today).toBe(true)
    expect(current.planEnd >= today).toBe(true)
    expect(previous.planEnd < current.planStart).toBe(true)
    for (const term of [previous, current]) {
      expect(term.writtenAt).toBeLessThanOrEqual(now)
      expect(term.writtenAt).toBeGreaterThanOrEqual(startMillis(term.planStart))
      expect(term.writtenAt).toBeLessThan(startMillis(LocalDates.addDays(term.planEnd, 1)))
    }
    expect(previous.writtenAt).toBeLessThan(current.writtenAt)
  }

  it.each([
    ["the first minutes of spring", "2027-01-01T00:10:00+01:00"],
    ["the last evening of spring", "2027-06-30T23:50:00+02:00"],
    ["the first day of autumn", "2027-07-01T00:30:00+02:00"],
    ["the summer before teaching", "2027-08-14T12:00:00+02:00"],
    ["after the last teaching day", "2026-12-23T09:00:00+01:00"],
    ["the middle of a term", "2026-12-04T10:00:00+01:00"]
  ])("lays out %s", (_, instant) => {
    expectLaidOutFor(Date.parse(instant))
  })

  it("lays out any instant", () => {
    const from = Date.parse("2020-01-01T00:00:00Z")
    const to = Date.parse("2040-01-01T00:00:00Z")
    fc.assert(fc.property(fc.integer({ min: from, max: to }), expectLaidOutFor), { numRuns: 1_000 })
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
    expect(demo.outdated).toBe(false)
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
    expect(demo.outdated).toBe(false)
    const pupil = demo.demoPeople.find((person) => person.roles.includes("pupil"))!
    expect((await demo.iup.pupils.page({ personId: pupil.id })).plans.length).toBe(2)
  })
})

describe("demo database from an earlier school year", () => {
  const folder = mkdtempSync(join(tmpdir(), "iupkit-demo-old-"))

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true })
  })

  it("reports itself outdated", async () => {
    const filename = join(folder, "old.sqlite")
    const aYearAgo = Date.now() - 400 * 24 * 60 * 60 * 1000
    const seeded = await openDemo(filename, { now: aYearAgo })
    await seeded.close()
    const reopened = await openDemo(filename)
    try {
      expect(reopened.database).toBe("opened")
      expect(reopened.outdated).toBe(true)
    } finally {
      await reopened.close()
    }
  }, 240_000)
})
