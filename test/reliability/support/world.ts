/**
 * A fictional school for the reliability tests: one school with a nested unit, a mentor with
 * twelve mentees, a co-mentor, a teacher of one course, a pupil without a mentor, a guardian of
 * the first pupil, a site administrator, an organisation administrator and a stranger with no
 * relation to anyone.
 */
import type { CourseId, LocalDate, OrganisationId, PersonId, Roster } from "@iupkit/core"

const since = { startDate: "2020-08-01" as LocalDate, endDate: null }
const school = "school-ek" as OrganisationId
const unit = "school-ek-unit" as OrganisationId
const course = "course-sv-8" as CourseId

/** The twelve mentees of the mentor, in one course together. */
export const mentees = Array.from({ length: 12 }, (_, index) => `pupil-${String(index + 1).padStart(2, "0")}` as PersonId)

export const people = {
  siteAdmin: "person-site-admin" as PersonId,
  schoolAdmin: "person-school-admin" as PersonId,
  mentor: "person-mentor" as PersonId,
  coMentor: "person-co-mentor" as PersonId,
  teacher: "person-teacher" as PersonId,
  guardian: "person-guardian" as PersonId,
  stranger: "person-stranger" as PersonId,
  pupil: mentees[0]!,
  otherPupil: mentees[1]!,
  pupilWithoutMentor: "pupil-alone" as PersonId
}

export const schoolId = school
export const unitId = unit
export const courseId = course

const person = (id: PersonId, givenName: string, familyName: string) => ({ id, givenName, familyName, protection: "none" as const })

export const roster: Roster = {
  people: [
    person(people.siteAdmin, "Siri", "Site"),
    person(people.schoolAdmin, "Sune", "Skolledare"),
    person(people.mentor, "Mona", "Mentor"),
    person(people.coMentor, "Kim", "Kommentor"),
    person(people.teacher, "Tove", "Lärare"),
    person(people.guardian, "Gun", "Vårdnad"),
    person(people.stranger, "Frans", "Främling"),
    person(people.pupilWithoutMentor, "Ensam", "Elev"),
    ...mentees.map((id, index) => person(id, `Elev${index + 1}`, "Testsson"))
  ],
  organisations: [
    { id: school, name: "Ekskolan", parentId: null },
    { id: unit, name: "Ekskolan enhet B", parentId: school }
  ],
  courses: [{ id: course, name: "Svenska 8", organisationId: school, subjectCode: "GRGRSVE01" }],
  enrolments: [...mentees, people.pupilWithoutMentor].map((pupilId, index) => ({
    pupilId,
    organisationId: index % 2 === 0 ? school : unit,
    schoolYear: 8,
    ...since
  })),
  mentorships: [
    ...mentees.map((pupilId) => ({ mentorId: people.mentor, pupilId, ...since })),
    { mentorId: people.coMentor, pupilId: people.pupil, ...since }
  ],
  teachings: [{ teacherId: people.teacher, courseId: course, ...since }],
  courseMemberships: mentees.map((pupilId) => ({ pupilId, courseId: course, ...since })),
  guardianships: [{ guardianId: people.guardian, pupilId: people.pupil, ...since }],
  administrations: [
    { personId: people.siteAdmin, scope: { _tag: "site" }, ...since },
    { personId: people.schoolAdmin, scope: { _tag: "organisation", organisationId: school }, ...since }
  ]
}

/** A roster without the pupil that has no mentor, so an organisation-wide creation succeeds. */
export const rosterWithEveryPupilMentored: Roster = {
  ...roster,
  people: roster.people.filter((entry) => entry.id !== people.pupilWithoutMentor),
  enrolments: roster.enrolments.filter((entry) => entry.pupilId !== people.pupilWithoutMentor)
}
