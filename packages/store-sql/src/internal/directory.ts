import type { SqlError } from "@effect/sql/SqlError"
import {
  type ActorFacts,
  type Course,
  type CourseId,
  type DirectoryService,
  type DirectoryWriterService,
  type LocalDate,
  type OrganisationId,
  organisationsBelow,
  type Person,
  type PersonId,
  type PupilFacts,
  type Roster
} from "@iupkit/core"
import { Effect, Option } from "effect"
import { sql } from "kysely"
import type { Database } from "../Tables.js"
import { chunks, operation, run, selectInChunks, type SqlContext, writeTransaction } from "./context.js"

type Any = any

// A relation is active from its start date to its end date, both inclusive. Dates are
// zero-padded ISO text, so comparing the text compares the dates.
const activeOn = (on: LocalDate) => sql<boolean>`start_date <= ${on} and (end_date is null or end_date >= ${on})`

const distinct = <A>(items: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set(items)]

const personOf = (row: Database["people"]): Person => ({
  id: row.id as Any,
  givenName: row.given_name,
  familyName: row.family_name,
  protection: row.protection as Any
})

const courseOf = (row: Database["courses"]): Course => ({
  id: row.id as Any,
  name: row.name,
  organisationId: row.organisation_id as Any,
  subjectCode: row.subject_code
})

const dates = (row: { readonly start_date: string; readonly end_date: string | null }) => ({
  startDate: row.start_date as LocalDate,
  endDate: row.end_date as LocalDate | null
})

