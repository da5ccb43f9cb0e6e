/**
 * A small fictional school for the host tests: one school, a mentor who also teaches, three mentees
 * (one with a guardian, one with protected personal data), a pupil without a mentor, and a site
 * administrator.
 */
import type { CourseId, LocalDate, OrganisationId, PersonId, Protection, Roster } from "@iupkit/core"

const dated = { startDate: "2020-08-01" as LocalDate, endDate: null }
const school = "school-lind" as OrganisationId
const maths = "course-ma-7a" as CourseId

/** Ids of the people and the course. */
export const people = {
  admin: "person-admin" as PersonId,
  mentor: "person-mentor" as PersonId,
  pupil: "person-pupil-1" as PersonId,
  secondPupil: "person-pupil-2" as PersonId,
  pupilWithoutMentor: "person-pupil-3" as PersonId,
  protectedPupil: "person-pupil-4" as PersonId,
  guardian: "person-guardian" as PersonId
}
export const courseId = maths
export const schoolId = school

/** A name that must never reach a log line. */
export const guardianName = "Siv Fiktiv"

const person = (id: PersonId, givenName: string, familyName: string, protection: Protection = "none") => ({ id, givenName, familyName, protection })

/** The roster the hosts' directory serves. */
export const roster: Roster = {
  people: [
    person(people.admin, "Ada", "Administratör"),
    person(people.mentor, "Maja", "Mentorsson"),
    person(people.pupil, "Elsa", "Elevsdotter"),
    person(people.secondPupil, "Eskil", "Elevsson"),
    person(people.pupilWithoutMentor, "Ebba", "Utanmentor"),
    person(people.protectedPupil, "Saga", "Skyddad", "protectedRegistration"),
    person(people.guardian, "Siv", "Fiktiv")
  ],
  organisations: [{ id: school, name: "Lindskolan", parentId: null }],
  courses: [{ id: maths, name: "Matematik 7A", organisationId: school, subjectCode: "GRGRMAT01" }],
  enrolments: [people.pupil, people.secondPupil, people.pupilWithoutMentor, people.protectedPupil].map((pupilId) => ({
    pupilId,
    organisationId: school,
    schoolYear: 7,
    ...dated
  })),
  mentorships: [
    { mentorId: people.mentor, pupilId: people.pupil, ...dated },
    { mentorId: people.mentor, pupilId: people.secondPupil, ...dated },
    { mentorId: people.mentor, pupilId: people.protectedPupil, ...dated }
  ],
  teachings: [{ teacherId: people.mentor, courseId: maths, ...dated }],
  courseMemberships: [
    { pupilId: people.pupil, courseId: maths, ...dated },
    { pupilId: people.secondPupil, courseId: maths, ...dated },
    { pupilId: people.protectedPupil, courseId: maths, ...dated }
  ],
  guardianships: [{ guardianId: people.guardian, pupilId: people.pupil, ...dated }],
  administrations: [{ personId: people.admin, scope: { _tag: "site" }, ...dated }]
}
