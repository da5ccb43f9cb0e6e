import { describe, expect, it } from "@effect/vitest"
import {
  AssessmentStore,
  DirectoryWriter,
  DocumentStore,
  EntryStore,
  layerMemoryDirectory,
  PlanStore,
  type Roster
} from "@iupkit/core"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Clock, DateTime, Effect, Layer, type Scheduler } from "effect"
import fc from "fast-check"
import { Guardians, layerIupServices, Mentoring, type PlanView, Plans, Pupils } from "../src/index.js"
import { layerSequentialIds } from "./fixtures.js"
import { makeOracle, type Oracle } from "./oracle/oracle.js"
import { courses, nowIso, organisations, today, type World, worldArbitrary } from "./oracle/world.js"

const worlds = Number(process.env["IUPKIT_WORLDS"] ?? 500)
const sqliteWorlds = Number(process.env["IUPKIT_SQLITE_WORLDS"] ?? 10)
// Site and organisation administrators count together: a site administrator reads everything,
// so only organisation administrators meet denials.
const roles = ["mentor", "teacher", "pupil", "guardian", "administrator", "several roles"] as const

interface Tally {
  checks: number
  writeChecks: number
  readonly byRole: Map<string, { allowed: number; denied: number }>
}

const tally: Tally = { checks: 0, writeChecks: 0, byRole: new Map() }

const count = (oracle: Oracle, actorId: string, allowed: boolean) => {
  tally.checks++
  for (const role of oracle.rolesOf(actorId)) {
    const counts = tally.byRole.get(role) ?? { allowed: 0, denied: 0 }
    if (allowed) counts.allowed++
    else counts.denied++
    tally.byRole.set(role, counts)
  }
}

const rosterOf = (world: World): Roster => ({
  people: [...world.pupils, ...world.staff, ...world.strangers].map((id) => ({
    id: id as never,
    givenName: `Given ${id}`,
    familyName: `Family ${id}`,
    protection: "none"
  })),
  organisations: organisations.map((o) => ({ id: o.id as never, name: `Organisation ${o.id}`, parentId: o.parentId as never })),
  courses: courses.map((c) => ({ id: c.id as never, name: `Course ${c.id}`, organisationId: c.organisationId as never, subjectCode: null })),
  enrolments: world.enrolments.map((e) => ({ ...e, schoolYear: null }) as never),
  mentorships: world.mentorships as never,
  teachings: world.teachings as never,
  courseMemberships: world.memberships as never,
  guardianships: world.guardianships as never,
  administrations: world.administrations.map((a) => ({
    personId: a.personId,
    scope: a.organisationId === null ? { _tag: "site" } : { _tag: "organisation", organisationId: a.organisationId },
    startDate: a.startDate,
    endDate: a.endDate
  })) as never
})

const now = DateTime.unsafeMake(nowIso)

const microtaskScheduler: Scheduler.Scheduler = {
  scheduleTask: (task) => queueMicrotask(task),
  shouldYield: () => false
}

// A clock standing still at the world's "now"; nothing here sleeps.
const fixedClock: Clock.Clock = {
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => DateTime.toEpochMillis(now),
  unsafeCurrentTimeNanos: () => BigInt(DateTime.toEpochMillis(now)) * 1_000_000n,
  currentTimeMillis: Effect.sync(() => DateTime.toEpochMillis(now)),
  currentTimeNanos: Effect.sync(() => BigInt(DateTime.toEpochMillis(now)) * 1_000_000n),
  sleep: () => Effect.die(new Error("nothing in this test sleeps"))
}

const store = (world: World) =>
  Effect.gen(function*() {
    const plans = yield* PlanStore
    yield* plans.insertMany(world.plans.map((plan) => ({
      id: plan.id as never,
      pupilId: plan.pupilId as never,
      createdBy: "u6" as never,
      templateId: "t1" as never,
      title: `Plan ${plan.id}`,
      startDate: plan.startDate as never,
      endDate: plan.endDate as never,
      published: plan.published,
      headerVersion: 1 as never,
      createdAt: now,
      updatedAt: now,
      fields: plan.fields.map((field) => ({
        fieldId: field.fieldId as never,
        heading: `Heading ${field.fieldId}`,
        visibleTo: field.visibleTo,
        editableBy: field.editableBy,
        value: `Value of ${field.fieldId}`,
        version: 1 as never,
        lastEditedAt: null,
        lastEditedBy: null
      }))
    })))
    const assessments = yield* AssessmentStore
    for (const assessment of world.assessments) {
      yield* assessments.insert({
        id: assessment.id as never,
        courseId: assessment.courseId as never,
        title: `Omdöme ${assessment.id} HT 2026`,
        gradingScaleId: null,
        visibleToPupils: assessment.visibleToPupils,
        selfAssessmentEnabled: false,
        createdBy: "u6" as never,
        createdAt: now,
        updatedAt: now,
        version: 1 as never
      })
    }
    const entries = yield* EntryStore
    for (const entry of world.entries) {
      yield* entries.write(
        { assessmentId: entry.assessmentId as never, pupilId: entry.pupilId as never, expectedVersion: null, comment: "Kommentar" },
        DateTime.unsafeMake(entry.editedAt),
        "u6" as never
      )
    }
    const documents = yield* DocumentStore
    for (const document of world.documents) {
      yield* documents.insert({
        id: document.id as never,
        pupilId: document.pupilId as never,
        title: "Äldre plan",
        fileName: "plan.pdf",
        mediaType: "application/pdf",
        byteSize: 10,
        documentDate: null,
        source: "import",
        uploadedBy: "u6" as never,
        uploadedAt: now
      })
    }
  })

