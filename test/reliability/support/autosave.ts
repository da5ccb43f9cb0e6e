/**
 * The autosave writers of the concurrency test. Each writer remembers the version it last saw of
 * each target, as an editor in a browser does, so stale writes happen on their own. The same code
 * runs inside the test process (PostgreSQL) and in worker processes (SQLite, whose driver is
 * synchronous, so only separate processes write to the file at the same time).
 */
import type { VersionConflictError } from "@iupkit/core"
import { Plans, Teaching } from "@iupkit/services"
import { Effect, Either, type ManagedRuntime } from "effect"

/** What the writers need to know about the world the test made. */
export interface AutosaveWorld {
  readonly planId: string
  readonly fieldId: string
  readonly versionOfField: number
  readonly mentorIds: ReadonlyArray<string>
  readonly teacherId: string
  readonly sharedEntry: { readonly assessmentId: string; readonly pupilId: string }
  /** One entry per writer, written by no other writer. */
  readonly ownEntries: ReadonlyArray<{ readonly assessmentId: string; readonly pupilId: string }>
  readonly rounds: number
}

/** One write as a writer saw it. */
export interface WriteOutcome {
  readonly target: string
  readonly writer: number
  readonly value: string
  readonly expectedVersion: number | null
  /** The stored version when accepted. */
  readonly version: number | null
  /** The current version a conflict reported; undefined when accepted. */
  readonly conflictVersion?: number | null
  /** Another failure's tag, which the test treats as a bug. */
  readonly unexpected?: string
  readonly startedAt: number
  readonly endedAt: number
}

export const fieldTarget = (world: AutosaveWorld): string => `field ${world.planId}/${world.fieldId}`
export const entryTarget = (entry: { readonly assessmentId: string; readonly pupilId: string }): string =>
  `entry ${entry.assessmentId}/${entry.pupilId}`

const actor = (personId: string) => ({ personId }) as never

const clock = () => performance.timeOrigin + performance.now()

/** Runs one writer to the end and returns each of its writes. */
export const runWriter = async (
  runtime: ManagedRuntime.ManagedRuntime<any, unknown>,
  world: AutosaveWorld,
  index: number
): Promise<Array<WriteOutcome>> => {
  const outcomes: Array<WriteOutcome> = []
  const own = world.ownEntries[index]!
  const seen = new Map<string, number | null>([[fieldTarget(world), world.versionOfField]])
  // Shared targets this writer won last. The pauses below repeat per writer, so without a
  // longer pause the same writer could win every contested write and no turns would be taken.
  const wonLast = new Set<string>()
  for (let round = 0; round < world.rounds; round++) {
    const value = `skrivare ${index} varv ${round}`
    // Writers start on different targets and pause a little, so their writes cross.
    const choice = (round + index) % 3
    await new Promise((resolve) => setTimeout(resolve, (index * 7 + round * 13) % 5))
    const entry = choice === 1 ? world.sharedEntry : own
    const target = choice === 0 ? fieldTarget(world) : entryTarget(entry)
    if (wonLast.has(target)) await new Promise((resolve) => setTimeout(resolve, 25))
    const expectedVersion = seen.get(target) ?? null
    const write = choice === 0
      ? Effect.flatMap(Plans, (plans) =>
        plans.updateField(actor(world.mentorIds[index % world.mentorIds.length]!), {
          planId: world.planId,
          fieldId: world.fieldId,
          expectedVersion: expectedVersion ?? 0,
          value
        }))
      : Effect.flatMap(Teaching, (teaching) =>
        teaching.writeEntry(actor(world.teacherId), { ...entry, expectedVersion, comment: value }))
    const startedAt = clock()
    const outcome = await runtime.runPromise(Effect.either(write as Effect.Effect<{ readonly version: number }, unknown, Plans | Teaching>))
    const base = { target, writer: index, value, expectedVersion, startedAt, endedAt: clock() }
    if (Either.isRight(outcome)) {
      outcomes.push({ ...base, version: outcome.right.version })
      seen.set(target, outcome.right.version)
      if (entry !== own || choice === 0) wonLast.add(target)
    } else if ((outcome.left as { _tag?: string })._tag === "VersionConflictError") {
      const conflict = outcome.left as VersionConflictError
      outcomes.push({ ...base, version: null, conflictVersion: conflict.currentVersion })
      seen.set(target, conflict.currentVersion)
      wonLast.delete(target)
    } else {
      outcomes.push({ ...base, version: null, unexpected: String((outcome.left as { _tag?: string })._tag ?? outcome.left) })
    }
  }
  return outcomes
}
