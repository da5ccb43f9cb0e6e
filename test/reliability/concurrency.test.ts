/**
 * Concurrent autosave: 20 writers keep writing one shared plan field, one shared assessment entry
 * and an entry of their own. On PostgreSQL they share a pool in this process; on a SQLite file
 * they run in two worker processes with a connection each. Every accepted write must be stored
 * with its own version, every stale write must come back as a conflict, and each target must end
 * at its last accepted write.
 */
import { spawn } from "node:child_process"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { AuditLog, EntryStore, PlanStore } from "@iupkit/core"
import { Administration, Mentoring, Plans, Teaching } from "@iupkit/services"
import { Effect, type ManagedRuntime, Option } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { type AutosaveWorld, entryTarget, fieldTarget, runWriter, type WriteOutcome } from "./support/autosave.js"
import { backends, makeDatabase, servicesOver, type TestDatabase } from "./support/storage.js"
import { courseId, mentees, people, roster } from "./support/world.js"

type Runtime = ManagedRuntime.ManagedRuntime<any, unknown>

const writerCount = 20
// Twelve rounds give every shared target several contested writes on both databases.
const roundsOn = { sqlite: 12, postgres: 12 } as const
const workerCount = 2
const root = fileURLToPath(new URL("../..", import.meta.url))

const actor = (personId: string) => ({ personId }) as never

const opened: Array<{ database: TestDatabase; runtime: Runtime }> = []
afterEach(async () => {
  for (const { database, runtime } of opened.splice(0)) {
    await runtime.dispose()
    database.cleanUp()
  }
})

const setUp = (runtime: Runtime, rounds: number): Promise<AutosaveWorld> =>
  runtime.runPromise(Effect.gen(function*() {
    const administration = yield* Administration
    const teaching = yield* Teaching
    const template = yield* administration.createTemplate(actor(people.siteAdmin), {
      title: "Utvecklingssamtal",
      scope: { _tag: "site" },
      fields: [{ heading: "Mål", visibleTo: ["mentor"], editableBy: [] }]
    })
    const created = yield* Effect.flatMap(Mentoring, (mentoring) =>
      mentoring.createPlans(actor(people.mentor), {
        pupilIds: [people.pupil],
        plan: { templateId: template.id, title: "IUP VT 2027", startDate: "2027-01-10", endDate: null }
      }))
    const planId = created.plans[0]!.id
    const plan = yield* Effect.flatMap(Plans, (plans) => plans.getPlan(actor(people.mentor), planId))
    const assessments = yield* Effect.forEach(["Omdöme VT 2027 A", "Omdöme VT 2027 B"], (title) =>
      Effect.map(
        teaching.createAssessment(actor(people.teacher), { courseId, title, gradingScaleId: null, visibleToPupils: false, selfAssessmentEnabled: false }),
        (result) => result.assessment.id
      ))
    const sharedEntry = { assessmentId: assessments[0]!, pupilId: people.pupil }
    // 2 assessments x 12 pupils give 24 entries: one is shared, 20 of the rest have one writer each.
    const ownEntries = assessments.flatMap((assessmentId) => mentees.map((pupilId) => ({ assessmentId, pupilId })))
      .filter((entry) => entryTarget(entry) !== entryTarget(sharedEntry))
      .slice(0, writerCount)
    return {
      planId,
      fieldId: plan.fields[0]!.fieldId,
      versionOfField: plan.fields[0]!.version,
      mentorIds: [people.mentor, people.coMentor],
      teacherId: people.teacher,
      sharedEntry,
      ownEntries,
      rounds
    }
  }))

// Starts the workers, waits until each has opened its connection, then lets them all write at once.
const writersInWorkers = async (filename: string, world: AutosaveWorld): Promise<Array<WriteOutcome>> => {
  const shares = Array.from({ length: workerCount }, (_, worker) =>
    Array.from({ length: writerCount }, (_, index) => index).filter((index) => index % workerCount === worker))
  const workers = shares.map((writers) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(root, "test/reliability/support/autosave-worker.ts"), JSON.stringify({ filename, world, writers })],
      { cwd: root, env: { ...process.env, TSX_TSCONFIG_PATH: join(root, "tsconfig.json") }, timeout: 120_000 }
    )
    let output = ""
    let errors = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()))
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => output.startsWith("ready\n") && resolve())
      child.on("exit", () => reject(new Error(`a worker stopped before it was ready: ${errors}`)))
    })
    const done = new Promise<Array<WriteOutcome>>((resolve, reject) =>
      child.on("exit", (code) =>
        code === 0 ? resolve(JSON.parse(output.slice("ready\n".length)) as Array<WriteOutcome>) : reject(new Error(`a worker failed with ${code}: ${errors}`))))
    return { child, ready, done }
  })
  await Promise.all(workers.map((worker) => worker.ready))
  for (const worker of workers) worker.child.stdin.end("go\n")
  return (await Promise.all(workers.map((worker) => worker.done))).flat()
}

