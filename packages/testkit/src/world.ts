import type {
  Assessment,
  AssessmentEntry,
  GradingScale,
  LegacyDocument,
  LocalDate,
  Plan,
  Protection,
  Roster,
  Template
} from "@iupkit/core"
import fc from "fast-check"
import {
  assessmentArbitrary,
  documentArbitrary,
  entryArbitrary,
  gradingScaleArbitrary,
  localDateArbitrary,
  planArbitrary,
  templateArbitrary,
  titleArbitrary
} from "./arbitraries.js"

/**
 * Upper bounds of a generated world; every count is at least one.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface WorldSize {
  readonly pupils?: number
  readonly mentors?: number
  readonly teachers?: number
  readonly courses?: number
  readonly organisations?: number
}

/**
 * Everything a generated site holds: its roster and the records of its pupils.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface World {
  readonly roster: Roster
  readonly templates: ReadonlyArray<Template>
  readonly gradingScales: ReadonlyArray<GradingScale>
  readonly assessments: ReadonlyArray<Assessment>
  readonly entries: ReadonlyArray<AssessmentEntry>
  readonly plans: ReadonlyArray<Plan>
  readonly documents: ReadonlyArray<LegacyDocument>
}

const addDays = (date: LocalDate, days: number): LocalDate =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10) as LocalDate

// A dated relation: a start date and either no end or an end up to three years later.
const period = fc.record({ startDate: localDateArbitrary, length: fc.option(fc.integer({ min: 0, max: 1100 }), { nil: null }) }).map(
  ({ length, startDate }) => ({ startDate, endDate: length === null ? null : addDays(startDate, length) })
)

const protection: fc.Arbitrary<Protection> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("none" as const) },
  { weight: 1, arbitrary: fc.constant("confidential" as const) },
  { weight: 1, arbitrary: fc.constant("protectedRegistration" as const) }
)

/**
 * A roster with nested organisations and pupils enrolled in them, some with a protection marking.
 * Each pupil has one or two mentors (co-mentors), sometimes a former mentor whose relation ended,
 * course memberships and one or two guardians; siblings sometimes share a guardian. Courses have
 * teachers, and there is a site administrator and an organisation administrator. Ids start with a random prefix, so
 * several worlds can share a database.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const rosterArbitrary = (size: WorldSize = {}): fc.Arbitrary<Roster> =>
  fc
    .record({
      prefix: fc.stringMatching(/^[a-z0-9]{8}$/),
      organisations: fc.integer({ min: 1, max: size.organisations ?? 4 }),
      pupils: fc.integer({ min: 1, max: size.pupils ?? 10 }),
      mentors: fc.integer({ min: 1, max: size.mentors ?? 3 }),
      teachers: fc.integer({ min: 1, max: size.teachers ?? 3 }),
      courses: fc.integer({ min: 1, max: size.courses ?? 4 })
    })
    .chain((counts) => {
      const id = (kind: string, index: number) => `${counts.prefix}-${kind}-${index}`
      const person = (personId: string) =>
        fc.record({ id: fc.constant(personId), givenName: titleArbitrary, familyName: titleArbitrary, protection: fc.constant("none" as Protection) })
      const range = (count: number) => Array.from({ length: count }, (_, index) => index)
      const pick = (count: number) => fc.integer({ min: 0, max: count - 1 })
      return fc.record({
        organisations: fc.tuple(...range(counts.organisations).map((index) =>
          (index === 0 ? fc.constant(null) : pick(index)).map((parent) => ({
            id: id("org", index),
            name: `Enhet ${index}`,
            parentId: parent === null ? null : id("org", parent)
          })))),
        pupils: fc.tuple(...range(counts.pupils).map((index) =>
          fc.record({
            person: person(id("pupil", index)),
            protection,
            organisation: pick(counts.organisations),
            schoolYear: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
            enrolment: period,
            coMentor: fc.boolean(),
            formerMentor: fc.boolean(),
            courses: fc.subarray(range(counts.courses), { minLength: 1 }),
            secondGuardian: fc.boolean(),
            sharedGuardian: fc.boolean(),
            relation: period
          }))),
        staff: fc.tuple(...range(counts.mentors + counts.teachers + 2).map((index) => person(id("staff", index)))),
        courses: fc.tuple(...range(counts.courses).map((index) =>
          fc.record({
            id: fc.constant(id("course", index)),
            name: titleArbitrary,
            organisationId: pick(counts.organisations).map((org) => id("org", org)),
            subjectCode: fc.option(fc.constantFrom("GRGRMAT01", "GRGRSVE01", "GRGRENG01"), { nil: null }),
            teacher: pick(counts.teachers),
            teaching: period
          }))),
        adminOrganisation: pick(counts.organisations),
        adminPeriod: period
      }).map((parts): Roster => {
        const mentorId = (index: number) => id("staff", index % counts.mentors)
        const teacherId = (index: number) => id("staff", counts.mentors + index)
        const siteAdminId = id("staff", counts.mentors + counts.teachers)
        const orgAdminId = id("staff", counts.mentors + counts.teachers + 1)
        const guardianId = (index: number) => id("guardian", index)
        const roster = {
          people: [
            ...parts.pupils.map((pupil) => ({ ...pupil.person, protection: pupil.protection })),
            ...parts.staff,
            ...parts.pupils.flatMap((_, index) => [
              { id: guardianId(index * 2), givenName: "Vårdnadshavare", familyName: `${index}`, protection: "none" as const },
              { id: guardianId(index * 2 + 1), givenName: "Vårdnadshavare", familyName: `${index}b`, protection: "none" as const }
            ])
          ],
          organisations: parts.organisations,
          courses: parts.courses.map(({ id: courseId, name, organisationId, subjectCode }) => ({ id: courseId, name, organisationId, subjectCode })),
          enrolments: parts.pupils.map((pupil) => ({
            pupilId: pupil.person.id,
            organisationId: id("org", pupil.organisation),
            schoolYear: pupil.schoolYear,
            ...pupil.enrolment
          })),
          mentorships: parts.pupils.flatMap((pupil, index) => [
            { mentorId: mentorId(index), pupilId: pupil.person.id, ...pupil.relation },
            ...(pupil.coMentor && counts.mentors > 1 ? [{ mentorId: mentorId(index + 1), pupilId: pupil.person.id, ...pupil.relation }] : []),
            ...(pupil.formerMentor
              ? [{ mentorId: mentorId(index + 2), pupilId: pupil.person.id, startDate: addDays(pupil.relation.startDate, -400), endDate: addDays(pupil.relation.startDate, -1) }]
              : [])
          ]),
          teachings: parts.courses.map((course) => ({ teacherId: teacherId(course.teacher), courseId: course.id, ...course.teaching })),
          courseMemberships: parts.pupils.flatMap((pupil) =>
            pupil.courses.map((course) => ({ pupilId: pupil.person.id, courseId: id("course", course), ...pupil.relation }))),
          guardianships: parts.pupils.flatMap((pupil, index) => [
            // A pupil may share its first guardian with the previous pupil, as siblings do.
            { guardianId: guardianId(pupil.sharedGuardian && index > 0 ? (index - 1) * 2 : index * 2), pupilId: pupil.person.id, ...pupil.relation },
            ...(pupil.secondGuardian ? [{ guardianId: guardianId(index * 2 + 1), pupilId: pupil.person.id, ...pupil.relation }] : [])
          ]),
          administrations: [
            { personId: siteAdminId, scope: { _tag: "site" as const }, ...parts.adminPeriod },
            {
              personId: orgAdminId,
              scope: { _tag: "organisation" as const, organisationId: id("org", parts.adminOrganisation) },
              ...parts.adminPeriod
            }
          ]
        }
        // Only guardians someone refers to are kept, so the roster lists no stray people.
        const guardians = new Set(roster.guardianships.map((guardianship) => guardianship.guardianId))
        return {
          ...roster,
          people: roster.people.filter((p) => !p.id.includes("-guardian-") || guardians.has(p.id))
        } as unknown as Roster
      })
    })

/**
 * A whole site: a roster from {@link rosterArbitrary}, templates scoped to the site or its
 * organisations, grading scales, assessments in its courses by their teachers, entries of the
 * courses' pupils with levels from the assessment's scale, plans of pupils by their mentors, and
 * legacy documents. Ids are unique within the world and start with its random prefix.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const worldArbitrary = (size: WorldSize = {}): fc.Arbitrary<World> =>
  rosterArbitrary(size).chain((roster) => {
    const prefix = roster.organisations[0]!.id.split("-")[0]!
    const unique = <A extends { readonly id: string }>(kind: string, items: ReadonlyArray<A>): Array<A> =>
      items.map((item, index) => ({ ...item, id: `${prefix}-${kind}-${index}` }))
    const organisationIds = roster.organisations.map((organisation) => organisation.id)
    const teacherIds = [...new Set(roster.teachings.map((teaching) => teaching.teacherId))]
    return fc
      .record({
        templates: fc.array(templateArbitrary(organisationIds), { minLength: 1, maxLength: 3 }).map((items) => unique("template", items)),
        gradingScales: fc.array(gradingScaleArbitrary, { minLength: 1, maxLength: 2 }).map((items) => unique("scale", items))
      })
      .chain(({ gradingScales, templates }) =>
        fc
          .array(assessmentArbitrary(roster.courses.map((course) => course.id), teacherIds, gradingScales.map((scale) => scale.id)), {
            minLength: 1,
            maxLength: roster.courses.length * 2
          })
          .map((items) => unique("assessment", items))
          .chain((assessments) => {
            const stepsOf = (assessment: Assessment) =>
              gradingScales.find((scale) => scale.id === assessment.gradingScaleId)?.steps ?? null
            const entries = assessments.flatMap((assessment) => {
              const pupils = [...new Set(roster.courseMemberships.filter((m) => m.courseId === assessment.courseId).map((m) => m.pupilId))]
              const editors = roster.teachings.filter((t) => t.courseId === assessment.courseId).map((t) => t.teacherId)
              return pupils.map((pupil) => fc.option(entryArbitrary(assessment, pupil, stepsOf(assessment), [...editors, pupil]), { nil: null }))
            })
            const plans = roster.enrolments.map((enrolment) => {
              const mentors = roster.mentorships.filter((m) => m.pupilId === enrolment.pupilId).map((m) => m.mentorId)
              return fc.array(
                fc.constantFrom(...templates).chain((template) => planArbitrary(template, enrolment.pupilId, mentors[0]!)),
                { maxLength: 2 }
              )
            })
            const documents = roster.enrolments.map((enrolment) => {
              const mentors = roster.mentorships.filter((m) => m.pupilId === enrolment.pupilId).map((m) => m.mentorId)
              return fc.option(documentArbitrary(enrolment.pupilId, mentors), { nil: null })
            })
            return fc.record({
              entries: fc.tuple(...entries).map((list) => list.filter((entry) => entry !== null)),
              plans: fc.tuple(...plans).map((lists) => unique("plan", lists.flat())),
              documents: fc.tuple(...documents).map((list) => unique("document", list.filter((document) => document !== null)))
            }).map((records): World => ({ roster, templates, gradingScales, assessments, ...records }))
          })
      )
  })
