/**
 * Dialect-independent storage scenarios (migrations, EXPLAIN on hot queries, fault injection),
 * run by the SQLite and PostgreSQL test files against their own databases.
 */
import { expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql/SqlClient"
import {
  type AssessmentId,
  AssessmentStore,
  AuditLog,
  type CourseId,
  Directory,
  DocumentStore,
  EntryStore,
  type LocalDate,
  type PersonId,
  type PlanId,
  PlanStore,
  type Roster,
  DirectoryWriter,
  Transactor,
  type Version
} from "@iupkit/core"
import {
  latestSchemaVersion,
  layerSqlStorage,
  layerStatementFaults,
  makeStatementFaults,
  migrate,
  migrations,
  type SqlDialect
} from "@iupkit/store-sql"
import { assessmentFixture, auditFixture, documentFixture, planFixture } from "@iupkit/testkit"
import { DateTime, Effect, Either, Exit, Layer } from "effect"

export interface Harness {
  readonly dialect: SqlDialect
  /** A client on a fresh, empty database. */
  readonly freshClient: () => Layer.Layer<SqlClient, unknown>
  /** Names the tables a statement reads with a full scan, per the database's own plan. */
  readonly fullScans: (sql: string, params: ReadonlyArray<unknown>) => Effect.Effect<ReadonlyArray<string>, unknown, SqlClient>
  /** Refreshes planner statistics, where the database needs it. */
  readonly analyze: Effect.Effect<void, unknown, SqlClient>
}

const at = DateTime.unsafeMake("2026-03-02T09:00:00.000Z")

export const migrationScenarios = (harness: Harness) => {
  it.effect("migrations run once and again as no-op", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient
      expect(yield* migrate(harness.dialect)).toEqual(migrations.map((migration) => migration.version))
      expect(yield* migrate(harness.dialect)).toEqual([])
      const rows = yield* sql.unsafe<{ version: number }>("select version from schema_version")
      expect(rows.map((row) => Number(row.version))).toEqual([latestSchemaVersion])
    }).pipe(Effect.provide(harness.freshClient())))

  it.effect("migrations apply newer versions in order", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient
      yield* migrate(harness.dialect)
      const next = [
        ...migrations,
        {
          version: latestSchemaVersion + 1,
          name: "add a test table",
          up: () => sql.unsafe("create table migration_probe (id integer primary key)")
        }
      ]
      expect(yield* migrate(harness.dialect, next)).toEqual([latestSchemaVersion + 1])
      expect(yield* migrate(harness.dialect, next)).toEqual([])
      expect(yield* sql.unsafe("select id from migration_probe")).toEqual([])
    }).pipe(Effect.provide(harness.freshClient())))

  it.effect("newer database schema is rejected", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient
      yield* migrate(harness.dialect)
      const newer = latestSchemaVersion + 3
      yield* sql.unsafe("insert into schema_version (version, name, applied_at) values ($1, $2, $3)".replace(/\$\d/g, harness.dialect.name === "sqlite" ? "?" : "$&"), [
        newer,
        "from a newer iupkit",
        "2030-01-01T00:00:00.000Z"
      ])
      const error = yield* Effect.flip(migrate(harness.dialect))
      expect(error._tag).toBe("SchemaTooNewError")
      expect(error.message).toContain(`version ${newer}`)
      expect(error.message).toContain(`up to ${latestSchemaVersion}`)

      const exit = yield* Effect.exit(Layer.build(layerSqlStorage(harness.dialect)).pipe(Effect.scoped))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain("SchemaTooNewError")
    }).pipe(Effect.provide(harness.freshClient())))

  it.effect("audit log rejects update and delete", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient
      yield* Effect.gen(function*() {
        yield* (yield* AuditLog).append([auditFixture("audit-1" as never, "mentor-1" as PersonId, "plan-1")])
      }).pipe(Effect.provide(layerSqlStorage(harness.dialect)))
      const update = yield* Effect.flip(sql.unsafe("update audit_log set action = 'plan.delete'"))
      expect(String(update.cause)).toContain("append-only")
      const remove = yield* Effect.flip(sql.unsafe("delete from audit_log"))
      expect(String(remove.cause)).toContain("append-only")
      const rows = yield* sql.unsafe<{ action: string }>("select action from audit_log")
      expect(rows.map((row) => row.action)).toEqual(["plan.read"])
    }).pipe(Effect.provide(harness.freshClient())))

  it.effect("failed directory replace keeps the old roster", () =>
    Effect.gen(function*() {
      const writer = yield* DirectoryWriter
      const directory = yield* Directory
      const old = bigRoster(3)
      yield* writer.replace(old)
      // Two people with one id break the primary key half-way through the new roster.
      const broken = { ...bigRoster(5), people: [...bigRoster(5).people, bigRoster(5).people[0]!] }
      const error = yield* Effect.flip(writer.replace(broken))
      expect(error._tag).toBe("StorageError")
      expect((yield* writer.snapshot()).people.length).toBe(old.people.length)
      expect((yield* directory.pupilsOfOrganisation(null, day("2026-03-02"))).length).toBe(3)
    }).pipe(Effect.provide(layerSqlStorage(harness.dialect)), Effect.provide(harness.freshClient())))

  it.effect("unmigrated database without migrate is rejected", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Layer.build(layerSqlStorage(harness.dialect, { migrate: false })).pipe(Effect.scoped))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain("run the migrations first")
    }).pipe(Effect.provide(harness.freshClient())))
}

