/**
 * The roster: people, organisations, courses and the dated relations between them, as the
 * directory gives them. Relations come from the host platform (for example through SS 12000),
 * never from iupkit users. Every relation has a start date and an optional end date, both
 * inclusive, so "mentor of" is answered for a given day.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CourseId, OrganisationId, PersonId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { Name } from "./Text.js"
import type { Period } from "./Time.js"
import { periodContainsDate } from "./Time.js"

/**
 * A protection marking on a person's record (SS 12000 securityMarking): "none" (Ingen),
 * "confidential" (Sekretessmarkering) or "protectedRegistration" (Skyddad folkbokföring).
 *
 * @category roster
 * @since 0.1.0
 */
export const Protection = Schema.Literal("none", "confidential", "protectedRegistration")
/** @category roster */
export type Protection = typeof Protection.Type

/**
 * A person.
 *
 * @category roster
 * @since 0.1.0
 */
export const Person = Schema.Struct({
  id: PersonId,
  givenName: Name,
  familyName: Name,
  protection: Protection
})
/** @category roster */
export type Person = typeof Person.Type

/**
 * Whether a person's record carries a protection marking.
 *
 * @category roster
 * @since 0.1.0
 */
export const isProtected = (person: Pick<Person, "protection">): boolean => person.protection !== "none"

/**
 * The name a person is shown by.
 *
 * @category roster
 * @since 0.1.0
 */
export const displayName = (person: Pick<Person, "givenName" | "familyName">): string =>
  `${person.givenName} ${person.familyName}`

/**
 * An organisation (a school or a unit); `parentId` nests it under another.
 *
 * @category roster
 * @since 0.1.0
 */
export const Organisation = Schema.Struct({
  id: OrganisationId,
  name: Name,
  parentId: Schema.NullOr(OrganisationId)
})
/** @category roster */
export type Organisation = typeof Organisation.Type

/**
 * A course: a teaching group in a subject, in one organisation.
 *
 * @category roster
 * @since 0.1.0
 */
export const Course = Schema.Struct({
  id: CourseId,
  name: Name,
  organisationId: OrganisationId,
  /** Skolverket's subject code, such as GRGRMAT01, when known. */
  subjectCode: Schema.NullOr(Schema.String)
})
/** @category roster */
export type Course = typeof Course.Type

const dated = {
  startDate: LocalDate,
  endDate: Schema.NullOr(LocalDate)
}

/**
 * A pupil's enrolment at an organisation.
 *
 * @category roster
 * @since 0.1.0
 */
export const Enrolment = Schema.Struct({
  pupilId: PersonId,
  organisationId: OrganisationId,
  /** School year 0–10 (0 is förskoleklass), when known. */
  schoolYear: Schema.NullOr(Schema.Int),
  ...dated
})
/** @category roster */
export type Enrolment = typeof Enrolment.Type

/**
 * A mentor of a pupil. A pupil may have several at once (co-mentors).
 *
 * @category roster
 * @since 0.1.0
 */
export const Mentorship = Schema.Struct({ mentorId: PersonId, pupilId: PersonId, ...dated })
/** @category roster */
export type Mentorship = typeof Mentorship.Type

/**
 * A teacher of a course.
 *
 * @category roster
 * @since 0.1.0
 */
export const Teaching = Schema.Struct({ teacherId: PersonId, courseId: CourseId, ...dated })
/** @category roster */
export type Teaching = typeof Teaching.Type

/**
 * A pupil's membership of a course.
 *
 * @category roster
 * @since 0.1.0
 */
export const CourseMembership = Schema.Struct({ pupilId: PersonId, courseId: CourseId, ...dated })
/** @category roster */
export type CourseMembership = typeof CourseMembership.Type

/**
 * A guardian (vårdnadshavare) of a pupil.
 *
 * @category roster
 * @since 0.1.0
 */
export const Guardianship = Schema.Struct({ guardianId: PersonId, pupilId: PersonId, ...dated })
/** @category roster */
export type Guardianship = typeof Guardianship.Type

/**
 * An administrator's scope: the whole site, or one organisation and the ones nested below it.
 *
 * @category roster
 * @since 0.1.0
 */
export const AdministratorScope = Schema.Union(
  Schema.TaggedStruct("site", {}),
  Schema.TaggedStruct("organisation", { organisationId: OrganisationId })
)
/** @category roster */
export type AdministratorScope = typeof AdministratorScope.Type

/**
 * An administrator assignment. SS 12000 has no administrators, so the host supplies them.
 *
 * @category roster
 * @since 0.1.0
 */
export const Administration = Schema.Struct({ personId: PersonId, scope: AdministratorScope, ...dated })
/** @category roster */
export type Administration = typeof Administration.Type

/**
 * The whole content of the directory as one value.
 *
 * @category roster
 * @since 0.1.0
 */
export const Roster = Schema.Struct({
  people: Schema.Array(Person),
  organisations: Schema.Array(Organisation),
  courses: Schema.Array(Course),
  enrolments: Schema.Array(Enrolment),
  mentorships: Schema.Array(Mentorship),
  teachings: Schema.Array(Teaching),
  courseMemberships: Schema.Array(CourseMembership),
  guardianships: Schema.Array(Guardianship),
  administrations: Schema.Array(Administration)
})
/** @category roster */
export type Roster = typeof Roster.Type

/**
 * A roster with nothing in it.
 *
 * @category roster
 * @since 0.1.0
 */
export const emptyRoster: Roster = {
  people: [],
  organisations: [],
  courses: [],
  enrolments: [],
  mentorships: [],
  teachings: [],
  courseMemberships: [],
  guardianships: [],
  administrations: []
}

/**
 * Whether a dated relation holds on a day.
 *
 * @category roster
 * @since 0.1.0
 */
export const isActiveOn = (relation: { readonly startDate: LocalDate; readonly endDate: LocalDate | null }, day: LocalDate): boolean => {
  const period: Period = { start: relation.startDate, end: relation.endDate }
  return periodContainsDate(period, day)
}

/**
 * The organisations at or below the given ones in the tree. Guards against cycles in bad data.
 *
 * @category roster
 * @since 0.1.0
 */
export const organisationsBelow = (
  roots: Iterable<OrganisationId>,
  organisations: ReadonlyArray<Organisation>
): ReadonlySet<OrganisationId> => {
  const children = new Map<OrganisationId, Array<OrganisationId>>()
  for (const organisation of organisations) {
    if (organisation.parentId === null) continue
    const list = children.get(organisation.parentId) ?? []
    list.push(organisation.id)
    children.set(organisation.parentId, list)
  }
  const result = new Set<OrganisationId>()
  const stack = [...roots]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (result.has(id)) continue
    result.add(id)
    stack.push(...(children.get(id) ?? []))
  }
  return result
}
