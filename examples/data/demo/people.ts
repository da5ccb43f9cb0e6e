/**
 * The people offered on the demo sign-in page: every administrator, mentor and teacher, every
 * pupil without a protection marking with their guardians, and a guardian of several children.
 * The hosts list a limited number per role and reach the rest through a name search.
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

  // Pupils with protected personal data stay off the list, so the sign-in page shows no protected name.
  const pupils = new Set(
    mentorships
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