const day = (text: string) => text as LocalDate

// A roster large enough that a full scan costs more than an index lookup, even to PostgreSQL's
// planner, which prefers scanning tables of a few pages.
const courseCount = 2000

const bigRoster = (pupils: number): Roster => {
  const roster = {
    people: [] as Array<Roster["people"][number]>,
    organisations: [{ id: "org-site", name: "Kommunen", parentId: null }, { id: "org-school", name: "Skolan", parentId: "org-site" }],
    courses: [] as Array<Roster["courses"][number]>,
    enrolments: [] as Array<Roster["enrolments"][number]>,
    mentorships: [] as Array<Roster["mentorships"][number]>,
    teachings: [] as Array<Roster["teachings"][number]>,
    courseMemberships: [] as Array<Roster["courseMemberships"][number]>,
    guardianships: [] as Array<Roster["guardianships"][number]>,
    administrations: Array.from({ length: 2000 }, (_, index) => ({
      personId: `admin-${index}`,
      scope: { _tag: "organisation", organisationId: "org-school" },
      startDate: day("2020-01-01"),
      endDate: null
    }))
  }
  for (let index = 0; index < pupils; index++) {
    const pupil = `pupil-${index}`
    const course = `course-${index % courseCount}`
    roster.people.push({ id: pupil, givenName: "Elev", familyName: `${index}`, protection: "none" } as never)
    roster.enrolments.push({ pupilId: pupil, organisationId: "org-school", schoolYear: 5, startDate: day("2025-08-18"), endDate: null } as never)
    roster.mentorships.push({ mentorId: `mentor-${index % 150}`, pupilId: pupil, startDate: day("2025-08-18"), endDate: null } as never)
    roster.courseMemberships.push({ pupilId: pupil, courseId: course, startDate: day("2025-08-18"), endDate: null } as never)
    roster.guardianships.push({ guardianId: `guardian-${index}`, pupilId: pupil, startDate: day("2016-01-01"), endDate: null } as never)
  }
  for (let index = 0; index < courseCount; index++) {
    roster.courses.push({ id: `course-${index}`, name: `Kurs ${index}`, organisationId: "org-school", subjectCode: null } as never)
    roster.teachings.push({ teacherId: `teacher-${index % 600}`, courseId: `course-${index}`, startDate: day("2025-08-18"), endDate: null } as never)
  }
  return roster as unknown as Roster
}

// Tables whose whole content a query reads on purpose: the organisation tree is walked in memory.
const wholeTableReads = new Set(["organisations"])

