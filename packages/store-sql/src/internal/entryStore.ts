import type { SqlError } from "@effect/sql/SqlError"
import {
  type AssessmentEntry,
  type EntryStoreService,
  type EntryWrite,
  entryKey,
  type Instant,
  NotFoundError,
  type PersonId,
  VersionConflictError
} from "@iupkit/core"
import { Effect, Option } from "effect"
import { sql } from "kysely"
import { chunks, operation, run, selectInChunks, type SqlContext, writeTransaction } from "./context.js"
import { entryOf, entryRow, instantText } from "./rows.js"

const keyOf = (write: Pick<EntryWrite, "assessmentId" | "pupilId">) => entryKey(write.assessmentId, write.pupilId)

// Splits a batch where an entry repeats, so each part names every entry once and the parts run in
// order: two writes of one entry behave as two separate writes.
const segments = (writes: ReadonlyArray<EntryWrite>): ReadonlyArray<ReadonlyArray<EntryWrite>> => {
  const result: Array<Array<EntryWrite>> = [[]]
  let seen = new Set<string>()
  for (const write of writes) {
    if (seen.has(keyOf(write))) {
      result.push([])
      seen = new Set()
    }
    seen.add(keyOf(write))
    result[result.length - 1]!.push(write)
  }
  return result
}

// Updates that change the same parts to the same values share one multi-row statement.
const patchSignature = (write: EntryWrite) =>
  JSON.stringify([write.level === undefined ? 0 : [write.level], write.comment ?? 0, write.selfAssessment ?? 0])

const groupBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string): ReadonlyArray<ReadonlyArray<A>> => {
  const groups = new Map<string, Array<A>>()
  for (const item of items) {
    const group = groups.get(key(item)) ?? []
    group.push(item)
    groups.set(key(item), group)
  }
  return [...groups.values()]
}

