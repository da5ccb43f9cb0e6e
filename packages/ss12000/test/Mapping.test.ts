import { type LocalDate, LocalDates } from "@iupkit/core"
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { type DateRange, emptyData, intersectRanges, mergeRanges, protectionOf, Ss12000, type Ss12000Data, toRoster } from "../src/index.js"

const date = (text: string) => text as LocalDate
const meta = { created: "2025-06-01T08:00:00Z", modified: "2025-06-01T08:00:00Z" }
const unit: Ss12000.Organisation = { id: "unit", meta, displayName: "Skolenheten", organisationType: "Skolenhet" }
const person = (id: string, extra: Partial<Ss12000.Person> = {}): Ss12000.Person => ({
  id,
  meta,
  givenName: `Given ${id}`,
  familyName: `Family ${id}`,
  ...extra
})
const klass = (id: string, members: ReadonlyArray<Ss12000.GroupMembership>, extra: Partial<Ss12000.Group> = {}): Ss12000.Group => ({
  id,
  meta,
  displayName: id,
  groupType: "Klass",
  organisation: { id: "unit" },
  startDate: date("2025-08-11"),
  endDate: date("2026-06-12"),
  groupMemberships: members,
  ...extra
})
const data = (parts: Partial<Ss12000Data>): Ss12000Data => ({ ...emptyData, organisations: [unit], ...parts })

describe("date ranges", () => {
  it("intersects to the common days", () => {
    const range = intersectRanges(
      { startDate: date("2025-08-01"), endDate: null },
      { startDate: date("2025-08-11"), endDate: date("2026-06-12") },
      { endDate: date("2026-03-01") }
    )
    expect(range).toEqual({ startDate: "2025-08-11", endDate: "2026-03-01" })
  })

  it("finds no days in disjoint ranges", () => {
    expect(intersectRanges({ startDate: date("2025-08-01"), endDate: date("2025-12-31") }, { startDate: date("2026-01-01") })).toBeUndefined()
  })

  it("merges overlapping and adjacent ranges", () => {
    const merged = mergeRanges([
      { startDate: date("2026-01-01"), endDate: date("2026-02-28") },
      { startDate: date("2025-08-01"), endDate: date("2025-12-31") },
      { startDate: date("2026-04-01"), endDate: null },
      { startDate: date("2026-05-01"), endDate: date("2026-05-02") }
    ])
    expect(merged).toEqual([
      { startDate: "2025-08-01", endDate: "2026-02-28" },
      { startDate: "2026-04-01", endDate: null }
    ])
  })

  const dayArbitrary = fc.integer({ min: 0, max: 400 }).map((offset) => LocalDates.addDays(date("2025-07-01"), offset))
  const rangeArbitrary = fc
    .tuple(dayArbitrary, fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }))
    .map(([startDate, length]): DateRange => ({ startDate, endDate: length === null ? null : LocalDates.addDays(startDate, length) }))
  const covers = (range: DateRange, day: LocalDate) => range.startDate <= day && (range.endDate === null || day <= range.endDate)

  it.prop("merging keeps exactly the covered days", [fc.array(rangeArbitrary, { maxLength: 6 }), dayArbitrary], ([ranges, day]) => {
    const merged = mergeRanges(ranges)
    expect(merged.some((range) => covers(range, day))).toBe(ranges.some((range) => covers(range, day)))
    for (let i = 1; i < merged.length; i++) {
      const previous = merged[i - 1]!
      expect(previous.endDate).not.toBeNull()
      expect(LocalDates.addDays(previous.endDate!, 1) < merged[i]!.startDate).toBe(true)
    }
  })

  it.prop("intersection holds on a day iff every range does", [rangeArbitrary, rangeArbitrary, dayArbitrary], ([a, b, day]) => {
    const range = intersectRanges(a, b)
    expect(range !== undefined && covers(range, day)).toBe(covers(a, day) && covers(b, day))
  })
})

