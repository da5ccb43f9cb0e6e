import {
  periodOf,
  periodsOverlap,
  type AssessmentEntry,
  applyEntryWrite,
  type AuditLogService,
  type BlobStoreService,
  type DocumentStoreService,
  type EntryStoreService,
  type EntryWrite,
  entryKey,
  type Instant,
  NotFoundError,
  nextVersion,
  type PersonId,
  type Plan,
  type PlanField,
  type PlanStoreService,
  StorageError,
  VersionConflictError
} from "@iupkit/core"
import { DateTime, Effect, Either, HashMap, Option, Ref } from "effect"
import { insertNew, read, removeExisting } from "./catalog.js"
import type { State, Storage } from "./state.js"

const millis = (instant: Instant) => DateTime.toEpochMillis(instant)

// Writes apply in order against the state as changed by the writes before them, so two writes of
// one entry in a batch behave exactly as two separate writes would.
const writeEntries = (storage: Storage, writes: ReadonlyArray<EntryWrite>, at: Instant, by: PersonId) =>
  storage.write(
    Effect.gen(function*() {
      const state = yield* Ref.get(storage.state)
      let entries = state.entries
      const written: Array<AssessmentEntry> = []
      for (const write of writes) {
        if (!HashMap.has(state.assessments, write.assessmentId)) {
          return yield* new NotFoundError({ kind: "assessment", id: write.assessmentId })
        }
        const key = entryKey(write.assessmentId, write.pupilId)
        const entry = yield* applyEntryWrite(Option.getOrUndefined(HashMap.get(entries, key)), write, at, by)
        entries = HashMap.set(entries, key, entry)
        written.push(entry)
      }
      yield* Ref.set(storage.state, { ...state, entries })
      return written as ReadonlyArray<AssessmentEntry>
    })
  )

export const makeEntryStore = (storage: Storage): EntryStoreService => ({
  get: (assessmentId, pupilId) => read(storage, (state) => HashMap.get(state.entries, entryKey(assessmentId, pupilId))),
  listByAssessments: (ids) =>
    read(storage, (state) => {
      const requested = new Set<string>(ids)
      return [...HashMap.values(state.entries)].filter((entry) => requested.has(entry.assessmentId))
    }),
  listByPupils: (pupilIds, editedWithin) =>
    read(storage, (state) => {
      const requested = new Set<string>(pupilIds)
      return [...HashMap.values(state.entries)].filter(
        (entry) =>
          requested.has(entry.pupilId) &&
          (editedWithin === undefined ||
            (millis(entry.lastEditedAt) >= millis(editedWithin.from) && millis(entry.lastEditedAt) < millis(editedWithin.to)))
      )
    }),
  write: (write, at, by) => Effect.map(writeEntries(storage, [write], at, by), (written) => written[0]!),
  writeMany: (writes, at, by) => writeEntries(storage, writes, at, by)
})

const planConflict = (plan: Plan, expectedVersion: number) =>
  new VersionConflictError({
    kind: "plan",
    id: plan.id,
    expectedVersion,
    currentVersion: plan.headerVersion,
    currentValue: plan
  })

const fieldConflict = (plan: Plan, field: PlanField, expectedVersion: number) =>
  new VersionConflictError({
    kind: "planField",
    id: `${plan.id}/${field.fieldId}`,
    expectedVersion,
    currentVersion: field.version,
    currentValue: field
  })

const plansOf = (state: State, pupilIds: ReadonlyArray<string>): ReadonlyArray<Plan> => {
  const requested = new Set<string>(pupilIds)
  return [...HashMap.values(state.plans)].filter((plan) => requested.has(plan.pupilId))
}

