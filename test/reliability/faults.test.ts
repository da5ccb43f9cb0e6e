/**
 * Fault injection: every bulk write runs once per statement number k with the k-th statement
 * failing (as an error and as a defect), and after each failure the database must equal its state
 * before the call. The first k past the operation's last statement lets it succeed, and then the
 * whole result must be there.
 */
import { fileURLToPath } from "node:url"
import { AuditLog, DirectoryWriter, EntryStore, layerMemoryDirectory, PlanStore, type Roster } from "@iupkit/core"
import { Administration, Mentoring, Teaching } from "@iupkit/services"
import { folderSource, fullImport, layerMemoryCache } from "@iupkit/ss12000"
import { Effect, Layer, Logger, LogLevel, type ManagedRuntime } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { backends, makeDatabase, servicesOver, snapshotTables, type TestDatabase } from "./support/storage.js"
import { courseId, mentees, people, roster, rosterWithEveryPupilMentored, schoolId } from "./support/world.js"

const ss12000Folder = fileURLToPath(new URL("../../packages/ss12000/test/fixtures/school", import.meta.url))

type Runtime = ManagedRuntime.ManagedRuntime<any, unknown>

const opened: Array<{ database: TestDatabase; runtime: Runtime }> = []
afterEach(async () => {
  for (const { database, runtime } of opened.splice(0)) {
    await runtime.dispose()
    database.cleanUp()
  }
})

const open = async (kind: "sqlite" | "postgres", world: Roster = roster) => {
  const database = makeDatabase(kind)
  const runtime = await servicesOver(database, world)
  opened.push({ database, runtime })
  return { database, runtime }
}

const actor = (personId: string) => ({ personId }) as never

/**
 * Runs `operation` with statement k failing for k = 1, 2, ... until it succeeds, checking after
 * each failure that nothing changed. A failure in a read after the commit (the names for the
 * response) leaves the whole result stored, so a changed state ends the sweep too; the caller's
 * checks of the full result then decide. Returns how many statements ran before that point.
 */
const sweepFaults = async (database: TestDatabase, runtime: Runtime, operation: () => Promise<unknown>): Promise<number> => {
  const before = await runtime.runPromise(snapshotTables)
  for (let failAt = 1; failAt <= 400; failAt++) {
    for (const mode of ["fail", "die"] as const) {
      database.faults.statements = 0
      database.faults.failAt = failAt
      database.faults.mode = mode
      const succeeded = await operation().then(() => true, () => false)
      database.faults.failAt = null
      if (succeeded) {
        expect(failAt, "the operation ran no statement that could fail").toBeGreaterThan(1)
        return failAt - 1
      }
      const after = await runtime.runPromise(snapshotTables)
      if (JSON.stringify(after) !== JSON.stringify(before)) return failAt
    }
  }
  throw new Error("the operation still failed after 400 statements")
}

const auditCount = (runtime: Runtime, action: string) =>
  runtime.runPromise(Effect.map(Effect.flatMap(AuditLog, (log) => log.list({ action: action as never })), (entries) => entries.length))

const template = (runtime: Runtime) =>
  runtime.runPromise(Effect.flatMap(Administration, (administration) =>
    administration.createTemplate(actor(people.siteAdmin), {
      title: "Utvecklingssamtal",
      scope: { _tag: "site" },
      fields: [
        { heading: "Mål", visibleTo: ["mentor", "pupil", "guardian"], editableBy: [] },
        { heading: "Elevens ord", visibleTo: ["pupil"], editableBy: ["pupil"] }
      ]
    })))

const planInput = (templateId: string) => ({ templateId, title: "IUP VT 2027", startDate: "2027-01-10", endDate: null })

const sortedRoster = (value: Roster) =>
  Object.fromEntries(Object.entries(value).map(([key, rows]) => [key, (rows as ReadonlyArray<unknown>).map((row) => JSON.stringify(row)).sort()]))

