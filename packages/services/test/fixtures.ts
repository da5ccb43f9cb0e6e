// A small school used by the flow tests: two schools (one with a nested unit), mentors and a
// co-mentor, teachers, pupils, guardians, administrators, a protected pupil and a stranger.
import {
  type Actor,
  AssessmentStore,
  AuditLog,
  DirectoryWriter,
  DocumentStore,
  EntryStore,
  GradingScaleStore,
  IdGenerator,
  layerMemoryDirectory,
  type PersonId,
  PlanStore,
  type Roster,
  TemplateStore
} from "@iupkit/core"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { DateTime, Effect, Layer, Ref, TestClock } from "effect"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { layerIupServices, layerSiteConfig, type SiteConfigOptions } from "../src/index.js"

const person = (id: string, givenName: string, familyName: string, protection: "none" | "confidential" = "none") => ({
  id: id as PersonId,
  givenName,
  familyName,
  protection
})

const since = (startDate: string, endDate: string | null = null) => ({ startDate: startDate as never, endDate: endDate as never })

/** 2026-09-15 12:00 in Stockholm. */
export const testNow = DateTime.unsafeMake("2026-09-15T10:00:00Z")

export const ids = {
  siteAdmin: "site-admin" as PersonId,
  northAdmin: "north-admin" as PersonId,
  anna: "mentor-anna" as PersonId,
  bo: "comentor-bo" as PersonId,
  oldMentor: "mentor-old" as PersonId,
  tea: "teacher-tea" as PersonId,
  ulla: "teacher-ulla" as PersonId,
  p1: "pupil-1" as PersonId,
  p2: "pupil-2" as PersonId,
  p3: "pupil-3" as PersonId,
  p4: "pupil-4" as PersonId,
  g1: "guardian-1" as PersonId,
  g2: "guardian-2" as PersonId,
  stranger: "stranger" as PersonId
}

export const as = (personId: PersonId): Actor => ({ personId })

export const roster: Roster = {
  people: [
    person(ids.siteAdmin, "Sara", "Site"),
    person(ids.northAdmin, "Nils", "Norr"),
    person(ids.anna, "Anna", "Andersson"),
    person(ids.bo, "Bo", "Berg"),
    person(ids.oldMentor, "Olle", "Gammal"),
    person(ids.tea, "Tea", "Lärare"),
    person(ids.ulla, "Ulla", "Svensk"),
    person(ids.p1, "Pia", "Elev"),
    person(ids.p2, "Per", "Elev"),
    person(ids.p3, "Pontus", "Skyddad", "confidential"),
    person(ids.p4, "Pim", "Utan"),
    person(ids.g1, "Greta", "Vård"),
    person(ids.g2, "Gustav", "Vård"),
    person(ids.stranger, "Sven", "Främling")
  ],
  organisations: [
    { id: "north" as never, name: "Norra skolan", parentId: null },
    { id: "north-a" as never, name: "Norra skolan enhet A", parentId: "north" as never },
    { id: "south" as never, name: "Södra skolan", parentId: null }
  ],
  courses: [
    { id: "math-7" as never, name: "Matematik 7", organisationId: "north" as never, subjectCode: "GRGRMAT01" },
    { id: "sv-7" as never, name: "Svenska 7", organisationId: "north" as never, subjectCode: null }
  ],
  enrolments: [
    { pupilId: ids.p1, organisationId: "north" as never, schoolYear: 7, ...since("2026-08-01") },
    { pupilId: ids.p2, organisationId: "north-a" as never, schoolYear: 7, ...since("2026-08-01") },
    { pupilId: ids.p3, organisationId: "south" as never, schoolYear: 7, ...since("2026-08-01") },
    { pupilId: ids.p4, organisationId: "north" as never, schoolYear: 7, ...since("2026-08-01") }
  ],
  mentorships: [
    { mentorId: ids.anna, pupilId: ids.p1, ...since("2026-08-01") },
    { mentorId: ids.anna, pupilId: ids.p2, ...since("2026-08-01") },
    { mentorId: ids.bo, pupilId: ids.p1, ...since("2026-08-01") },
    { mentorId: ids.oldMentor, pupilId: ids.p1, ...since("2025-08-01", "2026-06-30") },
    { mentorId: ids.tea, pupilId: ids.p3, ...since("2026-08-01") }
  ],
  teachings: [
    { teacherId: ids.tea, courseId: "math-7" as never, ...since("2026-08-01") },
    { teacherId: ids.ulla, courseId: "sv-7" as never, ...since("2026-08-01") }
  ],
  courseMemberships: [
    { pupilId: ids.p1, courseId: "math-7" as never, ...since("2026-08-01") },
    { pupilId: ids.p2, courseId: "math-7" as never, ...since("2026-08-01") },
    { pupilId: ids.p3, courseId: "math-7" as never, ...since("2026-08-01") },
    { pupilId: ids.p1, courseId: "sv-7" as never, ...since("2026-08-01") }
  ],
  guardianships: [
    { guardianId: ids.g1, pupilId: ids.p1, ...since("2020-01-01") },
    { guardianId: ids.g2, pupilId: ids.p2, ...since("2020-01-01") },
    { guardianId: ids.g2, pupilId: ids.p3, ...since("2020-01-01") }
  ],
  administrations: [
    { personId: ids.siteAdmin, scope: { _tag: "site" }, ...since("2020-01-01") },
    { personId: ids.northAdmin, scope: { _tag: "organisation", organisationId: "north" as never }, ...since("2020-01-01") }
  ]
}