export const explainScenarios = (harness: Harness) => {
  it.effect("hot queries use indexes", () =>
    Effect.gen(function*() {
      const faults = makeStatementFaults()
      const storage = layerSqlStorage(harness.dialect).pipe(Layer.provide(layerStatementFaults(faults)))
      yield* Effect.gen(function*() {
        const pupils = 3000
        yield* (yield* DirectoryWriter).replace(bigRoster(pupils))
        const assessments = yield* AssessmentStore
        const entries = yield* EntryStore
        const plans = yield* PlanStore
        const teacher = "teacher-1" as PersonId
        // One transaction keeps the single-row inserts on one connection, which PostgreSQL runs far faster.
        const transactor = yield* Transactor
        yield* transactor.withTransaction(Effect.forEach(Array.from({ length: courseCount }, (_, course) => course), (course) =>
          assessments.insert(assessmentFixture(`assessment-${course}` as AssessmentId, `course-${course}` as CourseId, teacher))))
        const writes = Array.from({ length: pupils }, (_, index) => ({
          assessmentId: `assessment-${index % courseCount}` as AssessmentId,
          pupilId: `pupil-${index}` as PersonId,
          expectedVersion: null,
          level: "Godtagbart"
        }))
        yield* entries.writeMany(writes, at, teacher)
        yield* plans.insertMany(
          Array.from({ length: pupils }, (_, index) => planFixture(`plan-${index}` as PlanId, `pupil-${index}` as PersonId, "mentor-1" as PersonId))
        )
        yield* (yield* AuditLog).append(
          Array.from({ length: pupils }, (_, index) => auditFixture(`audit-${index}` as never, `mentor-${index % 150}` as PersonId, `plan-${index}`))
        )
        const documents = yield* DocumentStore
        yield* transactor.withTransaction(Effect.forEach(Array.from({ length: 2000 }, (_, index) => index), (index) =>
          documents.insert(documentFixture(`document-${index}` as never, `pupil-${index}` as PersonId, "mentor-7" as PersonId))))
        yield* harness.analyze

        faults.log = []
        const directory = yield* Directory
        const today = day("2026-03-02")
        const pupil = "pupil-42" as PersonId
        yield* entries.listByPupils([pupil], { from: at, to: DateTime.add(at, { days: 30 }) })
        yield* entries.listByPupils([pupil])
        yield* entries.listByAssessments(["assessment-7" as AssessmentId])
        yield* entries.get("assessment-7" as AssessmentId, pupil)
        yield* plans.listByPupils([pupil])
        yield* plans.get("plan-42" as PlanId)
        yield* assessments.listByCourses(["course-42" as CourseId])
        yield* (yield* DocumentStore).listByPupils([pupil])
        yield* (yield* AuditLog).list({ actorId: "mentor-42" as PersonId })
        yield* (yield* AuditLog).list({ targetId: "plan-42" })
        yield* directory.mentorsOf(pupil, today)
        yield* directory.menteesOf("mentor-42" as PersonId, today)
        yield* directory.guardiansOf(pupil, today)
        yield* directory.childrenOf("guardian-42" as PersonId, today)
        yield* directory.coursesOfTeacher("teacher-42" as PersonId, today)
        yield* directory.coursesOfPupil(pupil, today)
        yield* directory.pupilsOfCourse("course-42" as CourseId, today)
        yield* directory.teachersOfCourse("course-42" as CourseId, today)
        yield* directory.pupilFacts(pupil, today)
        yield* directory.pupilFactsOf([pupil, "pupil-43" as PersonId], today)
        yield* directory.coursesOfPupils([pupil, "pupil-43" as PersonId], today)
        yield* directory.courses(["course-42" as CourseId, "course-43" as CourseId])
        yield* directory.actorFacts("mentor-42" as PersonId, today)
        yield* plans.listHeadersByPupils([pupil, "pupil-43" as PersonId])
        yield* plans.listHeadersByPupils([pupil, "pupil-43" as PersonId], { start: today, end: null })
        yield* plans.listHeadersByPupils([pupil, "pupil-43" as PersonId], { start: today, end: day("2026-06-12") })
        yield* directory.actorFacts("admin-1" as PersonId, today)
        yield* directory.pupilsOfOrganisation("org-school" as never, today)
        const recorded = faults.log
        faults.log = null

        expect(recorded.length).toBeGreaterThan(20)
        const offenders: Array<string> = []
        for (const statement of recorded) {
          // The organisation-scoped pupil list reads every enrolment of the school on purpose.
          if (statement.sql.includes("from \"enrolments\"") && statement.sql.includes("\"organisation_id\" in")) continue
          const scans = (yield* harness.fullScans(statement.sql, statement.params)).filter((table) => !wholeTableReads.has(table))
          if (scans.length > 0) offenders.push(`${scans.join(", ")}: ${statement.sql}`)
        }
        expect(offenders).toEqual([])
      }).pipe(Effect.provide(storage))
    }).pipe(Effect.provide(harness.freshClient())), 120_000)
}