// Whether the entry's last edit, as a Stockholm date, lies within the plan period.
const stockholmDate = (millis: number) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" })
    .format(new Date(millis))

const checkPlanView = (world: World, oracle: Oracle, actorId: string, planId: string, view: PlanView | null) => {
  const plan = world.plans.find((candidate) => candidate.id === planId)!
  const readable = oracle.canReadPlan(actorId, plan)
  count(oracle, actorId, readable)
  expect(view !== null, `plan ${planId} readable by ${actorId}`).toBe(readable)
  if (view === null) return
  for (const field of plan.fields) {
    const fieldReadable = oracle.canReadField(actorId, plan, field)
    count(oracle, actorId, fieldReadable)
    const shown = view.fields.find((candidate) => candidate.fieldId === field.fieldId)
    expect(shown !== undefined, `field ${field.fieldId} of ${planId} readable by ${actorId}`).toBe(fieldReadable)
    if (shown !== undefined) {
      expect(shown.canEdit, `field ${field.fieldId} of ${planId} writable by ${actorId}`).toBe(oracle.canWriteField(actorId, plan, field))
    }
  }
  expect(view.canEditHeader, `header of ${planId} by ${actorId}`).toBe(oracle.canEditHeader(actorId, plan))
  expect(view.canDelete, `delete ${planId} by ${actorId}`).toBe(oracle.canDelete(actorId, plan))
  expect(view.canWriteDocuments, `documents of ${plan.pupilId} writable by ${actorId}`).toBe(oracle.canWriteDocuments(actorId, plan.pupilId))
  const matched = world.entries.filter((entry) => {
    const day = stockholmDate(entry.editedAt)
    return entry.pupilId === plan.pupilId && day >= plan.startDate && (plan.endDate === null || day <= plan.endDate)
  })
  for (const entry of matched) {
    const entryReadable = oracle.canReadEntry(actorId, entry.pupilId, entry.assessmentId)
    count(oracle, actorId, entryReadable)
    const shown = view.entries.some((candidate) => candidate.assessmentId === entry.assessmentId)
    expect(shown, `entry ${entry.assessmentId}/${entry.pupilId} in ${planId} for ${actorId}`).toBe(entryReadable)
  }
  expect(view.entries).toHaveLength(matched.filter((entry) => oracle.canReadEntry(actorId, entry.pupilId, entry.assessmentId)).length)
  const documentsReadable = oracle.canReadDocuments(actorId, plan.pupilId)
  const expectedDocuments = documentsReadable ? world.documents.filter((d) => d.pupilId === plan.pupilId).map((d) => d.id) : []
  count(oracle, actorId, documentsReadable)
  expect(view.documents.map((d) => d.id), `documents of ${plan.pupilId} for ${actorId}`).toEqual(expectedDocuments)
  expect(view.sensitive).toBe(true)
}

// A version no stored record has: an allowed write then fails with a conflict and changes nothing,
// so the enforcement of every write right can be checked without mutating the world.
const staleVersion = 999

const expectedWriteOutcome = (readable: boolean, writable: boolean) =>
  !readable ? "NotFoundError" : !writable ? "ForbiddenError" : "VersionConflictError"

/** Attempts field and header writes on a third of the plans, chosen by actor and plan position. */
const checkWrites = (world: World, oracle: Oracle, actorId: string) =>
  Effect.gen(function*() {
    const plans = yield* Plans
    const actor = { personId: actorId as never }
    const actorIndex = [...world.staff, ...world.pupils, ...world.strangers].indexOf(actorId)
    for (const [planIndex, plan] of world.plans.entries()) {
      if ((actorIndex + planIndex) % 3 !== 0) continue
      for (const field of plan.fields) {
        const outcome = yield* plans.updateField(actor, { planId: plan.id, fieldId: field.fieldId, expectedVersion: staleVersion, value: "x" })
          .pipe(Effect.flip)
        tally.writeChecks++
        expect(outcome._tag, `write ${plan.id}/${field.fieldId} by ${actorId}`).toBe(
          expectedWriteOutcome(oracle.canReadField(actorId, plan, field), oracle.canWriteField(actorId, plan, field))
        )
      }
      const archived = plan.endDate !== null && plan.endDate < today
      const retitle = yield* plans.updateHeader(actor, plan.id, staleVersion, { title: "x" }).pipe(Effect.flip)
      tally.writeChecks++
      expect(retitle._tag, `retitle ${plan.id} by ${actorId}`).toBe(
        expectedWriteOutcome(oracle.canReadPlan(actorId, plan), oracle.canEditHeader(actorId, plan) && !archived)
      )
    }
  })