export const makeDirectory = (context: SqlContext): DirectoryService => {
  const { db, dialect } = context

  const organisations = () =>
    Effect.map(run(db.selectFrom("organisations").selectAll()), (rows) =>
      rows.map((row) => ({ id: row.id as OrganisationId, name: row.name, parentId: row.parent_id as OrganisationId | null })))

  const coursesByIds = (ids: ReadonlyArray<string>) =>
    Effect.map(
      selectInChunks(context, ids, (chunk) => db.selectFrom("courses").selectAll().where("id", "in", chunk)),
      (rows) => rows.map(courseOf)
    )

  const mentorIds = (pupilId: string, on: LocalDate) =>
    run(db.selectFrom("mentorships").select("mentor_id").where("pupil_id", "=", pupilId).where(activeOn(on)))
  const menteeIds = (mentorId: string, on: LocalDate) =>
    run(db.selectFrom("mentorships").select("pupil_id").where("mentor_id", "=", mentorId).where(activeOn(on)))
  const childIds = (guardianId: string, on: LocalDate) =>
    run(db.selectFrom("guardianships").select("pupil_id").where("guardian_id", "=", guardianId).where(activeOn(on)))
  const taughtCourseIds = (teacherId: string, on: LocalDate) =>
    run(db.selectFrom("teachings").select("course_id").where("teacher_id", "=", teacherId).where(activeOn(on)))
  const memberCourseIds = (pupilId: string, on: LocalDate) =>
    run(db.selectFrom("course_memberships").select("course_id").where("pupil_id", "=", pupilId).where(activeOn(on)))

  // Each fact list comes from its own table. One UNION ALL statement reads them all, each branch
  // through the index that leads with the person, so a session opens with one round trip.
  const actorFacts = (personId: PersonId, on: LocalDate): Effect.Effect<ActorFacts, SqlError> =>
    Effect.gen(function*() {
      const rows = yield* run(
        db.selectFrom("administrations").select([sql<string>`'administration'`.as("kind"), "scope_organisation_id as id"])
          .where("person_id", "=", personId).where(activeOn(on))
          .unionAll(db.selectFrom("mentorships").select([sql<string>`'mentee'`.as("kind"), "pupil_id as id"])
            .where("mentor_id", "=", personId).where(activeOn(on)))
          .unionAll(db.selectFrom("guardianships").select([sql<string>`'child'`.as("kind"), "pupil_id as id"])
            .where("guardian_id", "=", personId).where(activeOn(on)))
          .unionAll(db.selectFrom("teachings").select([sql<string>`'course'`.as("kind"), "course_id as id"])
            .where("teacher_id", "=", personId).where(activeOn(on)))
      )
      const idsOf = (kind: string) => rows.flatMap((row) => (row.kind === kind && row.id !== null ? [row.id] : []))
      const roots = idsOf("administration") as Array<OrganisationId>
      const administered = roots.length === 0 ? new Set<OrganisationId>() : organisationsBelow(roots, yield* organisations())
      return {
        personId,
        // A site-wide administration has no organisation.
        siteAdministrator: rows.some((row) => row.kind === "administration" && row.id === null),
        administeredOrganisationIds: administered,
        menteeIds: new Set(idsOf("mentee") as Array<PersonId>),
        childIds: new Set(idsOf("child") as Array<PersonId>),
        taughtCourseIds: new Set(idsOf("course") as Array<CourseId>)
      }
    })

  // Enrolments and course memberships of many pupils, one UNION ALL statement per chunk of ids.
  // Without memberships only the enrolments branch runs: memberships usually outnumber enrolments (16 to
  // 1 in the benchmark's municipality), so a large selection reads a fraction of the rows.
  const pupilFactsOf = (
    pupilIds: ReadonlyArray<PersonId>,
    on: LocalDate,
    courseMemberships = true
  ): Effect.Effect<Map<PersonId, PupilFacts>, SqlError> =>
    Effect.gen(function*() {
      const facts = new Map(distinct(pupilIds).map((pupilId) => [pupilId, {
        pupilId,
        organisationIds: new Set<OrganisationId>(),
        courseIds: new Set<CourseId>()
      }]))
      // Each id is bound once per branch, and each branch binds the day twice.
      for (const chunk of chunks(dialect, [...facts.keys()], 2, 16)) {
        const enrolments = db.selectFrom("enrolments")
          .select([sql<string>`'organisation'`.as("kind"), "pupil_id", "organisation_id as id"])
          .where("pupil_id", "in", chunk).where(activeOn(on))
        const rows = yield* run(
          courseMemberships
            ? enrolments.unionAll(db.selectFrom("course_memberships").select([sql<string>`'course'`.as("kind"), "pupil_id", "course_id as id"])
              .where("pupil_id", "in", chunk).where(activeOn(on)))
            : enrolments
        )
        for (const row of rows) {
          const found = facts.get(row.pupil_id as PersonId)
          if (found === undefined) continue
          if (row.kind === "organisation") found.organisationIds.add(row.id as OrganisationId)
          else found.courseIds.add(row.id as CourseId)
        }
      }
      return facts
    })

  // Memberships joined with their courses: one statement per chunk of pupils.
  const coursesOfPupils = (pupilIds: ReadonlyArray<PersonId>, on: LocalDate) =>
    Effect.gen(function*() {
      const rows = yield* selectInChunks(context, pupilIds, (chunk) =>
        run(
          db.selectFrom("course_memberships")
            .innerJoin("courses", "courses.id", "course_memberships.course_id")
            .select(["course_memberships.pupil_id", "courses.id", "courses.name", "courses.organisation_id", "courses.subject_code"])
            .where("course_memberships.pupil_id", "in", chunk)
            .where(activeOn(on))
        ))
      const result = new Map<PersonId, Array<Course>>(distinct(pupilIds).map((pupilId) => [pupilId, []]))
      const seen = new Set<string>()
      for (const row of rows) {
        // Two memberships of one pupil in one course (say, before and after a break) name it once.
        const key = `${row.pupil_id}\u0000${row.id}`
        if (seen.has(key)) continue
        seen.add(key)
        result.get(row.pupil_id as PersonId)?.push(courseOf(row))
      }
      return result as ReadonlyMap<PersonId, ReadonlyArray<Course>>
    })

  return {
    person: (id) =>
      run(db.selectFrom("people").selectAll().where("id", "=", id)).pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), personOf)),
        operation("Directory.person", { personId: id })
      ),
    people: (ids) =>
      selectInChunks(context, ids, (chunk) => run(db.selectFrom("people").selectAll().where("id", "in", chunk))).pipe(
        Effect.map((rows) => rows.map(personOf)),
        operation("Directory.people", { count: ids.length })
      ),
    organisations: () => organisations().pipe(operation("Directory.organisations")),
    course: (id) =>
      run(db.selectFrom("courses").selectAll().where("id", "=", id)).pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), courseOf)),
        operation("Directory.course", { courseId: id })
      ),
    courses: (ids) => coursesByIds(ids).pipe(operation("Directory.courses", { count: ids.length })),
    actorFacts: (personId, on) => actorFacts(personId, on).pipe(operation("Directory.actorFacts", { personId, on })),
    pupilFacts: (pupilId, on) =>
      pupilFactsOf([pupilId], on).pipe(
        Effect.map((facts) => facts.get(pupilId)!),
        operation("Directory.pupilFacts", { pupilId, on })
      ),
    pupilFactsOf: (pupilIds, on, options) =>
      pupilFactsOf(pupilIds, on, options?.courseMemberships).pipe(
        operation("Directory.pupilFactsOf", { count: pupilIds.length, on })
      ),
    mentorsOf: (pupilId, on) =>
      mentorIds(pupilId, on).pipe(
        Effect.map((rows) => distinct(rows.map((row) => row.mentor_id as PersonId))),
        operation("Directory.mentorsOf", { pupilId, on })
      ),
    menteesOf: (mentorId, on) =>
      menteeIds(mentorId, on).pipe(
        Effect.map((rows) => distinct(rows.map((row) => row.pupil_id as PersonId))),
        operation("Directory.menteesOf", { mentorId, on })
      ),
    guardiansOf: (pupilId, on) =>
      run(db.selectFrom("guardianships").select("guardian_id").where("pupil_id", "=", pupilId).where(activeOn(on))).pipe(
        Effect.map((rows) => distinct(rows.map((row) => row.guardian_id as PersonId))),
        operation("Directory.guardiansOf", { pupilId, on })
      ),
    childrenOf: (guardianId, on) =>
      childIds(guardianId, on).pipe(
        Effect.map((rows) => distinct(rows.map((row) => row.pupil_id as PersonId))),
        operation("Directory.childrenOf", { guardianId, on })
      ),
    coursesOfTeacher: (teacherId, on) =>
      taughtCourseIds(teacherId, on).pipe(
        Effect.flatMap((rows) => coursesByIds(rows.map((row) => row.course_id))),
        operation("Directory.coursesOfTeacher", { teacherId, on })
      ),
    coursesOfPupil: (pupilId, on) =>
      memberCourseIds(pupilId, on).pipe(
        Effect.flatMap((rows) => coursesByIds(rows.map((row) => row.course_id))),
        operation("Directory.coursesOfPupil", { pupilId, on })
      ),
    coursesOfPupils: (pupilIds, on) => coursesOfPupils(pupilIds, on).pipe(operation("Directory.coursesOfPupils", { count: pupilIds.length, on })),
    pupilsOfCourse: (courseId, on) =>
      run(db.selectFrom("course_memberships").select("pupil_id").where("course_id", "=", courseId).where(activeOn(on))).pipe(
        Effect.map((rows) => distinct(rows.map((row) => row.pupil_id as PersonId))),
        operation("Directory.pupilsOfCourse", { courseId, on })
      ),
    teachersOfCourse: (courseId, on) =>
      run(db.selectFrom("teachings").select("teacher_id").where("course_id", "=", courseId).where(activeOn(on))).pipe(
        Effect.map((rows) => distinct(rows.map((row) => row.teacher_id as PersonId))),
        operation("Directory.teachersOfCourse", { courseId, on })
      ),
    pupilsOfOrganisation: (organisationId, on) =>
      Effect.gen(function*() {
        if (organisationId === null) {
          const rows = yield* db.selectFrom("enrolments").select("pupil_id").where(activeOn(on))
          return distinct(rows.map((row) => row.pupil_id as PersonId))
        }
        const scope = organisationsBelow([organisationId], yield* organisations())
        const rows = yield* selectInChunks(context, [...scope], (chunk) =>
          db.selectFrom("enrolments").select("pupil_id").where("organisation_id", "in", chunk).where(activeOn(on)))
        return distinct(rows.map((row) => row.pupil_id as PersonId))
      }).pipe(operation("Directory.pupilsOfOrganisation", { organisationId, on }))
  }
}

