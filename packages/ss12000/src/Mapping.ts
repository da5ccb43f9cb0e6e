/**
 * Maps SS 12000 objects to iupkit's roster. Pure: the same objects always give the same roster.
 *
 * - Organisations keep their tree through `parentOrganisation`.
 * - Pupils are persons with an enrolment (cancelled enrolments are left out).
 * - Guardians come only from `responsibles` with relationType Vårdnadshavare.
 * - Mentors come from Duty.assignmentRole of type Mentor on a Mentor or Klass group. The mentees
 *   are that group's members, on the days that the duty, the assignment, the group and the
 *   membership all cover.
 * - Courses come from activities of type Undervisning: their groups' members are the pupils,
 *   their teachers (DutyAssignment → Duty → person) the teachers, and the syllabus gives the
 *   subject code.
 *
 * A reference to an object that is not in the data is left out and reported, never guessed.
 *
 * @since 0.1.0
 */
import {
  type Course,
  type CourseId,
  type CourseMembership,
  type Enrolment,
  type Guardianship,
  LocalDates,
  type LocalDate,
  type Mentorship,
  type Organisation,
  type OrganisationId,
  type Person,
  type PersonId,
  type Protection,
  type Teaching
} from "@iupkit/core"
import type * as Model from "./Model.js"

/**
 * A reference the importer could not follow, so the relation using it was left out.
 *
 * @category mapping
 * @since 0.1.0
 */
export interface SkippedReference {
  /** The object holding the reference, such as `Person 0c1f…` or `Activity 9a2b…`. */
  readonly from: string
  /** The missing object, such as `Organisation 77aa…`. */
  readonly missing: string
}

/**
 * The roster parts SS 12000 supplies (administrators come from the host) and what was left out.
 *
 * @category mapping
 * @since 0.1.0
 */
export interface MappedRoster {
  readonly people: ReadonlyArray<Person>
  readonly organisations: ReadonlyArray<Organisation>
  readonly courses: ReadonlyArray<Course>
  readonly enrolments: ReadonlyArray<Enrolment>
  readonly mentorships: ReadonlyArray<Mentorship>
  readonly teachings: ReadonlyArray<Teaching>
  readonly courseMemberships: ReadonlyArray<CourseMembership>
  readonly guardianships: ReadonlyArray<Guardianship>
  readonly skipped: ReadonlyArray<SkippedReference>
}

/**
 * A date range. Both ends are inclusive, and an `endDate` of null means open-ended.
 *
 * @category mapping
 * @since 0.1.0
 */
export interface DateRange {
  readonly startDate: LocalDate
  readonly endDate: LocalDate | null
}

const isPresent = <A>(value: A | null | undefined): value is A => value !== null && value !== undefined

type PartialRange = { readonly startDate?: LocalDate | null | undefined; readonly endDate?: LocalDate | null | undefined }

/**
 * Intersects date ranges: returns the days common to all, or undefined when they share none.
 * The first range must have a start, and a later range without a start only narrows the end.
 *
 * @category mapping
 * @since 0.1.0
 */
export const intersectRanges = (first: DateRange, ...rest: ReadonlyArray<PartialRange>): DateRange | undefined => {
  let startDate = first.startDate
  let endDate = first.endDate
  for (const range of rest) {
    if (isPresent(range.startDate)) startDate = LocalDates.max(startDate, range.startDate)
    if (isPresent(range.endDate)) endDate = endDate === null ? range.endDate : LocalDates.min(endDate, range.endDate)
  }
  return endDate !== null && endDate < startDate ? undefined : { startDate, endDate }
}

/**
 * Merges overlapping or adjacent ranges, so one relation reached two ways (a pupil in a class and
 * in a mentor group of the same mentor) is stored once. Returns them sorted by start.
 *
 * @category mapping
 * @since 0.1.0
 */
export const mergeRanges = (ranges: ReadonlyArray<DateRange>): ReadonlyArray<DateRange> => {
  const sorted = [...ranges].sort((a, b) => LocalDates.compare(a.startDate, b.startDate))
  const merged: Array<{ startDate: LocalDate; endDate: LocalDate | null }> = []
  for (const range of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && (last.endDate === null || LocalDates.addDays(last.endDate, 1) >= range.startDate)) {
      if (last.endDate !== null) last.endDate = range.endDate === null ? null : LocalDates.max(last.endDate, range.endDate)
      continue
    }
    merged.push({ ...range })
  }
  return merged
}