const checkWorld = (world: World) =>
  Effect.gen(function*() {
    yield* store(world)
    const oracle = makeOracle(world)
    const plans = yield* Plans
    const pupils = yield* Pupils
    const guardians = yield* Guardians
    const mentoring = yield* Mentoring
    const actors = [...world.staff, ...world.pupils, ...world.strangers]
    for (const actorId of actors) {
      const actor = { personId: actorId as never }
      for (const plan of world.plans) {
        const view = yield* plans.getPlan(actor, plan.id).pipe(
          Effect.catchTag("NotFoundError", () => Effect.succeed(null))
        )
        checkPlanView(world, oracle, actorId, plan.id, view)
      }
      yield* checkWrites(world, oracle, actorId)
      const readableOf = (pupilId: string) =>
        world.plans.filter((plan) => plan.pupilId === pupilId && oracle.canReadPlan(actorId, plan)).map((plan) => plan.id).toSorted()
      if (world.pupils.includes(actorId)) {
        const page = yield* pupils.page(actor)
        expect(page.plans.map((plan) => plan.id).toSorted(), `pupil page of ${actorId}`).toEqual(readableOf(actorId))
        const shownAssessments = page.assessments.filter((a) => a.entry !== null).map((a) => a.assessmentId).toSorted()
        const ownEntries = world.entries
          .filter((entry) => entry.pupilId === actorId && oracle.canReadEntry(actorId, actorId, entry.assessmentId))
          .map((entry) => entry.assessmentId)
          .toSorted()
        expect(shownAssessments, `pupil entries of ${actorId}`).toEqual(ownEntries)
      }
      const guardianPage = yield* guardians.page(actor)
      const children = world.pupils.filter((pupilId) => oracle.relations(actorId, pupilId).has("guardian"))
      expect(guardianPage.children.map((c) => c.child.id).toSorted(), `children of ${actorId}`).toEqual(children.toSorted())
      for (const child of guardianPage.children) {
        expect(child.plans.map((plan) => plan.id).toSorted(), `plans of child ${child.child.id} for ${actorId}`).toEqual(readableOf(child.child.id))
      }
      const mentorPage = yield* mentoring.page(actor)
      const mentees = world.pupils.filter((pupilId) => oracle.relations(actorId, pupilId).has("mentor"))
      const menteePlans = world.plans.filter((plan) => mentees.includes(plan.pupilId)).map((plan) => plan.id).toSorted()
      expect([...mentorPage.currentPlans, ...mentorPage.archivedPlans].map((plan) => plan.id).toSorted(), `mentor page of ${actorId}`)
        .toEqual(menteePlans)
    }
  })

describe("authorization property", () => {
  it("views match the oracle in random worlds", async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (world) => {
        const layer = Layer.provideMerge(
          layerIupServices,
          Layer.mergeAll(layerMemoryStorage, layerMemoryDirectory(rosterOf(world)), layerSequentialIds)
        )
        // Memory storage never waits on I/O, so resumptions after each audit-log lock run as
        // microtasks. The default scheduler's timers would leave the CPU mostly idle.
        await Effect.runPromise(
          checkWorld(world).pipe(
            Effect.provide(layer),
            Effect.withClock(fixedClock),
            Effect.withScheduler(microtaskScheduler)
          )
        )
        // Lets the test runner's own messages through between worlds.
        await new Promise((resolve) => setImmediate(resolve))
      }),
      { numRuns: worlds }
    )
    expect(tally.checks).toBeGreaterThanOrEqual(100_000)
    expect(tally.writeChecks).toBeGreaterThanOrEqual(10_000)
    for (const role of roles) {
      const counts = tally.byRole.get(role) ?? { allowed: 0, denied: 0 }
      expect(counts.allowed, `${role} allowed reads`).toBeGreaterThanOrEqual(1_000)
      expect(counts.denied, `${role} denied reads`).toBeGreaterThanOrEqual(1_000)
    }
    const strangers = tally.byRole.get("stranger") ?? { allowed: 0, denied: 0 }
    expect(strangers.allowed, "stranger allowed reads").toBe(0)
    expect(strangers.denied, "stranger denied reads").toBeGreaterThanOrEqual(1_000)
  }, 600_000)

  // The same checks through the SQL directory and stores, which production uses; fewer worlds
  // because each one builds and migrates a database.
  it("views match the oracle on SQLite", async () => {
    const before = tally.checks
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (world) => {
        const loadRoster = Layer.effectDiscard(Effect.flatMap(DirectoryWriter, (writer) => writer.replace(rosterOf(world))))
        const layer = Layer.provideMerge(
          layerIupServices,
          Layer.mergeAll(Layer.provideMerge(loadRoster, SqliteStorage.layer({ filename: ":memory:" })), layerSequentialIds)
        )
        await Effect.runPromise(checkWorld(world).pipe(Effect.provide(layer), Effect.withClock(fixedClock)))
      }),
      { numRuns: sqliteWorlds }
    )
    expect(tally.checks - before).toBeGreaterThan(0)
  }, 600_000)
})