export const makePlanStore = (storage: Storage): PlanStoreService => {
  const modifyPlan = <A>(
    id: string,
    change: (plan: Plan) => Either.Either<readonly [A, Plan], NotFoundError | VersionConflictError>
  ) =>
    storage.write(
      Effect.gen(function*() {
        const state = yield* Ref.get(storage.state)
        const current = HashMap.get(state.plans, id)
        if (Option.isNone(current)) return yield* new NotFoundError({ kind: "plan", id })
        const [value, plan] = yield* change(current.value)
        yield* Ref.set(storage.state, { ...state, plans: HashMap.set(state.plans, id, plan) })
        return value
      })
    )

  return {
    insertMany: (plans) => insertNew(storage, "plans", "PlanStore.insertMany", plans),
    get: (id) => read(storage, (state) => HashMap.get(state.plans, id)),
    getMany: (ids) => read(storage, (state) => [...new Set(ids)].flatMap((id) => Option.toArray(HashMap.get(state.plans, id)))),
    listByPupils: (pupilIds) => read(storage, (state) => plansOf(state, pupilIds)),
    listHeadersByPupils: (pupilIds, overlapping) =>
      read(storage, (state) =>
        plansOf(state, pupilIds)
          .filter((plan) => overlapping === undefined || periodsOverlap(periodOf(plan), overlapping))
          .map(({ fields: _fields, ...header }) => header)),
    updateHeader: (id, expectedVersion, patch, at) =>
      modifyPlan(id, (plan) => {
        if (plan.headerVersion !== expectedVersion) return Either.left(planConflict(plan, expectedVersion))
        const updated: Plan = {
          ...plan,
          ...(patch.title === undefined ? {} : { title: patch.title }),
          ...(patch.startDate === undefined ? {} : { startDate: patch.startDate }),
          ...(patch.endDate === undefined ? {} : { endDate: patch.endDate }),
          ...(patch.published === undefined ? {} : { published: patch.published }),
          headerVersion: nextVersion(plan.headerVersion),
          updatedAt: at
        }
        return Either.right([updated, updated] as const)
      }),
    updateField: (id, fieldId, expectedVersion, value, at, by) =>
      modifyPlan(id, (plan) => {
        const field = plan.fields.find((candidate) => candidate.fieldId === fieldId)
        if (field === undefined) return Either.left(new NotFoundError({ kind: "planField", id: `${id}/${fieldId}` }))
        if (field.version !== expectedVersion) return Either.left(fieldConflict(plan, field, expectedVersion))
        const updated: PlanField = { ...field, value, version: nextVersion(field.version), lastEditedAt: at, lastEditedBy: by }
        const fields = plan.fields.map((candidate) => (candidate.fieldId === fieldId ? updated : candidate))
        return Either.right([updated, { ...plan, fields }] as const)
      }),
    delete: (id) => removeExisting(storage, "plans", "plan", id)
  }
}

export const makeDocumentStore = (storage: Storage): DocumentStoreService => ({
  insert: (document) => insertNew(storage, "documents", "DocumentStore.insert", [document]),
  get: (id) => read(storage, (state) => HashMap.get(state.documents, id)),
  listByPupils: (pupilIds) =>
    read(storage, (state) => {
      const requested = new Set<string>(pupilIds)
      return [...HashMap.values(state.documents)].filter((document) => requested.has(document.pupilId))
    }),
  delete: (id) => removeExisting(storage, "documents", "document", id)
})

// Bytes are copied in and out, so a caller changing its buffer never changes what is stored.
export const makeBlobStore = (storage: Storage): BlobStoreService => ({
  put: (key, bytes) =>
    storage.write(Ref.update(storage.state, (state) => ({ ...state, blobs: HashMap.set(state.blobs, key, bytes.slice()) }))),
  get: (key) => read(storage, (state) => Option.map(HashMap.get(state.blobs, key), (bytes) => bytes.slice())),
  delete: (key) => storage.write(Ref.update(storage.state, (state) => ({ ...state, blobs: HashMap.remove(state.blobs, key) })))
})

export const makeAuditLog = (storage: Storage): AuditLogService => ({
  append: (entries) =>
    storage.write(
      Effect.gen(function*() {
        const state = yield* Ref.get(storage.state)
        const ids = new Set(state.audit.map((entry) => entry.id))
        for (const entry of entries) {
          if (ids.has(entry.id)) {
            return yield* new StorageError({
              operation: "AuditLog.append",
              reason: `an audit entry with id ${entry.id} already exists`
            })
          }
          ids.add(entry.id)
        }
        yield* Ref.set(storage.state, { ...state, audit: [...state.audit, ...entries] })
      })
    ),
  // Oldest first; entries with the same instant keep the order they were appended in.
  list: (filter) =>
    read(storage, (state) =>
      state.audit
        .filter(
          (entry) =>
            (filter.actorId === undefined || entry.actorId === filter.actorId) &&
            (filter.targetId === undefined || entry.targetId === filter.targetId) &&
            (filter.pupilId === undefined || entry.pupilId === filter.pupilId) &&
            (filter.action === undefined || entry.action === filter.action)
        )
        .toSorted((a, b) => millis(a.at) - millis(b.at))
    )
})