export const makeEntryStore = (context: SqlContext): EntryStoreService => {
  const { db, dialect } = context

  const readEntry = (write: Pick<EntryWrite, "assessmentId" | "pupilId">) =>
    Effect.map(
      db.selectFrom("assessment_entries").selectAll()
        .where("assessment_id", "=", write.assessmentId)
        .where("pupil_id", "=", write.pupilId),
      (rows) => (rows[0] === undefined ? null : entryOf(rows[0]))
    )

  const conflict = (write: EntryWrite) =>
    Effect.flatMap(readEntry(write), (current) =>
      Effect.fail(
        new VersionConflictError({
          kind: "assessmentEntry",
          id: keyOf(write),
          expectedVersion: write.expectedVersion,
          currentVersion: current?.version ?? null,
          currentValue: current
        })
      ))

  // First writes: one multi-row INSERT per chunk. An entry that already exists makes its row do
  // nothing, so it is missing from the returned keys and the batch fails as a conflict.
  const insertFirstWrites = (writes: ReadonlyArray<EntryWrite>, at: Instant, by: PersonId) =>
    Effect.gen(function*() {
      const written = new Map<string, AssessmentEntry>()
      for (const chunk of chunks(dialect, writes, 9)) {
        const rows = yield* db
          .insertInto("assessment_entries")
          .values(chunk.map((write) =>
            entryRow({
              assessmentId: write.assessmentId,
              pupilId: write.pupilId,
              level: write.level ?? null,
              comment: write.comment ?? "",
              selfAssessment: write.selfAssessment ?? null,
              lastEditedAt: at,
              lastEditedBy: by,
              version: 1 as AssessmentEntry["version"]
            })
          ))
          .onConflict((conflict) => conflict.columns(["assessment_id", "pupil_id"]).doNothing())
          .returningAll()
        for (const row of rows) written.set(entryKey(row.assessment_id, row.pupil_id), entryOf(row))
        const stale = chunk.find((write) => !written.has(keyOf(write)))
        if (stale !== undefined) return yield* conflict(stale)
      }
      return written
    })

  // Later writes: one guarded multi-row UPDATE per group of identical patches and chunk. A row
  // whose version moved on is not updated and not returned, and the batch fails as a conflict.
  const updateWrites = (writes: ReadonlyArray<EntryWrite>, at: Instant, by: PersonId) =>
    Effect.gen(function*() {
      const written = new Map<string, AssessmentEntry>()
      for (const group of groupBy(writes, patchSignature)) {
        const sample = group[0]!
        for (const chunk of chunks(dialect, group, 3, 8)) {
          const keys = sql.join(
            chunk.map((write) => sql`(${write.assessmentId}, ${write.pupilId}, cast(${write.expectedVersion} as integer))`)
          )
          const rows = yield* db
            .updateTable("assessment_entries")
            .set((eb) => ({
              ...(sample.level === undefined ? {} : { level: sample.level }),
              ...(sample.comment === undefined ? {} : { comment: sample.comment }),
              ...(sample.selfAssessment === undefined
                ? {}
                : { self_level: sample.selfAssessment.level, self_comment: sample.selfAssessment.comment }),
              last_edited_at: instantText(at),
              last_edited_by: by,
              version: eb("version", "+", 1)
            }))
            .where(sql<boolean>`(assessment_id, pupil_id, version) in (values ${keys})`)
            .returningAll()
          for (const row of rows) written.set(entryKey(row.assessment_id, row.pupil_id), entryOf(row))
          const stale = chunk.find((write) => !written.has(keyOf(write)))
          if (stale !== undefined) return yield* conflict(stale)
        }
      }
      return written
    })

  const requireAssessments = (writes: ReadonlyArray<EntryWrite>) =>
    Effect.gen(function*() {
      const ids = writes.map((write) => write.assessmentId)
      const found = yield* selectInChunks(context, ids, (chunk) =>
        db.selectFrom("assessments").select("id").where("id", "in", chunk))
      const existing = new Set(found.map((row) => row.id))
      const missing = ids.find((id) => !existing.has(id))
      if (missing !== undefined) return yield* new NotFoundError({ kind: "assessment", id: missing })
    })

  const writeAll = (
    writes: ReadonlyArray<EntryWrite>,
    at: Instant,
    by: PersonId
  ): Effect.Effect<ReadonlyArray<AssessmentEntry>, NotFoundError | VersionConflictError | SqlError> =>
    writes.length === 0
      ? Effect.succeed([])
      : writeTransaction(
        context,
        Effect.gen(function*() {
          yield* requireAssessments(writes)
          const results: Array<AssessmentEntry> = []
          for (const segment of segments(writes)) {
            const inserted = yield* insertFirstWrites(segment.filter((write) => write.expectedVersion === null), at, by)
            const updated = yield* updateWrites(segment.filter((write) => write.expectedVersion !== null), at, by)
            for (const write of segment) results.push(inserted.get(keyOf(write)) ?? updated.get(keyOf(write))!)
          }
          return results
        })
      )

  return {
    get: (assessmentId, pupilId) =>
      readEntry({ assessmentId, pupilId }).pipe(
        Effect.map(Option.fromNullable),
        operation("EntryStore.get", { assessmentId, pupilId })
      ),
    listByAssessments: (ids) =>
      selectInChunks(context, ids, (chunk) =>
        run(db.selectFrom("assessment_entries").selectAll().where("assessment_id", "in", chunk))).pipe(
          Effect.map((rows) => rows.map(entryOf)),
          operation("EntryStore.listByAssessments", { assessmentCount: ids.length })
        ),
    listByPupils: (pupilIds, editedWithin) =>
      selectInChunks(context, pupilIds, (chunk) => {
        const query = db.selectFrom("assessment_entries").selectAll().where("pupil_id", "in", chunk)
        return editedWithin === undefined
          ? query
          : query
            .where("last_edited_at", ">=", instantText(editedWithin.from))
            .where("last_edited_at", "<", instantText(editedWithin.to))
      }).pipe(
        Effect.map((rows) => rows.map(entryOf)),
        operation("EntryStore.listByPupils", { pupilCount: pupilIds.length })
      ),
    write: (write, at, by) =>
      writeAll([write], at, by).pipe(
        Effect.map((entries) => entries[0]!),
        operation("EntryStore.write", { assessmentId: write.assessmentId, pupilId: write.pupilId })
      ),
    writeMany: (writes, at, by) => writeAll(writes, at, by).pipe(operation("EntryStore.writeMany", { count: writes.length }))
  }
}