/** Ids counting up per kind, so failures print readable ids. */
export const layerSequentialIds = Layer.effect(
  IdGenerator,
  Effect.map(Ref.make(0), (counter) => ({
    next: (kind) => Effect.map(Ref.updateAndGet(counter, (n) => n + 1), (n) => `${kind}-${n}`)
  }))
)

/** A SQLite file in a fresh temporary folder, with the SQL directory loaded from the roster. */
export const layerSqliteFile = (options: SiteConfigOptions = {}) =>
  Layer.unwrapScoped(
    Effect.gen(function*() {
      const folder = yield* Effect.acquireRelease(
        Effect.promise(() => mkdtemp(join(tmpdir(), "iupkit-services-"))),
        (path) => Effect.promise(() => rm(path, { recursive: true, force: true }))
      )
      const storage = SqliteStorage.layer({ filename: join(folder, "iup.db") })
      const loadRoster = Layer.effectDiscard(Effect.flatMap(DirectoryWriter, (writer) => writer.replace(roster)))
      return Layer.mergeAll(Layer.provideMerge(loadRoster, storage), layerSequentialIds, layerSiteConfig(options))
    })
  )

/** Memory storage with the in-memory directory, for tests that build many worlds. */
export const layerMemoryFixture = (options: SiteConfigOptions = {}) =>
  Layer.mergeAll(layerMemoryStorage, layerMemoryDirectory(roster), layerSequentialIds, layerSiteConfig(options))

/**
 * Every service on a SQLite file (the default) or memory storage; the stores stay reachable for
 * snapshots. Set IUPKIT_TEST_STORAGE=memory to run the flow tests on memory storage.
 */
export const makeTestLayer = (options: SiteConfigOptions = {}) =>
  Layer.provideMerge(
    layerIupServices,
    process.env["IUPKIT_TEST_STORAGE"] === "memory" ? layerMemoryFixture(options) : layerSqliteFile(options)
  )

export const atTestNow = TestClock.setTime(DateTime.toEpochMillis(testNow))

const everyone = roster.people.map((p) => p.id)
const courseIds = roster.courses.map((c) => c.id)

/** Everything the stores hold, in a stable order, to prove a rejected write changed nothing. */
export const snapshot = Effect.gen(function*() {
  const sortById = <A>(items: ReadonlyArray<A>, key: (a: A) => string) => items.toSorted((a, b) => key(a).localeCompare(key(b)))
  const templates = yield* Effect.flatMap(TemplateStore, (s) => s.list())
  const scales = yield* Effect.flatMap(GradingScaleStore, (s) => s.list())
  const assessments = yield* Effect.flatMap(AssessmentStore, (s) => s.listByCourses(courseIds))
  const entries = yield* Effect.flatMap(EntryStore, (s) => s.listByPupils(everyone))
  const plans = yield* Effect.flatMap(PlanStore, (s) => s.listByPupils(everyone))
  const documents = yield* Effect.flatMap(DocumentStore, (s) => s.listByPupils(everyone))
  const audit = yield* Effect.flatMap(AuditLog, (s) => s.list({}))
  return JSON.stringify({
    templates: sortById(templates, (t) => t.id),
    scales: sortById(scales, (s) => s.id),
    assessments: sortById(assessments, (a) => a.id),
    entries: sortById(entries, (e) => `${e.assessmentId}/${e.pupilId}`),
    plans: sortById(plans, (p) => p.id),
    documents: sortById(documents, (d) => d.id),
    audit: audit.length
  })
})
