import { SqlClient } from "@effect/sql/SqlClient"
import { Effect } from "effect"
import type { Db, SqlDialect } from "../Dialect.js"

type Relation = "enrolments" | "mentorships" | "teachings" | "course_memberships" | "guardianships" | "administrations"

// Each relation is asked for by one or both of its ends and a day, so each end gets an index
// leading with it and followed by the start date.
const relationTable = (db: Db, table: Relation, ends: ReadonlyArray<[string, boolean]>, extra: Array<[string, "text" | "integer"]> = []) =>
  Effect.gen(function*() {
    let builder = db.schema.createTable(table)
    for (const [column, nullable] of ends) {
      builder = builder.addColumn(column, "text", (c) => (nullable ? c : c.notNull()))
    }
    for (const [column, type] of extra) builder = builder.addColumn(column, type)
    yield* builder
      .addColumn("start_date", "text", (c) => c.notNull())
      .addColumn("end_date", "text")
    for (const [column] of ends) {
      yield* db.schema.createIndex(`${table}_by_${column}`).on(table).columns([column, "start_date"])
    }
  })

/** Creates every table and index of schema version 1. */
export const createSchemaV1 = (db: Db, dialect: SqlDialect) =>
  Effect.gen(function*() {
    yield* db.schema
      .createTable("templates")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("scope_organisation_id", "text")
      .addColumn("fields_json", "text", (c) => c.notNull())
      .addColumn("hidden", "integer", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())

    yield* db.schema
      .createTable("grading_scales")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("steps_json", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())

    yield* db.schema
      .createTable("assessments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("course_id", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("grading_scale_id", "text")
      .addColumn("visible_to_pupils", "integer", (c) => c.notNull())
      .addColumn("self_assessment_enabled", "integer", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
    yield* db.schema.createIndex("assessments_by_course").on("assessments").column("course_id")

    yield* db.schema
      .createTable("assessment_entries")
      .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
      .addColumn("pupil_id", "text", (c) => c.notNull())
      .addColumn("level", "text")
      .addColumn("comment", "text", (c) => c.notNull())
      .addColumn("self_level", "text")
      .addColumn("self_comment", "text")
      .addColumn("last_edited_at", "text", (c) => c.notNull())
      .addColumn("last_edited_by", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("assessment_entries_pk", ["assessment_id", "pupil_id"])
    yield* db.schema
      .createIndex("assessment_entries_by_pupil_edit")
      .on("assessment_entries")
      .columns(["pupil_id", "last_edited_at"])

    // A plan keeps its template id but no foreign key: deleting a template never touches plans.
    yield* db.schema
      .createTable("plans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("pupil_id", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("template_id", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("start_date", "text", (c) => c.notNull())
      .addColumn("end_date", "text")
      .addColumn("published", "integer", (c) => c.notNull())
      .addColumn("header_version", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
    yield* db.schema.createIndex("plans_by_pupil_end").on("plans").columns(["pupil_id", "end_date"])

    yield* db.schema
      .createTable("plan_fields")
      .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
      .addColumn("field_id", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("heading", "text", (c) => c.notNull())
      .addColumn("visible_to_json", "text", (c) => c.notNull())
      .addColumn("editable_by_json", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("last_edited_at", "text")
      .addColumn("last_edited_by", "text")
      .addPrimaryKeyConstraint("plan_fields_pk", ["plan_id", "field_id"])

    yield* db.schema
      .createTable("legacy_documents")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("pupil_id", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("file_name", "text", (c) => c.notNull())
      .addColumn("media_type", "text", (c) => c.notNull())
      .addColumn("byte_size", "integer", (c) => c.notNull())
      .addColumn("document_date", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("uploaded_by", "text", (c) => c.notNull())
      .addColumn("uploaded_at", "text", (c) => c.notNull())
    yield* db.schema.createIndex("legacy_documents_by_pupil").on("legacy_documents").column("pupil_id")

    yield* db.schema
      .createTable("blobs")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("bytes", dialect.binaryType, (c) => c.notNull())

    yield* db.schema
      .createTable("audit_log")
      .addColumn("seq", dialect.autoIncrementType, (c) => c.primaryKey())
      .addColumn("id", "text", (c) => c.notNull().unique())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("pupil_id", "text")
    for (const column of ["actor_id", "target_id", "pupil_id"] as const) {
      yield* db.schema.createIndex(`audit_log_by_${column}`).on("audit_log").columns([column, "at"])
    }
    const sql = yield* SqlClient
    for (const statement of dialect.appendOnlyStatements("audit_log")) yield* sql.unsafe(statement)

    yield* db.schema
      .createTable("people")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("given_name", "text", (c) => c.notNull())
      .addColumn("family_name", "text", (c) => c.notNull())
      .addColumn("protection", "text", (c) => c.notNull())
    // No foreign keys in the directory: an import may carry relations to records it leaves out.
    yield* db.schema
      .createTable("organisations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("parent_id", "text")
    yield* db.schema
      .createTable("courses")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("organisation_id", "text", (c) => c.notNull())
      .addColumn("subject_code", "text")

    yield* relationTable(db, "enrolments", [["pupil_id", false], ["organisation_id", false]], [["school_year", "integer"]])
    yield* relationTable(db, "mentorships", [["mentor_id", false], ["pupil_id", false]])
    yield* relationTable(db, "teachings", [["teacher_id", false], ["course_id", false]])
    yield* relationTable(db, "course_memberships", [["pupil_id", false], ["course_id", false]])
    yield* relationTable(db, "guardianships", [["guardian_id", false], ["pupil_id", false]])
    yield* relationTable(db, "administrations", [["person_id", false], ["scope_organisation_id", true]])
  })
