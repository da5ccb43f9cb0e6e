import type {
  Assessment,
  AssessmentEntry,
  AuditEntry,
  GradingScale,
  LegacyDocument,
  Plan,
  StorageError,
  Template
} from "@iupkit/core"
import { Effect, FiberRef, HashMap, Ref } from "effect"

/** The whole stored state as persistent maps, so a snapshot is one reference. */
export interface State {
  readonly templates: HashMap.HashMap<string, Template>
  readonly scales: HashMap.HashMap<string, GradingScale>
  readonly assessments: HashMap.HashMap<string, Assessment>
  /** Keyed by `assessmentId/pupilId`. */
  readonly entries: HashMap.HashMap<string, AssessmentEntry>
  readonly plans: HashMap.HashMap<string, Plan>
  readonly documents: HashMap.HashMap<string, LegacyDocument>
  readonly blobs: HashMap.HashMap<string, Uint8Array>
  readonly audit: ReadonlyArray<AuditEntry>
}

export const emptyState: State = {
  templates: HashMap.empty(),
  scales: HashMap.empty(),
  assessments: HashMap.empty(),
  entries: HashMap.empty(),
  plans: HashMap.empty(),
  documents: HashMap.empty(),
  blobs: HashMap.empty(),
  audit: []
}

/**
 * The state plus the lock that serialises writers. A transaction holds the lock for its whole
 * run, so restoring its snapshot on failure can never discard another fiber's write.
 */
export interface Storage {
  readonly state: Ref.Ref<State>
  /** Runs a write under the lock, or directly when this fiber's transaction already holds it. */
  readonly write: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  readonly withTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StorageError, R>
}

export const makeStorage: Effect.Effect<Storage> = Effect.gen(function*() {
  const state = yield* Ref.make(emptyState)
  const lock = yield* Effect.makeSemaphore(1)
  // Marks fibers running inside a transaction, which already hold the lock.
  const inTransaction = yield* Effect.sync(() => FiberRef.unsafeMake(false))

  const write = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(FiberRef.get(inTransaction), (held) => (held ? effect : lock.withPermits(1)(effect)))

  // Failure, defect and interruption all restore the state the transaction started from.
  const restoringOnFailure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(Ref.get(state), (snapshot) =>
      effect.pipe(
        Effect.locally(inTransaction, true),
        Effect.onExit((exit) => (exit._tag === "Failure" ? Ref.set(state, snapshot) : Effect.void))
      ))

  // A nested call runs inside the outer one's lock and, like a SQL savepoint, undoes only its own
  // writes when it fails; the outer transaction still decides about everything.
  const withTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(FiberRef.get(inTransaction), (held) =>
      held ? restoringOnFailure(effect) : lock.withPermits(1)(restoringOnFailure(effect)))

  return { state, write, withTransaction }
})
