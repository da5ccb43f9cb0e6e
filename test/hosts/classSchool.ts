/**
 * A fictional school with one whole class for the browser tests: a mentor of 24 pupils, a teacher
 * of the class's maths course, a guardian of two of the pupils, and a site administrator.
 */
import type { CourseId, LocalDate, OrganisationId, PersonId, Roster } from "@iupkit/core"

const dated = { startDate: "2020-08-01" as LocalDate, endDate: null }
const school = "school-bjork" as OrganisationId

/** The maths course the whole class takes. */
export const classCourse = { id: "course-ma-7b" as CourseId, name: "Matematik 7B" }

const person = (id: string, givenName: string, familyName: string) => ({
  id: id as PersonId,
  givenName,
  familyName,
  protection: "none" as const
})

/** Staff and the guardian, with the names the demo sign-in page shows. */
export const staff = {
  admin: person("person-admin", "Ada", "Administratör"),
  mentor: person("person-mentor", "Maja", "Mentorsson"),
  teacher: person("person-teacher", "Tore", "Lärarsson"),
  guardian: person("person-guardian", "Gunnel", "Ekström")
}

/** The guardian's two children, first in the class list. */
export const children = {
  elsa: person("pupil-elsa", "Elsa", "Ekström"),
  emil: person("pupil-emil", "Emil", "Ekström")
}

const otherNames: ReadonlyArray<readonly [string, string]> = [
  ["Ebba", "Berglund"], ["Hugo", "Dahl"], ["Alice", "Falk"], ["Liam", "Gustavsson"],
  ["Maja", "Holm"], ["Noah", "Isaksson"], ["Wilma", "Jonsson"], ["Oscar", "Karlsson"],
  ["Saga", "Lind"], ["William", "Mattsson"], ["Ella", "Nyberg"], ["Lucas", "Olofsson"],
  ["Olivia", "Persson"], ["Elias", "Quist"], ["Astrid", "Rask"], ["Leo", "Sandberg"],
  ["Agnes", "Toll"], ["Axel", "Unger"], ["Freja", "Vik"], ["Nils", "Wahlberg"],
  ["Stella", "Ylvén"], ["Vidar", "Åberg"]
]

/** The whole class: the guardian's two children and 22 other pupils. */
export const classPupils = [
  children.elsa,
  children.emil,
  ...otherNames.map(([givenName, familyName], index) => person(`pupil-${String(index + 1).padStart(2, "0")}`, givenName, familyName))
]

/** A pupil who is not the guardian's child. */
export const otherPupil = classPupils[2]!

/** The display name of a person, as the pages write it. */
export const nameOf = (somebody: { readonly givenName: string; readonly familyName: string }): string =>
  `${somebody.givenName} ${somebody.familyName}`

/** The roster the directory holds. */
export const classRoster: Roster = {
  people: [...Object.values(staff), ...classPupils],
  organisations: [{ id: school, name: "Björkskolan", parentId: null }],
  courses: [{ id: classCourse.id, name: classCourse.name, organisationId: school, subjectCode: "GRGRMAT01" }],
  enrolments: classPupils.map((pupil) => ({ pupilId: pupil.id, organisationId: school, schoolYear: 7, ...dated })),
  mentorships: classPupils.map((pupil) => ({ mentorId: staff.mentor.id, pupilId: pupil.id, ...dated })),
  teachings: [{ teacherId: staff.teacher.id, courseId: classCourse.id, ...dated }],
  courseMemberships: classPupils.map((pupil) => ({ pupilId: pupil.id, courseId: classCourse.id, ...dated })),
  guardianships: [children.elsa, children.emil].map((child) => ({ guardianId: staff.guardian.id, pupilId: child.id, ...dated })),
  administrations: [{ personId: staff.admin.id, scope: { _tag: "site" }, ...dated }]
}

/** The people offered on the demo sign-in page, by role. */
export const classDemoPeople = [
  { id: staff.admin.id, name: nameOf(staff.admin), roles: ["siteAdministrator"] as const },
  { id: staff.mentor.id, name: nameOf(staff.mentor), roles: ["mentor"] as const },
  { id: staff.teacher.id, name: nameOf(staff.teacher), roles: ["teacher"] as const, courses: [classCourse] },
  { id: children.elsa.id, name: nameOf(children.elsa), roles: ["pupil"] as const },
  { id: staff.guardian.id, name: nameOf(staff.guardian), roles: ["guardian"] as const }
]
