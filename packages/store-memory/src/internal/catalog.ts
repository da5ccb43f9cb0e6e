import {
  type Assessment,
  type AssessmentStoreService,
  type GradingScale,
  type GradingScaleStoreService,
  NotFoundError,
  nextVersion,
  type ResourceKind,
  StorageError,
  type Template,
  type TemplateStoreService,
  type Version,
  VersionConflictError
} from "@iupkit/core"
import { Effect, HashMap, Option, Ref } from "effect"
import type { State, Storage } from "./state.js"

/** The collections whose records are keyed by their own `id`. */
type Keyed = "templates" | "scales" | "assessments" | "plans" | "documents"
type RecordOf<K extends Keyed> = State[K] extends HashMap.HashMap<string, infer A> ? A : never

const mapOf = <K extends Keyed>(state: State, collection: K) =>
  state[collection] as unknown as HashMap.HashMap<string, RecordOf<K>>

/** Reads the state. */
export const read = <A>(storage: Storage, f: (state: State) => A): Effect.Effect<A> =>
  Effect.map(Ref.get(storage.state), f)

/** Inserts records that must not exist yet, as a primary key would: all or none. */
export const insertNew = <K extends Keyed>(
  storage: Storage,
  collection: K,
  operation: string,
  records: ReadonlyArray<RecordOf<K> & { readonly id: string }>
): Effect.Effect<void, StorageError> =>
  storage.write(
    Effect.flatMap(Ref.get(storage.state), (state) => {
      let map = mapOf(state, collection)
      for (const record of records) {
        if (HashMap.has(map, record.id)) {
          return Effect.fail(new StorageError({ operation, reason: `a record with id ${record.id} already exists` }))
        }
        map = HashMap.set(map, record.id, record)
      }
      return Ref.set(storage.state, { ...state, [collection]: map })
    })
  )

/** Applies a versioned update: the stored version must equal the expected one, else nothing changes. */
export const updateVersioned = <K extends "templates" | "scales" | "assessments">(
  storage: Storage,
  collection: K,
  kind: ResourceKind,
  id: string,
  expectedVersion: Version,
  change: (current: RecordOf<K>) => RecordOf<K>
): Effect.Effect<RecordOf<K>, NotFoundError | VersionConflictError> =>
  storage.write(
    Effect.gen(function*() {
      const state = yield* Ref.get(storage.state)
      const map = mapOf(state, collection)
      const current = HashMap.get(map, id)
      if (Option.isNone(current)) return yield* new NotFoundError({ kind, id })
      const stored = current.value as RecordOf<K> & { readonly version: Version }
      if (stored.version !== expectedVersion) {
        return yield* new VersionConflictError({
          kind,
          id,
          expectedVersion,
          currentVersion: stored.version,
          currentValue: stored
        })
      }
      const updated = { ...(change(stored) as object), version: nextVersion(stored.version) } as RecordOf<K>
      yield* Ref.set(storage.state, { ...state, [collection]: HashMap.set(map, id, updated) })
      return updated
    })
  )

/** Removes an existing record; a missing one is a {@link NotFoundError}. */
export const removeExisting = (
  storage: Storage,
  collection: Keyed,
  kind: ResourceKind,
  id: string,
  alsoRemove: (state: State) => State = (state) => state
): Effect.Effect<void, NotFoundError> =>
  storage.write(
    Effect.flatMap(Ref.get(storage.state), (state) => {
      const map = mapOf(state, collection)
      if (!HashMap.has(map, id)) return Effect.fail(new NotFoundError({ kind, id }))
      return Ref.set(storage.state, alsoRemove({ ...state, [collection]: HashMap.remove(map, id) }))
    })
  )

// Copies the given parts a patch sets, so an omitted part keeps its value and a stray property
// (such as an id) in the patch object never reaches the record.
const definedParts = <P extends object>(patch: P, keys: ReadonlyArray<keyof P>): Partial<P> =>
  Object.fromEntries(keys.filter((key) => patch[key] !== undefined).map((key) => [key, patch[key]])) as Partial<P>

export const makeTemplateStore = (storage: Storage): TemplateStoreService => ({
  insert: (template) => insertNew(storage, "templates", "TemplateStore.insert", [template]),
  get: (id) => read(storage, (state) => HashMap.get(state.templates, id)),
  list: () => read(storage, (state) => [...HashMap.values(state.templates)]),
  update: (id, expectedVersion, patch, at) =>
    updateVersioned(storage, "templates", "template", id, expectedVersion, (current): Template => ({
      ...current,
      ...definedParts(patch, ["title", "scope", "fields", "hidden"]),
      updatedAt: at
    })),
  delete: (id) => removeExisting(storage, "templates", "template", id)
})

export const makeGradingScaleStore = (storage: Storage): GradingScaleStoreService => ({
  insert: (scale) => insertNew(storage, "scales", "GradingScaleStore.insert", [scale]),
  get: (id) => read(storage, (state) => HashMap.get(state.scales, id)),
  list: () => read(storage, (state) => [...HashMap.values(state.scales)]),
  update: (id, expectedVersion, patch, at) =>
    updateVersioned(storage, "scales", "gradingScale", id, expectedVersion, (current): GradingScale => ({
      ...current,
      ...definedParts(patch, ["name", "steps"]),
      updatedAt: at
    })),
  delete: (id) => removeExisting(storage, "scales", "gradingScale", id)
})

export const makeAssessmentStore = (storage: Storage): AssessmentStoreService => ({
  insert: (assessment) => insertNew(storage, "assessments", "AssessmentStore.insert", [assessment]),
  get: (id) => read(storage, (state) => HashMap.get(state.assessments, id)),
  getMany: (ids) =>
    read(storage, (state) => [...new Set(ids)].flatMap((id) => Option.toArray(HashMap.get(state.assessments, id)))),
  listByCourses: (courseIds) =>
    read(storage, (state) => {
      const requested = new Set<string>(courseIds)
      return [...HashMap.values(state.assessments)].filter((assessment) => requested.has(assessment.courseId))
    }),
  update: (id, expectedVersion, patch, at) =>
    updateVersioned(storage, "assessments", "assessment", id, expectedVersion, (current): Assessment => ({
      ...current,
      ...definedParts(patch, ["title", "gradingScaleId", "visibleToPupils", "selfAssessmentEnabled"]),
      updatedAt: at
    })),
  // Deleting an assessment deletes its entries in the same step.
  delete: (id) =>
    removeExisting(storage, "assessments", "assessment", id, (state) => ({
      ...state,
      entries: HashMap.filter(state.entries, (entry) => entry.assessmentId !== id)
    }))
})