for (const kind of backends) {
  describe(`fault injection on ${kind}`, () => {
    it("keeps bulk plan creation all or nothing", async () => {
      const { database, runtime } = await open(kind)
      const { id: templateId } = await template(runtime)
      const create = () =>
        runtime.runPromise(Effect.flatMap(Mentoring, (mentoring) =>
          mentoring.createPlans(actor(people.mentor), { pupilIds: "all", plan: planInput(templateId) })))

      const statements = await sweepFaults(database, runtime, create)

      expect(statements).toBeGreaterThan(2)
      const plans = await runtime.runPromise(Effect.flatMap(PlanStore, (store) => store.listByPupils(mentees)))
      expect(plans.map((plan) => plan.pupilId).sort()).toEqual([...mentees].sort())
      expect(await auditCount(runtime, "plan.create")).toBe(mentees.length)
    })

    it("keeps bulk level setting all or nothing", async () => {
      const { database, runtime } = await open(kind)
      const setUp = await runtime.runPromise(Effect.gen(function*() {
        const administration = yield* Administration
        const teaching = yield* Teaching
        const scale = yield* administration.createGradingScale(actor(people.siteAdmin), { name: "Tre steg", steps: ["Låg", "Mellan", "Hög"] })
        const { assessment } = yield* teaching.createAssessment(actor(people.teacher), {
          courseId,
          title: "Omdöme VT 2027",
          gradingScaleId: scale.id,
          visibleToPupils: true,
          selfAssessmentEnabled: false
        })
        // Half the entries exist already, so the bulk write both updates and inserts.
        const written = yield* Effect.forEach(mentees.slice(0, 6), (pupilId) =>
          teaching.writeEntry(actor(people.teacher), { assessmentId: assessment.id, pupilId, expectedVersion: null, level: "Låg" }))
        return { assessmentId: assessment.id, versions: new Map(written.map((entry) => [entry.pupil.id, entry.version])) }
      }))
      const entries = mentees.map((pupilId) => ({ pupilId, expectedVersion: setUp.versions.get(pupilId) ?? null }))
      const setLevels = () =>
        runtime.runPromise(Effect.flatMap(Teaching, (teaching) =>
          teaching.setLevelForPupils(actor(people.teacher), { assessmentId: setUp.assessmentId, level: "Hög", entries })))
      const writesBefore = await auditCount(runtime, "entry.write")

      await sweepFaults(database, runtime, setLevels)

      const stored = await runtime.runPromise(Effect.flatMap(EntryStore, (store) => store.listByAssessments([setUp.assessmentId as never])))
      expect(stored.map((entry) => entry.pupilId).sort()).toEqual([...mentees].sort())
      expect(stored.map((entry) => entry.level)).toEqual(mentees.map(() => "Hög"))
      expect(await auditCount(runtime, "entry.write")).toBe(writesBefore + mentees.length)
    })

    it("keeps organisation-wide creation all or nothing", async () => {
      const { database, runtime } = await open(kind, rosterWithEveryPupilMentored)
      const { id: templateId } = await template(runtime)
      const create = () =>
        runtime.runPromise(Effect.flatMap(Administration, (administration) =>
          administration.createPlansForOrganisation(actor(people.schoolAdmin), { organisationId: schoolId, plan: planInput(templateId) })))

      await sweepFaults(database, runtime, create)

      const plans = await runtime.runPromise(Effect.flatMap(PlanStore, (store) => store.listByPupils(mentees)))
      expect(plans.map((plan) => plan.pupilId).sort()).toEqual([...mentees].sort())
      expect(plans.every((plan) => plan.createdBy === people.schoolAdmin)).toBe(true)
      expect(await auditCount(runtime, "plan.create")).toBe(mentees.length)
    })

    it("keeps an SS 12000 import all or nothing", async () => {
      const { database, runtime } = await open(kind)
      // The folder's school replaces the seeded roster on purpose, so the guard against an import
      // that removes most people is turned off here.
      const importOptions = { maxRemovedShare: 1 }
      // The importer logs each start and end at info level; the sweep runs it once per statement.
      const quiet = Logger.minimumLogLevel(LogLevel.Warning)
      const expected = await Effect.runPromise(
        Effect.zipRight(fullImport(folderSource(ss12000Folder), importOptions), Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot())).pipe(
          Effect.provide(Layer.mergeAll(layerMemoryDirectory(roster), layerMemoryCache, quiet))
        )
      )
      const runImport = () =>
        runtime.runPromise(fullImport(folderSource(ss12000Folder), importOptions).pipe(Effect.provide(Layer.merge(layerMemoryCache, quiet))))

      await sweepFaults(database, runtime, runImport)

      const imported = await runtime.runPromise(Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot()))
      expect(imported.people.length).toBeGreaterThan(0)
      expect(sortedRoster(imported)).toEqual(sortedRoster(expected))
    }, 180_000)
  })
}
