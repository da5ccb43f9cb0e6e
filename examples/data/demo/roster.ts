/**
 * Fits the imported fictional school to the day the demo starts. The files describe the school
 * year 2025/26, so the demo moves every date by whole years until the current school year is the
 * one in the files. Relations that begin with that school year begin a year earlier instead, so
 * the previous term's plans and assessments have mentors, teachers and pupils too.
 */
import { type Administration, type LocalDate, LocalDates, type OrganisationId, type PersonId, type Roster, termOf } from "@iupkit/core"

/** The first day of the school year the files describe. */
export const filesSchoolYearStart = "2025-08-11"

type Dated = { readonly startDate: LocalDate; readonly endDate: LocalDate | null }

const moveYears = (date: LocalDate, years: number): LocalDate => {
  const { year, month, day } = LocalDates.toParts(date)
  // 29 February moves to the 28th in a year without it.
  return LocalDates.fromParts({ year: year + years, month, day: Math.min(day, LocalDates.daysInMonth(year + years, month)) })
}

/** Moves a roster's dates so that its school year is the one `today` falls in. */
export const fitRosterToToday = (roster: Roster, today: LocalDate): Roster => {
  const years = termOf(today).schoolYearStart - LocalDates.toParts(filesSchoolYearStart as LocalDate).year
  const schoolYearStart = moveYears(filesSchoolYearStart as LocalDate, years)
  const earlier = moveYears(schoolYearStart, -1)
  const fit = <A extends Dated>(relation: A): A => {
    const startDate = moveYears(relation.startDate, years)
    return {
      ...relation,
      startDate: startDate === schoolYearStart ? earlier : startDate,
      endDate: relation.endDate === null ? null : moveYears(relation.endDate, years)
    }
  }
  return {
    ...roster,
    enrolments: roster.enrolments.map(fit),
    mentorships: roster.mentorships.map(fit),
    teachings: roster.teachings.map(fit),
    courseMemberships: roster.courseMemberships.map(fit),
    guardianships: roster.guardianships.map(fit),
    administrations: roster.administrations.map(fit)
  }
}

/**
 * Picks the administrators SS 12000 does not name: the first teacher by id without a class of
 * their own becomes site administrator, and one such teacher per school its administrator.
 */
export const withAdministrators = (roster: Roster, today: LocalDate): Roster => {
  const mentors = new Set(roster.mentorships.map((mentorship) => mentorship.mentorId))
  const courseOrganisation = new Map(roster.courses.map((course) => [course.id, course.organisationId]))
  const schoolOf = new Map<PersonId, OrganisationId>()
  for (const teaching of roster.teachings) {
    const organisationId = courseOrganisation.get(teaching.courseId)
    if (organisationId !== undefined && !mentors.has(teaching.teacherId)) schoolOf.set(teaching.teacherId, organisationId)
  }
  const candidates = [...schoolOf.keys()].sort()
  const since = { startDate: LocalDates.addDays(today, -400), endDate: null }
  const administrations: Array<Administration> = []
  const [siteAdministrator, ...others] = candidates
  if (siteAdministrator !== undefined) administrations.push({ personId: siteAdministrator, scope: { _tag: "site" }, ...since })
  const schoolsDone = new Set<OrganisationId>()
  for (const personId of others) {
    const organisationId = schoolOf.get(personId)!
    if (schoolsDone.has(organisationId)) continue
    schoolsDone.add(organisationId)
    administrations.push({ personId, scope: { _tag: "organisation", organisationId }, ...since })
  }
  return { ...roster, administrations }
}