export const faultScenarios = (harness: Harness) => {
  // A small parameter limit splits even a dozen rows into several statements.
  const dialect: SqlDialect = { ...harness.dialect, maxBindParameters: 60 }

  it.effect("plan insertMany is all or nothing at every statement", () =>
    Effect.gen(function*() {
      const faults = makeStatementFaults()
      yield* Effect.gen(function*() {
        const plans = yield* PlanStore
        const sql = yield* SqlClient
        const batch = (round: number) =>
          Array.from({ length: 12 }, (_, index) =>
            planFixture(`plan-${round}-${index}` as PlanId, `pupil-${index}` as PersonId, "mentor-1" as PersonId))
        const stored = (round: number) =>
          Effect.gen(function*() {
            const ids = batch(round).map((plan) => plan.id)
            const found = yield* plans.getMany(ids)
            const fieldRows = yield* sql.unsafe<{ plan_id: string }>(`select plan_id from plan_fields where plan_id like '${`plan-${round}-`}%'`)
            return { plans: found.length, fields: fieldRows.length }
          })

        faults.statements = 0
        yield* plans.insertMany(batch(0))
        const count = faults.statements
        expect(count).toBeGreaterThan(1)
        expect(yield* stored(0)).toEqual({ plans: 12, fields: 36 })

        for (let k = 1; k <= count; k++) {
          faults.statements = 0
          faults.failAt = k
          faults.mode = k === count ? "die" : "fail"
          const result = yield* Effect.exit(plans.insertMany(batch(k)))
          faults.failAt = null
          expect(Exit.isFailure(result)).toBe(true)
          expect(yield* stored(k)).toEqual({ plans: 0, fields: 0 })
        }
      }).pipe(Effect.provide(layerSqlStorage(dialect).pipe(Layer.provide(layerStatementFaults(faults)))))
    }).pipe(Effect.provide(harness.freshClient())))

  it.effect("entry writeMany is all or nothing at every statement", () =>
    Effect.gen(function*() {
      const faults = makeStatementFaults()
      yield* Effect.gen(function*() {
        const entries = yield* EntryStore
        const teacher = "teacher-1" as PersonId
        const assessment = assessmentFixture("assessment-1" as AssessmentId, "course-1" as CourseId, teacher)
        yield* (yield* AssessmentStore).insert(assessment)
        const pupils = Array.from({ length: 30 }, (_, index) => `pupil-${index}` as PersonId)
        const firstWrites = pupils.slice(0, 20).map((pupilId) => ({ assessmentId: assessment.id, pupilId, expectedVersion: null, level: "Godtagbart" }))
        const stored = () => Effect.map(entries.listByAssessments([assessment.id]), (list) => list.map((e) => `${e.pupilId}:${e.level}:${e.version}`).sort())

        // Count the statements of a first write of 20 entries, then of a mixed batch.
        faults.statements = 0
        yield* entries.writeMany(firstWrites, at, teacher)
        const firstCount = faults.statements
        expect(firstCount).toBeGreaterThan(1)
        const before = yield* stored()

        const mixed = [
          ...pupils.slice(0, 20).map((pupilId) => ({ assessmentId: assessment.id, pupilId, expectedVersion: 1 as Version, level: "Mer än godtagbart" })),
          ...pupils.slice(20).map((pupilId) => ({ assessmentId: assessment.id, pupilId, expectedVersion: null, level: "Otillräckligt" }))
        ]
        faults.statements = 0
        const probe = yield* Effect.either(
          // Counted inside a transaction that is then undone, so the data stays as before.
          (yield* SqlClient).withTransaction(Effect.zipRight(entries.writeMany(mixed, at, teacher), Effect.fail("undo" as const)))
        )
        expect(Either.isLeft(probe)).toBe(true)
        const mixedCount = faults.statements
        expect(mixedCount).toBeGreaterThan(2)
        expect(yield* stored()).toEqual(before)

        for (let k = 1; k <= mixedCount; k++) {
          faults.statements = 0
          faults.failAt = k
          faults.mode = k % 2 === 0 ? "die" : "fail"
          const result = yield* Effect.exit(entries.writeMany(mixed, at, teacher))
          faults.failAt = null
          expect(Exit.isFailure(result)).toBe(true)
          expect(yield* stored()).toEqual(before)
        }

        const written = yield* entries.writeMany(mixed, at, teacher)
        expect(written.length).toBe(30)
        expect((yield* stored()).filter((entry) => entry.endsWith(":2")).length).toBe(20)
      }).pipe(Effect.provide(layerSqlStorage(dialect).pipe(Layer.provide(layerStatementFaults(faults)))))
    }).pipe(Effect.provide(harness.freshClient())))
}
