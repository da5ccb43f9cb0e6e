import {
  type AssessmentStoreService,
  type GradingScaleStoreService,
  NotFoundError,
  type TemplateStoreService
} from "@iupkit/core"
import { Effect, Option } from "effect"
import { operation, run, selectInChunks, type SqlContext, writeTransaction } from "./context.js"
import { guardedUpdate } from "./guarded.js"
import {
  assessmentOf,
  assessmentRow,
  instantText,
  flag,
  scaleOf,
  scaleRow,
  templateOf,
  templateRow
} from "./rows.js"

export const makeTemplateStore = ({ db }: SqlContext): TemplateStoreService => ({
  insert: (template) =>
    run(db.insertInto("templates").values(templateRow(template))).pipe(
      Effect.asVoid,
      operation("TemplateStore.insert", { templateId: template.id })
    ),
  get: (id) =>
    run(db.selectFrom("templates").selectAll().where("id", "=", id)).pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), templateOf)),
      operation("TemplateStore.get", { templateId: id })
    ),
  list: () => run(db.selectFrom("templates").selectAll()).pipe(Effect.map((rows) => rows.map(templateOf)), operation("TemplateStore.list")),
  update: (id, expectedVersion, patch, at) =>
    guardedUpdate({
      kind: "template",
      id,
      expectedVersion,
      update: db
        .updateTable("templates")
        .set((eb) => ({
          ...(patch.title === undefined ? {} : { title: patch.title }),
          ...(patch.scope === undefined
            ? {}
            : { scope_organisation_id: patch.scope._tag === "site" ? null : patch.scope.organisationId }),
          ...(patch.fields === undefined ? {} : { fields_json: JSON.stringify(patch.fields) }),
          ...(patch.hidden === undefined ? {} : { hidden: flag(patch.hidden) }),
          version: eb("version", "+", 1),
          updated_at: instantText(at)
        }))
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .returningAll(),
      readCurrent: db.selectFrom("templates").selectAll().where("id", "=", id),
      decode: templateOf,
      versionOf: (template) => template.version
    }).pipe(operation("TemplateStore.update", { templateId: id })),
  delete: (id) =>
    run(db.deleteFrom("templates").where("id", "=", id).returning("id")).pipe(
      Effect.flatMap((rows) => (rows.length === 0 ? new NotFoundError({ kind: "template", id }) : Effect.void)),
      operation("TemplateStore.delete", { templateId: id })
    )
})

export const makeGradingScaleStore = ({ db }: SqlContext): GradingScaleStoreService => ({
  insert: (scale) =>
    run(db.insertInto("grading_scales").values(scaleRow(scale))).pipe(
      Effect.asVoid,
      operation("GradingScaleStore.insert", { gradingScaleId: scale.id })
    ),
  get: (id) =>
    run(db.selectFrom("grading_scales").selectAll().where("id", "=", id)).pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), scaleOf)),
      operation("GradingScaleStore.get", { gradingScaleId: id })
    ),
  list: () =>
    run(db.selectFrom("grading_scales").selectAll()).pipe(Effect.map((rows) => rows.map(scaleOf)), operation("GradingScaleStore.list")),
  update: (id, expectedVersion, patch, at) =>
    guardedUpdate({
      kind: "gradingScale",
      id,
      expectedVersion,
      update: db
        .updateTable("grading_scales")
        .set((eb) => ({
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.steps === undefined ? {} : { steps_json: JSON.stringify(patch.steps) }),
          version: eb("version", "+", 1),
          updated_at: instantText(at)
        }))
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .returningAll(),
      readCurrent: db.selectFrom("grading_scales").selectAll().where("id", "=", id),
      decode: scaleOf,
      versionOf: (scale) => scale.version
    }).pipe(operation("GradingScaleStore.update", { gradingScaleId: id })),
  delete: (id) =>
    run(db.deleteFrom("grading_scales").where("id", "=", id).returning("id")).pipe(
      Effect.flatMap((rows) => (rows.length === 0 ? new NotFoundError({ kind: "gradingScale", id }) : Effect.void)),
      operation("GradingScaleStore.delete", { gradingScaleId: id })
    )
})

export const makeAssessmentStore = (context: SqlContext): AssessmentStoreService => {
  const { db } = context
  return {
    insert: (assessment) =>
      run(db.insertInto("assessments").values(assessmentRow(assessment))).pipe(
        Effect.asVoid,
        operation("AssessmentStore.insert", { assessmentId: assessment.id })
      ),
    get: (id) =>
      run(db.selectFrom("assessments").selectAll().where("id", "=", id)).pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), assessmentOf)),
        operation("AssessmentStore.get", { assessmentId: id })
      ),
    getMany: (ids) =>
      selectInChunks(context, ids, (chunk) => run(db.selectFrom("assessments").selectAll().where("id", "in", chunk))).pipe(
        Effect.map((rows) => rows.map(assessmentOf)),
        operation("AssessmentStore.getMany", { count: ids.length })
      ),
    listByCourses: (courseIds) =>
      selectInChunks(context, courseIds, (chunk) => run(db.selectFrom("assessments").selectAll().where("course_id", "in", chunk))).pipe(
        Effect.map((rows) => rows.map(assessmentOf)),
        operation("AssessmentStore.listByCourses", { courseCount: courseIds.length })
      ),
    update: (id, expectedVersion, patch, at) =>
      guardedUpdate({
        kind: "assessment",
        id,
        expectedVersion,
        update: db
          .updateTable("assessments")
          .set((eb) => ({
            ...(patch.title === undefined ? {} : { title: patch.title }),
            ...(patch.gradingScaleId === undefined ? {} : { grading_scale_id: patch.gradingScaleId }),
            ...(patch.visibleToPupils === undefined ? {} : { visible_to_pupils: flag(patch.visibleToPupils) }),
            ...(patch.selfAssessmentEnabled === undefined ? {} : { self_assessment_enabled: flag(patch.selfAssessmentEnabled) }),
            version: eb("version", "+", 1),
            updated_at: instantText(at)
          }))
          .where("id", "=", id)
          .where("version", "=", expectedVersion)
          .returningAll(),
        readCurrent: db.selectFrom("assessments").selectAll().where("id", "=", id),
        decode: assessmentOf,
        versionOf: (assessment) => assessment.version
      }).pipe(operation("AssessmentStore.update", { assessmentId: id })),
    // Entries are deleted explicitly as well as by the foreign key's cascade, so the result does not
    // depend on the connection having foreign keys switched on.
    delete: (id) =>
      writeTransaction(
        context,
        Effect.gen(function*() {
          yield* db.deleteFrom("assessment_entries").where("assessment_id", "=", id)
          const deleted = yield* db.deleteFrom("assessments").where("id", "=", id).returning("id")
          if (deleted.length === 0) return yield* new NotFoundError({ kind: "assessment", id })
        })
      ).pipe(operation("AssessmentStore.delete", { assessmentId: id }))
  }
}