/**
 * Maps a securityMarking to a protection. An absent marking means none.
 *
 * @category mapping
 * @since 0.1.0
 */
export const protectionOf = (marking: Model.SecurityMarking | null | undefined): Protection => {
  switch (marking) {
    case "Sekretessmarkering":
      return "confidential"
    case "Skyddad folkbokföring":
      return "protectedRegistration"
    default:
      return "none"
  }
}

// SS 12000 gives responsible relations no dates. They hold for as long as the source lists them,
// so they start at the pupil's birth or, when that is unknown, at this early date.
const undatedStart = "1900-01-01" as LocalDate

// Collects dated relations by key and merges each key's ranges.
class RelationSet<A> {
  private readonly ranges = new Map<string, { readonly value: A; readonly ranges: Array<DateRange> }>()

  add(key: string, value: A, range: DateRange | undefined): void {
    if (range === undefined) return
    const entry = this.ranges.get(key) ?? { value, ranges: [] }
    entry.ranges.push(range)
    this.ranges.set(key, entry)
  }

  toArray<B>(build: (value: A, range: DateRange) => B): ReadonlyArray<B> {
    return [...this.ranges.values()].flatMap((entry) => mergeRanges(entry.ranges).map((range) => build(entry.value, range)))
  }
}

const byId = <A extends { readonly id: string }>(items: ReadonlyArray<A>): ReadonlyMap<string, A> =>
  new Map(items.map((item) => [item.id, item]))

/**
 * Maps SS 12000 objects to the roster parts they describe.
 *
 * @category mapping
 * @since 0.1.0
 */