describe("roster mapping", () => {
  it("maps securityMarking to protection", () => {
    expect(protectionOf(undefined)).toBe("none")
    expect(protectionOf("Ingen")).toBe("none")
    expect(protectionOf("Sekretessmarkering")).toBe("confidential")
    expect(protectionOf("Skyddad folkbokföring")).toBe("protectedRegistration")
  })

  it("leaves out cancelled enrolments", () => {
    const roster = toRoster(
      data({
        persons: [
          person("p1", {
            enrolments: [
              { enroledAt: { id: "unit" }, schoolType: "GR", schoolYear: 4, startDate: date("2024-08-12"), cancelled: true },
              { enroledAt: { id: "unit" }, schoolType: "GR", schoolYear: 5, startDate: date("2025-08-11"), endDate: null }
            ]
          })
        ]
      })
    )
    expect(roster.enrolments).toEqual([{ pupilId: "p1", organisationId: "unit", schoolYear: 5, startDate: "2025-08-11", endDate: null }])
  })

  it("takes guardians only from Vårdnadshavare", () => {
    const responsibles = (["Vårdnadshavare", "Annan ansvarig", "God man", "Utsedd behörig"] as const).map((relationType, i) => ({
      person: { id: `adult${i}` },
      relationType
    }))
    const roster = toRoster(
      data({
        persons: [person("child", { birthDate: date("2014-05-06"), responsibles }), ...responsibles.map((r) => person(r.person.id))]
      })
    )
    expect(roster.guardianships).toEqual([{ guardianId: "adult0", pupilId: "child", startDate: "2014-05-06", endDate: null }])
  })

  it("dates mentorships by duty, role, group and membership", () => {
    const roster = toRoster(
      data({
        persons: [person("mentor"), person("p1"), person("p2")],
        groups: [klass("7A", [{ person: { id: "p1" } }, { person: { id: "p2" }, startDate: date("2026-01-07") }])],
        duties: [
          {
            id: "d1",
            meta,
            person: { id: "mentor" },
            dutyAt: { id: "unit" },
            dutyRole: "Lärare",
            startDate: date("2025-08-01"),
            endDate: date("2026-05-31"),
            assignmentRole: [{ group: { id: "7A" }, assignmentRoleType: "Mentor", endDate: date("2026-04-30") }]
          }
        ]
      })
    )
    expect(roster.mentorships).toEqual([
      { mentorId: "mentor", pupilId: "p1", startDate: "2025-08-11", endDate: "2026-04-30" },
      { mentorId: "mentor", pupilId: "p2", startDate: "2026-01-07", endDate: "2026-04-30" }
    ])
  })

  it("ignores mentor roles on other groups and other roles", () => {
    const roster = toRoster(
      data({
        persons: [person("staff"), person("p1")],
        groups: [klass("teaching", [{ person: { id: "p1" } }], { groupType: "Undervisning" }), klass("7A", [{ person: { id: "p1" } }])],
        duties: [
          {
            id: "d1",
            meta,
            person: { id: "staff" },
            dutyAt: { id: "unit" },
            dutyRole: "Lärare",
            startDate: date("2025-08-01"),
            assignmentRole: [
              { group: { id: "teaching" }, assignmentRoleType: "Mentor" },
              { group: { id: "7A" }, assignmentRoleType: "Elevhälsopersonal" }
            ]
          }
        ]
      })
    )
    expect(roster.mentorships).toEqual([])
  })

  it("makes courses only from Undervisning activities", () => {
    const activity = (id: string, activityType: Ss12000.ActivityType): Ss12000.Activity => ({
      id,
      meta,
      displayName: id,
      activityType,
      startDate: date("2025-08-11"),
      endDate: date("2026-06-12"),
      groups: [{ id: "7A" }],
      teachers: [{ duty: { id: "d1" }, endDate: date("2025-12-19") }],
      syllabus: { id: "s1" },
      organisation: { id: "unit" }
    })
    const roster = toRoster(
      data({
        persons: [person("teacher"), person("p1")],
        groups: [klass("7A", [{ person: { id: "p1" } }])],
        duties: [{ id: "d1", meta, person: { id: "teacher" }, dutyAt: { id: "unit" }, dutyRole: "Lärare", startDate: date("2025-08-01") }],
        activities: [activity("math", "Undervisning"), activity("trip", "Elevaktivitet")],
        syllabuses: [{ id: "s1", meta, schoolType: "GR", subjectCode: "GRGRMAT01", subjectName: "Matematik", official: true }]
      })
    )
    expect(roster.courses).toEqual([{ id: "math", name: "math", organisationId: "unit", subjectCode: "GRGRMAT01" }])
    expect(roster.teachings).toEqual([{ teacherId: "teacher", courseId: "math", startDate: "2025-08-11", endDate: "2025-12-19" }])
    expect(roster.courseMemberships).toEqual([{ pupilId: "p1", courseId: "math", startDate: "2025-08-11", endDate: "2026-06-12" }])
  })

  it("reports references it cannot follow", () => {
    const roster = toRoster(
      data({
        organisations: [unit, { ...unit, id: "school", organisationType: "Skola", parentOrganisation: { id: "gone-owner" } }],
        persons: [person("p1", { enrolments: [{ enroledAt: { id: "gone-unit" }, schoolType: "GR", startDate: date("2025-08-11") }] })],
        groups: [klass("7A", [{ person: { id: "gone-pupil" } }])]
      })
    )
    expect(roster.organisations.find((organisation) => organisation.id === "school")?.parentId).toBeNull()
    expect(roster.enrolments).toEqual([])
    expect(roster.skipped).toEqual([
      { from: "Organisation school", missing: "Organisation gone-owner" },
      { from: "Person p1", missing: "Organisation gone-unit" }
    ])
  })
})
