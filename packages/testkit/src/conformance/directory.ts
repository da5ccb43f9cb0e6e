import { expect } from "@effect/vitest"
import {
  type CourseId,
  Directory,
  DirectoryWriter,
  type LocalDate,
  type OrganisationId,
  type PersonId,
  Roster
} from "@iupkit/core"
import { Effect, Option, Schema } from "effect"
import type { Section } from "./shared.js"

const day = (text: string) => text as LocalDate
const sorted = <A>(items: Iterable<A>) => [...items].map(String).sort()

export const directoryTests = ({ id, it, lacks }: Section) => {
  const reason = lacks("directory")
  const test = (title: string, body: () => Effect.Effect<void, unknown, any>) =>
    reason === undefined ? it.effect(title, body) : it.effect.skip(`${title} (skipped: ${reason})`, () => Effect.void)

  const makeRoster = () => {
    const site = id<OrganisationId>("org")
    const school = id<OrganisationId>("org")
    const unit = id<OrganisationId>("org")
    const mentor = id<PersonId>("mentor")
    const coMentor = id<PersonId>("mentor")
    const formerMentor = id<PersonId>("mentor")
    const teacher = id<PersonId>("teacher")
    const pupil = id<PersonId>("pupil")
    const protectedPupil = id<PersonId>("pupil")
    const guardian = id<PersonId>("guardian")
    const admin = id<PersonId>("admin")
    const course = id<CourseId>("course")
    const person = (personId: PersonId, givenName: string, protection: "none" | "confidential" = "none") => ({
      id: personId,
      givenName,
      familyName: "Åström",
      protection
    })
    const roster: Roster = {
      people: [
        person(mentor, "Märta"),
        person(coMentor, "Örjan"),
        person(formerMentor, "Ebba"),
        person(teacher, "Åke"),
        person(pupil, "Elsa"),
        person(protectedPupil, "Nils", "confidential"),
        person(guardian, "Ingrid"),
        person(admin, "Admin")
      ],
      organisations: [
        { id: site, name: "Kommunen", parentId: null },
        { id: school, name: "Björkskolan", parentId: site },
        { id: unit, name: "Björkskolan F-3", parentId: school }
      ],
      courses: [{ id: course, name: "Matematik 3A", organisationId: unit, subjectCode: "GRGRMAT01" }],
      enrolments: [
        { pupilId: pupil, organisationId: unit, schoolYear: 3, startDate: day("2025-08-18"), endDate: null },
        { pupilId: protectedPupil, organisationId: school, schoolYear: null, startDate: day("2025-08-18"), endDate: day("2026-06-12") }
      ],
      mentorships: [
        { mentorId: mentor, pupilId: pupil, startDate: day("2025-08-18"), endDate: null },
        { mentorId: coMentor, pupilId: pupil, startDate: day("2026-01-07"), endDate: null },
        { mentorId: formerMentor, pupilId: pupil, startDate: day("2024-08-19"), endDate: day("2025-08-17") }
      ],
      teachings: [{ teacherId: teacher, courseId: course, startDate: day("2025-08-18"), endDate: day("2026-06-12") }],
      courseMemberships: [{ pupilId: pupil, courseId: course, startDate: day("2025-08-18"), endDate: null }],
      guardianships: [{ guardianId: guardian, pupilId: pupil, startDate: day("2016-04-01"), endDate: null }],
      administrations: [
        { personId: admin, scope: { _tag: "organisation", organisationId: school }, startDate: day("2020-01-01"), endDate: null }
      ]
    }
    return { roster, site, school, unit, mentor, coMentor, formerMentor, teacher, pupil, protectedPupil, guardian, admin, course }
  }

  test("directory replace and snapshot round-trip", () =>
    Effect.gen(function*() {
      const writer = yield* DirectoryWriter
      const { roster } = makeRoster()
      yield* writer.replace(roster)
      const snapshot = yield* writer.snapshot()
      const encode = Schema.encodeSync(Roster)
      const normalise = (value: Roster) =>
        Object.fromEntries(Object.entries(encode(value)).map(([key, rows]) => [key, sorted((rows as Array<unknown>).map((row) => JSON.stringify(row)))]))
      expect(normalise(snapshot)).toEqual(normalise(roster))
    }))

  test("directory answers relations for a day", () =>
    Effect.gen(function*() {
      const writer = yield* DirectoryWriter
      const directory = yield* Directory
      const r = makeRoster()
      yield* writer.replace(r.roster)

      expect(sorted(yield* directory.mentorsOf(r.pupil, day("2026-03-02")))).toEqual(sorted([r.mentor, r.coMentor]))
      expect(sorted(yield* directory.mentorsOf(r.pupil, day("2025-08-17")))).toEqual(sorted([r.formerMentor]))
      // Start and end dates are inclusive.
      expect(sorted(yield* directory.mentorsOf(r.pupil, day("2026-01-07")))).toEqual(sorted([r.mentor, r.coMentor]))
      expect(yield* directory.menteesOf(r.coMentor, day("2026-01-06"))).toEqual([])
      expect(yield* directory.menteesOf(r.mentor, day("2026-03-02"))).toEqual([r.pupil])
      expect(yield* directory.guardiansOf(r.pupil, day("2026-03-02"))).toEqual([r.guardian])
      expect(yield* directory.childrenOf(r.guardian, day("2026-03-02"))).toEqual([r.pupil])
      expect((yield* directory.coursesOfTeacher(r.teacher, day("2026-06-12"))).map((c) => c.id)).toEqual([r.course])
      expect(yield* directory.coursesOfTeacher(r.teacher, day("2026-06-13"))).toEqual([])
      expect((yield* directory.coursesOfPupil(r.pupil, day("2026-03-02"))).map((c) => c.subjectCode)).toEqual(["GRGRMAT01"])
      expect(yield* directory.pupilsOfCourse(r.course, day("2026-03-02"))).toEqual([r.pupil])
      expect(yield* directory.teachersOfCourse(r.course, day("2026-03-02"))).toEqual([r.teacher])

      expect(sorted(yield* directory.pupilsOfOrganisation(r.site, day("2026-03-02")))).toEqual(sorted([r.pupil, r.protectedPupil]))
      expect(yield* directory.pupilsOfOrganisation(r.unit, day("2026-03-02"))).toEqual([r.pupil])
      expect(yield* directory.pupilsOfOrganisation(null, day("2026-06-13"))).toEqual([r.pupil])

      const adminFacts = yield* directory.actorFacts(r.admin, day("2026-03-02"))
      expect(adminFacts.siteAdministrator).toBe(false)
      expect(sorted(adminFacts.administeredOrganisationIds)).toEqual(sorted([r.school, r.unit]))
      const mentorFacts = yield* directory.actorFacts(r.mentor, day("2026-03-02"))
      expect(sorted(mentorFacts.menteeIds)).toEqual([r.pupil])
      expect(sorted(mentorFacts.taughtCourseIds)).toEqual([])
      const pupilFacts = yield* directory.pupilFacts(r.pupil, day("2026-03-02"))
      expect(sorted(pupilFacts.organisationIds)).toEqual([r.unit])
      expect(sorted(pupilFacts.courseIds)).toEqual([r.course])

      expect(Option.getOrThrow(yield* directory.person(r.protectedPupil)).protection).toBe("confidential")
      expect(sorted((yield* directory.people([r.pupil, r.guardian, id<PersonId>("unknown")])).map((p) => p.id))).toEqual(sorted([r.pupil, r.guardian]))
      expect((yield* directory.organisations()).length).toBe(3)
      expect(Option.getOrThrow(yield* directory.course(r.course)).organisationId).toBe(r.unit)
      expect(Option.isNone(yield* directory.person(id<PersonId>("unknown")))).toBe(true)
      expect(yield* directory.mentorsOf(id<PersonId>("unknown"), day("2026-03-02"))).toEqual([])
    }))

  test("directory bulk reads agree with the one-at-a-time reads", () =>
    Effect.gen(function*() {
      const writer = yield* DirectoryWriter
      const directory = yield* Directory
      const r = makeRoster()
      yield* writer.replace(r.roster)
      const today = day("2026-03-02")
      const unknownPupil = id<PersonId>("unknown")
      const unknownCourse = id<CourseId>("unknown")

      expect((yield* directory.courses([r.course, r.course, unknownCourse])).map((c) => c.id)).toEqual([r.course])
      expect(yield* directory.courses([])).toEqual([])
      expect(yield* directory.courses([unknownCourse])).toEqual([])

      const asked = [r.pupil, r.protectedPupil, r.pupil, unknownPupil, r.mentor]
      const facts = yield* directory.pupilFactsOf(asked, today)
      expect(sorted(facts.keys())).toEqual(sorted(new Set(asked)))
      for (const pupilId of new Set(asked)) {
        const one = yield* directory.pupilFacts(pupilId, today)
        const many = facts.get(pupilId)!
        expect({ pupilId: many.pupilId, organisations: sorted(many.organisationIds), courses: sorted(many.courseIds) })
          .toEqual({ pupilId: one.pupilId, organisations: sorted(one.organisationIds), courses: sorted(one.courseIds) })
      }
      expect(sorted(facts.get(r.pupil)!.courseIds)).toEqual([r.course])
      expect(sorted(facts.get(r.protectedPupil)!.organisationIds)).toEqual([r.school])
      expect(facts.get(unknownPupil)!.organisationIds.size).toBe(0)
      // The protected pupil's enrolment ended on 12 June: the end date is the last active day.
      expect(sorted((yield* directory.pupilFactsOf([r.protectedPupil], day("2026-06-13"))).get(r.protectedPupil)!.organisationIds)).toEqual([])
      expect((yield* directory.pupilFactsOf([], today)).size).toBe(0)

      // Without course memberships: the same keys and enrolments, and no course ids at all.
      const enrolled = yield* directory.pupilFactsOf(asked, today, { courseMemberships: false })
      expect(sorted(enrolled.keys())).toEqual(sorted(new Set(asked)))
      for (const pupilId of new Set(asked)) {
        expect(sorted(enrolled.get(pupilId)!.organisationIds)).toEqual(sorted(facts.get(pupilId)!.organisationIds))
        expect(enrolled.get(pupilId)!.courseIds.size).toBe(0)
      }
      expect(sorted((yield* directory.pupilFactsOf(asked, today, { courseMemberships: true })).get(r.pupil)!.courseIds)).toEqual([r.course])

      const courses = yield* directory.coursesOfPupils(asked, today)
      expect(sorted(courses.keys())).toEqual(sorted(new Set(asked)))
      for (const pupilId of new Set(asked)) {
        expect(sorted(courses.get(pupilId)!.map((c) => c.id))).toEqual(sorted((yield* directory.coursesOfPupil(pupilId, today)).map((c) => c.id)))
      }
      expect(courses.get(r.pupil)!.map((c) => c.name)).toEqual(["Matematik 3A"])
      expect(courses.get(unknownPupil)).toEqual([])
      expect((yield* directory.coursesOfPupils([], today)).size).toBe(0)
    }))

  test("directory replace swaps the whole roster", () =>
    Effect.gen(function*() {
      const writer = yield* DirectoryWriter
      const directory = yield* Directory
      const old = makeRoster()
      yield* writer.replace(old.roster)
      const next = makeRoster()
      yield* writer.replace(next.roster)
      expect(Option.isNone(yield* directory.person(old.pupil))).toBe(true)
      expect(yield* directory.mentorsOf(old.pupil, day("2026-03-02"))).toEqual([])
      expect(sorted(yield* directory.mentorsOf(next.pupil, day("2026-03-02")))).toEqual(sorted([next.mentor, next.coMentor]))
    }))
}