export const toRoster = (data: Model.Ss12000Data): MappedRoster => {
  // One entry per broken reference, however many relations went through it.
  const skipped = new Map<string, SkippedReference>()
  const skip = (from: string, missing: string) => skipped.set(`${from}|${missing}`, { from, missing })

  const organisationsById = byId(data.organisations)
  const personsById = byId(data.persons)
  const groupsById = byId(data.groups)
  const dutiesById = byId(data.duties)
  const syllabusesById = byId(data.syllabuses)

  const organisations = data.organisations.map((organisation): Organisation => {
    const parentId = organisation.parentOrganisation?.id ?? null
    if (parentId !== null && !organisationsById.has(parentId)) skip(`Organisation ${organisation.id}`, `Organisation ${parentId}`)
    return {
      id: organisation.id as OrganisationId,
      name: organisation.displayName,
      parentId: parentId !== null && organisationsById.has(parentId) ? (parentId as OrganisationId) : null
    }
  })

  const people = data.persons.map((person): Person => ({
    id: person.id as PersonId,
    givenName: person.givenName,
    familyName: person.familyName,
    protection: protectionOf(person.securityMarking)
  }))

  const enrolments = new RelationSet<{ pupilId: PersonId; organisationId: OrganisationId; schoolYear: number | null }>()
  const guardianships = new RelationSet<{ guardianId: PersonId; pupilId: PersonId }>()
  for (const person of data.persons) {
    for (const enrolment of person.enrolments ?? []) {
      if (enrolment.cancelled === true) continue
      if (!organisationsById.has(enrolment.enroledAt.id)) {
        skip(`Person ${person.id}`, `Organisation ${enrolment.enroledAt.id}`)
        continue
      }
      const value = {
        pupilId: person.id as PersonId,
        organisationId: enrolment.enroledAt.id as OrganisationId,
        schoolYear: enrolment.schoolYear ?? null
      }
      enrolments.add(`${person.id}|${enrolment.enroledAt.id}|${value.schoolYear}`, value, {
        startDate: enrolment.startDate,
        endDate: enrolment.endDate ?? null
      })
    }
    for (const responsible of person.responsibles ?? []) {
      if (responsible.relationType !== "Vårdnadshavare" || !isPresent(responsible.person)) continue
      if (!personsById.has(responsible.person.id)) {
        skip(`Person ${person.id}`, `Person ${responsible.person.id}`)
        continue
      }
      const value = { guardianId: responsible.person.id as PersonId, pupilId: person.id as PersonId }
      guardianships.add(`${value.guardianId}|${value.pupilId}`, value, {
        startDate: person.birthDate ?? undatedStart,
        endDate: null
      })
    }
  }

  // Members of a group over the days both the group and the membership hold.
  const membersOf = (groupId: string, from: string): ReadonlyArray<{ personId: PersonId; range: DateRange }> => {
    const group = groupsById.get(groupId)
    if (group === undefined) {
      skip(from, `Group ${groupId}`)
      return []
    }
    return (group.groupMemberships ?? []).flatMap((membership) => {
      if (!personsById.has(membership.person.id)) {
        skip(`Group ${group.id}`, `Person ${membership.person.id}`)
        return []
      }
      const range = intersectRanges({ startDate: group.startDate, endDate: group.endDate ?? null }, membership)
      return range === undefined ? [] : [{ personId: membership.person.id as PersonId, range }]
    })
  }

  const mentorships = new RelationSet<{ mentorId: PersonId; pupilId: PersonId }>()
  for (const duty of data.duties) {
    const roles = (duty.assignmentRole ?? []).filter((role) => role.assignmentRoleType === "Mentor")
    if (roles.length === 0 || !isPresent(duty.person)) continue
    if (!personsById.has(duty.person.id)) {
      skip(`Duty ${duty.id}`, `Person ${duty.person.id}`)
      continue
    }
    const mentorId = duty.person.id as PersonId
    for (const role of roles) {
      const groupType = groupsById.get(role.group.id)?.groupType
      if (groupType !== undefined && groupType !== "Mentor" && groupType !== "Klass") continue
      for (const member of membersOf(role.group.id, `Duty ${duty.id}`)) {
        if (member.personId === mentorId) continue
        const range = intersectRanges(member.range, { startDate: duty.startDate, endDate: duty.endDate }, role)
        mentorships.add(`${mentorId}|${member.personId}`, { mentorId, pupilId: member.personId }, range)
      }
    }
  }

  const courses: Array<Course> = []
  const teachings = new RelationSet<{ teacherId: PersonId; courseId: CourseId }>()
  const courseMemberships = new RelationSet<{ pupilId: PersonId; courseId: CourseId }>()
  for (const activity of data.activities) {
    if (activity.activityType !== "Undervisning") continue
    const from = `Activity ${activity.id}`
    if (!organisationsById.has(activity.organisation.id)) {
      skip(from, `Organisation ${activity.organisation.id}`)
      continue
    }
    const courseId = activity.id as CourseId
    const activityRange: DateRange = { startDate: activity.startDate, endDate: activity.endDate ?? null }
    let subjectCode: string | null = null
    if (isPresent(activity.syllabus)) {
      const syllabus = syllabusesById.get(activity.syllabus.id)
      if (syllabus === undefined) skip(from, `Syllabus ${activity.syllabus.id}`)
      subjectCode = syllabus?.subjectCode ?? null
    }
    courses.push({ id: courseId, name: activity.displayName, organisationId: activity.organisation.id as OrganisationId, subjectCode })

    for (const groupRef of activity.groups) {
      for (const member of membersOf(groupRef.id, from)) {
        const range = intersectRanges(member.range, activityRange)
        courseMemberships.add(`${member.personId}|${courseId}`, { pupilId: member.personId, courseId }, range)
      }
    }
    for (const assignment of activity.teachers ?? []) {
      const duty = dutiesById.get(assignment.duty.id)
      if (duty === undefined) {
        skip(from, `Duty ${assignment.duty.id}`)
        continue
      }
      if (!isPresent(duty.person) || !personsById.has(duty.person.id)) {
        skip(`Duty ${duty.id}`, `Person ${duty.person?.id ?? "(none given)"}`)
        continue
      }
      const teacherId = duty.person.id as PersonId
      const range = intersectRanges(activityRange, { startDate: duty.startDate, endDate: duty.endDate }, assignment)
      teachings.add(`${teacherId}|${courseId}`, { teacherId, courseId }, range)
    }
  }

  return {
    people,
    organisations,
    courses,
    enrolments: enrolments.toArray((value, range) => ({ ...value, ...range })),
    mentorships: mentorships.toArray((value, range) => ({ ...value, ...range })),
    teachings: teachings.toArray((value, range) => ({ ...value, ...range })),
    courseMemberships: courseMemberships.toArray((value, range) => ({ ...value, ...range })),
    guardianships: guardianships.toArray((value, range) => ({ ...value, ...range })),
    skipped: [...skipped.values()]
  }
}