/** The largest number of writes in progress at one moment. */
const maxOverlap = (outcomes: ReadonlyArray<WriteOutcome>): number => {
  const events = outcomes.flatMap((outcome) => [[outcome.startedAt, 1], [outcome.endedAt, -1]] as const)
    .toSorted((a, b) => a[0] - b[0] || a[1] - b[1])
  let current = 0
  let largest = 0
  for (const [, change] of events) {
    current += change
    largest = Math.max(largest, current)
  }
  return largest
}

for (const kind of backends) {
  describe(`concurrent autosave on ${kind}`, () => {
    it("keeps every accepted write", async () => {
      const database = makeDatabase(kind)
      const runtime = await servicesOver(database, roster)
      opened.push({ database, runtime })
      const rounds = roundsOn[kind]
      const world = await setUp(runtime, rounds)

      const outcomes = database.filename === undefined
        ? (await Promise.all(Array.from({ length: writerCount }, (_, index) => runWriter(runtime, world, index)))).flat()
        : await writersInWorkers(database.filename, world)

      expect(outcomes.filter((outcome) => outcome.unexpected !== undefined)).toEqual([])
      expect(outcomes.length).toBe(writerCount * rounds)
      const accepted = outcomes.filter((outcome) => outcome.version !== null)
      const conflicts = outcomes.filter((outcome) => outcome.conflictVersion !== undefined)
      expect(accepted.length + conflicts.length).toBe(outcomes.length)

      // A write is rejected only when it was stale: the current version is newer than it read.
      for (const conflict of conflicts) {
        expect(conflict.conflictVersion, conflict.target).not.toBeNull()
        expect(conflict.conflictVersion!, conflict.target).toBeGreaterThan(conflict.expectedVersion ?? 0)
      }
      for (const target of [fieldTarget(world), entryTarget(world.sharedEntry)]) {
        expect(conflicts.filter((conflict) => conflict.target === target).length, target).toBeGreaterThan(0)
      }

      const plan = Option.getOrThrow(await runtime.runPromise(Effect.flatMap(PlanStore, (store) => store.get(world.planId as never))))
      const entries = await runtime.runPromise(Effect.flatMap(EntryStore, (store) =>
        store.listByAssessments([...new Set(world.ownEntries.map((entry) => entry.assessmentId))] as never)))
      const stored = new Map<string, { value: string; version: number }>([
        [fieldTarget(world), { value: plan.fields[0]!.value, version: plan.fields[0]!.version }],
        ...entries.map((entry) => [entryTarget(entry), { value: entry.comment, version: entry.version }] as const)
      ])

      const targets = new Set(accepted.map((write) => write.target))
      expect(targets.size).toBe(2 + writerCount)
      for (const target of targets) {
        const writes = accepted.filter((write) => write.target === target).toSorted((a, b) => a.version! - b.version!)
        const first = target === fieldTarget(world) ? world.versionOfField + 1 : 1
        // One version per accepted write, none skipped and none given twice: no write was lost.
        expect(writes.map((write) => write.version), target).toEqual(writes.map((_, offset) => first + offset))
        expect(stored.get(target), target).toEqual({ value: writes.at(-1)!.value, version: writes.at(-1)!.version })
      }

      // The writes really ran at the same time, and each shared target took turns between writers.
      expect(maxOverlap(outcomes)).toBeGreaterThanOrEqual(kind === "sqlite" ? 2 : writerCount / 2)
      for (const target of [fieldTarget(world), entryTarget(world.sharedEntry)]) {
        const writers = new Set(accepted.filter((write) => write.target === target).map((write) => write.writer))
        expect(writers.size, target).toBeGreaterThanOrEqual(2)
      }

      // The audit log holds one entry per accepted write.
      const audit = await runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
      const fieldWrites = accepted.filter((write) => write.target === fieldTarget(world)).length
      expect(audit.filter((entry) => entry.action === "plan.updateField").length).toBe(fieldWrites)
      expect(audit.filter((entry) => entry.action === "entry.write").length).toBe(accepted.length - fieldWrites)
    })
  })
}
