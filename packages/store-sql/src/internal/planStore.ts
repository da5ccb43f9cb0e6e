import type { SqlError } from "@effect/sql/SqlError"
import { NotFoundError, type Plan, type PlanStoreService, VersionConflictError } from "@iupkit/core"
import { Effect, Option } from "effect"
import type { Selectable } from "kysely"
import type { PlanFieldTable, PlanTable } from "../Tables.js"
import { chunks, operation, run, selectInChunks, type SqlContext, writeTransaction } from "./context.js"
import { guardedUpdate } from "./guarded.js"
import { flag, instantText, planFieldOf, planFieldRows, planHeaderOf, planOf, planRow } from "./rows.js"

const planColumns = 11
const fieldColumns = 10

export const makePlanStore = (context: SqlContext): PlanStoreService => {
  const { db, dialect } = context

  // Reads the fields of the given plan rows in one query per chunk and assembles the plans.
  const withFields = (rows: ReadonlyArray<Selectable<PlanTable>>): Effect.Effect<ReadonlyArray<Plan>, SqlError> =>
    Effect.map(
      selectInChunks(context, rows.map((row) => row.id), (chunk) =>
        db.selectFrom("plan_fields").selectAll().where("plan_id", "in", chunk)),
      (fields) => {
        const byPlan = new Map<string, Array<(typeof fields)[number]>>()
        for (const field of fields) {
          const list = byPlan.get(field.plan_id) ?? []
          list.push(field)
          byPlan.set(field.plan_id, list)
        }
        return rows.map((row) => planOf(row, byPlan.get(row.id) ?? []))
      }
    )

  // One plan and its fields in one statement: the two tables share no column name, so the joined
  // row splits back into a plan row and a field row (absent for a plan without fields).
  const readPlan = (id: string): Effect.Effect<ReadonlyArray<Plan>, SqlError> =>
    Effect.map(
      run(db.selectFrom("plans").leftJoin("plan_fields", "plan_fields.plan_id", "plans.id").selectAll().where("plans.id", "=", id)),
      (rows) =>
        rows.length === 0
          ? []
          : [planOf(rows[0] as Selectable<PlanTable>, rows.flatMap((row) => (row.plan_id === null ? [] : [row as Selectable<PlanFieldTable>])))]
    )

  return {
    insertMany: (plans) =>
      (plans.length === 0
        ? Effect.void
        : writeTransaction(
          context,
          Effect.gen(function*() {
            for (const chunk of chunks(dialect, plans, planColumns)) {
              yield* db.insertInto("plans").values(chunk.map(planRow))
            }
            const fields = plans.flatMap(planFieldRows)
            for (const chunk of chunks(dialect, fields, fieldColumns)) {
              yield* db.insertInto("plan_fields").values([...chunk])
            }
          })
        )).pipe(operation("PlanStore.insertMany", { count: plans.length, planIds: plans.slice(0, 100).map((plan) => plan.id) })),
    get: (id) =>
      readPlan(id).pipe(
        Effect.map((plans) => Option.fromNullable(plans[0])),
        operation("PlanStore.get", { planId: id })
      ),
    getMany: (ids) =>
      selectInChunks(context, ids, (chunk) => run(db.selectFrom("plans").selectAll().where("id", "in", chunk))).pipe(
        Effect.flatMap(withFields),
        operation("PlanStore.getMany", { count: ids.length })
      ),
    listByPupils: (pupilIds) =>
      selectInChunks(context, pupilIds, (chunk) => run(db.selectFrom("plans").selectAll().where("pupil_id", "in", chunk))).pipe(
        Effect.flatMap(withFields),
        operation("PlanStore.listByPupils", { pupilCount: pupilIds.length })
      ),
    listHeadersByPupils: (pupilIds, overlapping) =>
      selectInChunks(context, pupilIds, (chunk) => {
        let query = db.selectFrom("plans").selectAll().where("pupil_id", "in", chunk)
        // Dates are zero-padded ISO text, so comparing the text compares the dates.
        if (overlapping !== undefined) {
          const start = overlapping.start
          query = query.where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", start)]))
          if (overlapping.end !== null) query = query.where("start_date", "<=", overlapping.end)
        }
        return run(query)
      }).pipe(
        Effect.map((rows) => rows.map((row) => planHeaderOf(row))),
        operation("PlanStore.listHeadersByPupils", { pupilCount: pupilIds.length })
      ),
    updateHeader: (id, expectedVersion, patch, at) =>
      guardedUpdate({
        kind: "plan",
        id,
        expectedVersion,
        update: run(
          db
            .updateTable("plans")
          .set((eb) => ({
            ...(patch.title === undefined ? {} : { title: patch.title }),
            ...(patch.startDate === undefined ? {} : { start_date: patch.startDate }),
            ...(patch.endDate === undefined ? {} : { end_date: patch.endDate }),
            ...(patch.published === undefined ? {} : { published: flag(patch.published) }),
            header_version: eb("header_version", "+", 1),
            updated_at: instantText(at)
          }))
          .where("id", "=", id)
            .where("header_version", "=", expectedVersion)
            .returningAll()
        ).pipe(Effect.flatMap(withFields)),
        readCurrent: readPlan(id),
        decode: (plan: Plan) => plan,
        versionOf: (plan) => plan.headerVersion
      }).pipe(operation("PlanStore.updateHeader", { planId: id })),
    updateField: (id, fieldId, expectedVersion, value, at, by) =>
      Effect.gen(function*() {
        const updated = yield* db
          .updateTable("plan_fields")
          .set((eb) => ({
            value,
            version: eb("version", "+", 1),
            last_edited_at: instantText(at),
            last_edited_by: by
          }))
          .where("plan_id", "=", id)
          .where("field_id", "=", fieldId)
          .where("version", "=", expectedVersion)
          .returningAll()
        if (updated[0] !== undefined) return planFieldOf(updated[0])

        const current = yield* db.selectFrom("plan_fields").selectAll().where("plan_id", "=", id).where("field_id", "=", fieldId)
        if (current[0] === undefined) {
          const plan = yield* db.selectFrom("plans").select("id").where("id", "=", id)
          return yield* (plan.length === 0
            ? new NotFoundError({ kind: "plan", id })
            : new NotFoundError({ kind: "planField", id: `${id}/${fieldId}` }))
        }
        const currentValue = planFieldOf(current[0])
        return yield* new VersionConflictError({
          kind: "planField",
          id: `${id}/${fieldId}`,
          expectedVersion,
          currentVersion: currentValue.version,
          currentValue
        })
      }).pipe(operation("PlanStore.updateField", { planId: id, fieldId })),
    delete: (id) =>
      writeTransaction(
        context,
        Effect.gen(function*() {
          yield* db.deleteFrom("plan_fields").where("plan_id", "=", id)
          const deleted = yield* db.deleteFrom("plans").where("id", "=", id).returning("id")
          if (deleted.length === 0) return yield* new NotFoundError({ kind: "plan", id })
        })
      ).pipe(operation("PlanStore.delete", { planId: id }))
  }
}