const rosterTables = [
  "people",
  "organisations",
  "courses",
  "enrolments",
  "mentorships",
  "teachings",
  "course_memberships",
  "guardianships",
  "administrations"
] as const

type RosterTable = (typeof rosterTables)[number]

const rosterRows = (roster: Roster): { readonly [T in RosterTable]: ReadonlyArray<Database[T]> } => {
  const dated = (relation: { readonly startDate: string; readonly endDate: string | null }) => ({
    start_date: relation.startDate,
    end_date: relation.endDate
  })
  return {
    people: roster.people.map((p) => ({ id: p.id, given_name: p.givenName, family_name: p.familyName, protection: p.protection })),
    organisations: roster.organisations.map((o) => ({ id: o.id, name: o.name, parent_id: o.parentId })),
    courses: roster.courses.map((c) => ({ id: c.id, name: c.name, organisation_id: c.organisationId, subject_code: c.subjectCode })),
    enrolments: roster.enrolments.map((e) => ({
      pupil_id: e.pupilId,
      organisation_id: e.organisationId,
      school_year: e.schoolYear,
      ...dated(e)
    })),
    mentorships: roster.mentorships.map((m) => ({ mentor_id: m.mentorId, pupil_id: m.pupilId, ...dated(m) })),
    teachings: roster.teachings.map((t) => ({ teacher_id: t.teacherId, course_id: t.courseId, ...dated(t) })),
    course_memberships: roster.courseMemberships.map((m) => ({ pupil_id: m.pupilId, course_id: m.courseId, ...dated(m) })),
    guardianships: roster.guardianships.map((g) => ({ guardian_id: g.guardianId, pupil_id: g.pupilId, ...dated(g) })),
    administrations: roster.administrations.map((a) => ({
      person_id: a.personId,
      scope_organisation_id: a.scope._tag === "site" ? null : a.scope.organisationId,
      ...dated(a)
    }))
  }
}

