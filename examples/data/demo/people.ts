/**
 * The people offered on the demo sign-in page: every administrator, mentor and teacher, the
 * pupils of one class of each school with their guardians, and a guardian of several children.
 * Listing all 300 pupils and their guardians would bury the staff.
 */
import { displayName, isActiveOn, isProtected, type LocalDate, type PersonId, type Role, type Roster } from "@iupkit/core"

/** A person on the sign-in page, with the roles and courses the start page links to. */
export interface DemoPerson {
  readonly id: PersonId
  readonly name: string
  readonly roles: ReadonlyArray<Role>
  readonly courses: ReadonlyArray<{ readonly id: string; readonly name: string }>
}

/** Picks the demo people from the roster, on `today`'s relations. */
export const demoPeopleOf = (roster: Roster, today: LocalDate): ReadonlyArray<DemoPerson> => {
  const active = <A extends { readonly startDate: LocalDate; readonly endDate: LocalDate | null }>(relations: ReadonlyArray<A>) =>
    relations.filter((relation) => isActiveOn(relation, today))
  const roles = new Map<PersonId, Set<Role>>()
  const add = (personId: PersonId, role: Role) => roles.set(personId, (roles.get(personId) ?? new Set()).add(role))
  const people = new Map(roster.people.map((person) => [person.id, person]))
  const courseNames = new Map(roster.courses.map((course) => [course.id, course.name]))

  for (const administration of active(roster.administrations)) {
    add(administration.personId, administration.scope._tag === "site" ? "siteAdministrator" : "organisationAdministrator")
  }
  const mentorships = active(roster.mentorships)
  for (const mentorship of mentorships) add(mentorship.mentorId, "mentor")
  const teachings = active(roster.teachings)
  for (const teaching of teachings) add(teaching.teacherId, "teacher")

  // One class per school: the mentees of the first mentor (by id) at each school.
  const schoolOfPupil = new Map(active(roster.enrolments).map((enrolment) => [enrolment.pupilId, enrolment.organisationId]))
  const firstMentorAt = new Map<string, PersonId>()
  for (const mentorship of [...mentorships].sort((a, b) => a.mentorId.localeCompare(b.mentorId))) {
    const school = schoolOfPupil.get(mentorship.pupilId)
    if (school !== undefined && !firstMentorAt.has(school)) firstMentorAt.set(school, mentorship.mentorId)
  }
  const chosenMentors = new Set(firstMentorAt.values())
  const pupils = new Set(
    mentorships
      .filter((mentorship) => chosenMentors.has(mentorship.mentorId))
      .map((mentorship) => mentorship.pupilId)
      .filter((pupilId) => {
        const person = people.get(pupilId)
        return person !== undefined && !isProtected(person)
      })
  )
  for (const pupilId of pupils) add(pupilId, "pupil")

  const guardianships = active(roster.guardianships)
  const childCount = new Map<PersonId, number>()
  for (const guardianship of guardianships) childCount.set(guardianship.guardianId, (childCount.get(guardianship.guardianId) ?? 0) + 1)
  for (const guardianship of guardianships) if (pupils.has(guardianship.pupilId)) add(guardianship.guardianId, "guardian")
  const severalChildren = [...childCount].filter(([, count]) => count > 1).map(([guardianId]) => guardianId).sort()[0]
  if (severalChildren !== undefined) add(severalChildren, "guardian")

  const result: Array<DemoPerson> = []
  for (const [personId, personRoles] of roles) {
    const person = people.get(personId)
    if (person === undefined) continue
    const courses = teachings
      .filter((teaching) => teaching.teacherId === personId)
      .map((teaching) => ({ id: teaching.courseId, name: courseNames.get(teaching.courseId) ?? teaching.courseId }))
    result.push({ id: personId, name: displayName(person), roles: [...personRoles], courses })
  }
  return result.sort((a, b) => a.name.localeCompare(b.name, "sv"))
}