export const makeDirectoryWriter = (context: SqlContext): DirectoryWriterService => {
  const { db, dialect } = context
  const selectAll = <T extends RosterTable>(table: T) => db.selectFrom(table as RosterTable).selectAll() as Any as Effect.Effect<Array<Database[T]>, SqlError>

  return {
    snapshot: () =>
      Effect.gen(function*() {
        const [people, organisations, courses, enrolments, mentorships, teachings, memberships, guardianships, administrations] =
          yield* Effect.all([
            selectAll("people"),
            selectAll("organisations"),
            selectAll("courses"),
            selectAll("enrolments"),
            selectAll("mentorships"),
            selectAll("teachings"),
            selectAll("course_memberships"),
            selectAll("guardianships"),
            selectAll("administrations")
          ])
        const roster: Roster = {
          people: people.map(personOf),
          organisations: organisations.map((o) => ({ id: o.id as Any, name: o.name, parentId: o.parent_id as Any })),
          courses: courses.map(courseOf),
          enrolments: enrolments.map((e) => ({
            pupilId: e.pupil_id as Any,
            organisationId: e.organisation_id as Any,
            schoolYear: e.school_year === null ? null : Number(e.school_year),
            ...dates(e)
          })),
          mentorships: mentorships.map((m) => ({ mentorId: m.mentor_id as Any, pupilId: m.pupil_id as Any, ...dates(m) })),
          teachings: teachings.map((t) => ({ teacherId: t.teacher_id as Any, courseId: t.course_id as Any, ...dates(t) })),
          courseMemberships: memberships.map((m) => ({ pupilId: m.pupil_id as Any, courseId: m.course_id as Any, ...dates(m) })),
          guardianships: guardianships.map((g) => ({ guardianId: g.guardian_id as Any, pupilId: g.pupil_id as Any, ...dates(g) })),
          administrations: administrations.map((a) => ({
            personId: a.person_id as Any,
            scope: a.scope_organisation_id === null ? { _tag: "site" as const } : { _tag: "organisation" as const, organisationId: a.scope_organisation_id as Any },
            ...dates(a)
          }))
        }
        return roster
      }).pipe(operation("DirectoryWriter.snapshot")),
    // The whole swap is one transaction: readers see the old roster or the new one, never a mix.
    replace: (roster) =>
      writeTransaction(
        context,
        Effect.gen(function*() {
          const rows = rosterRows(roster)
          for (const table of rosterTables) {
            yield* db.deleteFrom(table)
            const tableRows: ReadonlyArray<object> = rows[table]
            const columns = Object.keys(tableRows[0] ?? {}).length
            for (const chunk of chunks(dialect, tableRows, Math.max(columns, 1))) {
              yield* db.insertInto(table).values(chunk as Any)
            }
          }
        })
      ).pipe(operation("DirectoryWriter.replace", { people: roster.people.length }))
  }
}
