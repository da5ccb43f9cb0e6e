import type {
  Assessment,
  AssessmentEntry,
  AuditEntry,
  GradingScale,
  Instant,
  LegacyDocument,
  Plan,
  PlanHeader,
  PlanField,
  Template
} from "@iupkit/core"
import { DateTime } from "effect"
import type { Selectable } from "kysely"
import type {
  AssessmentEntryTable,
  AssessmentTable,
  AuditLogTable,
  GradingScaleTable,
  LegacyDocumentTable,
  PlanFieldTable,
  PlanTable,
  TemplateTable
} from "../Tables.js"

// Rows are written only by these stores, so reading them back casts instead of decoding again.
type Any = any

/** Formats an instant as fixed-width ISO 8601 text in UTC, which sorts as time does. */
export const instantText = (instant: Instant): string => DateTime.formatIso(instant)

export const instantOf = (text: string): Instant => DateTime.unsafeMake(text) as Instant

const nullableInstantOf = (text: string | null): Instant | null => (text === null ? null : instantOf(text))

export const flag = (value: boolean): number => (value ? 1 : 0)

// PostgreSQL returns bigint and numeric columns as strings; every integer here fits a number.
export const integer = (value: number | string): number => Number(value)

export const templateRow = (template: Template): TemplateTable => ({
  id: template.id,
  title: template.title,
  scope_organisation_id: template.scope._tag === "site" ? null : template.scope.organisationId,
  fields_json: JSON.stringify(template.fields),
  hidden: flag(template.hidden),
  version: template.version,
  created_at: instantText(template.createdAt),
  updated_at: instantText(template.updatedAt)
})

export const templateOf = (row: Selectable<TemplateTable>): Template => ({
  id: row.id as Any,
  title: row.title,
  scope: row.scope_organisation_id === null ? { _tag: "site" } : { _tag: "organisation", organisationId: row.scope_organisation_id as Any },
  fields: JSON.parse(row.fields_json),
  hidden: integer(row.hidden) === 1,
  version: integer(row.version) as Any,
  createdAt: instantOf(row.created_at),
  updatedAt: instantOf(row.updated_at)
})

export const scaleRow = (scale: GradingScale): GradingScaleTable => ({
  id: scale.id,
  name: scale.name,
  steps_json: JSON.stringify(scale.steps),
  version: scale.version,
  created_at: instantText(scale.createdAt),
  updated_at: instantText(scale.updatedAt)
})

export const scaleOf = (row: Selectable<GradingScaleTable>): GradingScale => ({
  id: row.id as Any,
  name: row.name,
  steps: JSON.parse(row.steps_json),
  version: integer(row.version) as Any,
  createdAt: instantOf(row.created_at),
  updatedAt: instantOf(row.updated_at)
})

export const assessmentRow = (assessment: Assessment): AssessmentTable => ({
  id: assessment.id,
  course_id: assessment.courseId,
  title: assessment.title,
  grading_scale_id: assessment.gradingScaleId,
  visible_to_pupils: flag(assessment.visibleToPupils),
  self_assessment_enabled: flag(assessment.selfAssessmentEnabled),
  created_by: assessment.createdBy,
  created_at: instantText(assessment.createdAt),
  updated_at: instantText(assessment.updatedAt),
  version: assessment.version
})

export const assessmentOf = (row: Selectable<AssessmentTable>): Assessment => ({
  id: row.id as Any,
  courseId: row.course_id as Any,
  title: row.title,
  gradingScaleId: row.grading_scale_id as Any,
  visibleToPupils: integer(row.visible_to_pupils) === 1,
  selfAssessmentEnabled: integer(row.self_assessment_enabled) === 1,
  createdBy: row.created_by as Any,
  createdAt: instantOf(row.created_at),
  updatedAt: instantOf(row.updated_at),
  version: integer(row.version) as Any
})

export const entryRow = (entry: AssessmentEntry): AssessmentEntryTable => ({
  assessment_id: entry.assessmentId,
  pupil_id: entry.pupilId,
  level: entry.level,
  comment: entry.comment,
  self_level: entry.selfAssessment?.level ?? null,
  self_comment: entry.selfAssessment?.comment ?? null,
  last_edited_at: instantText(entry.lastEditedAt),
  last_edited_by: entry.lastEditedBy,
  version: entry.version
})

export const entryOf = (row: Selectable<AssessmentEntryTable>): AssessmentEntry => ({
  assessmentId: row.assessment_id as Any,
  pupilId: row.pupil_id as Any,
  level: row.level,
  comment: row.comment,
  selfAssessment: row.self_comment === null ? null : { level: row.self_level, comment: row.self_comment },
  lastEditedAt: instantOf(row.last_edited_at),
  lastEditedBy: row.last_edited_by as Any,
  version: integer(row.version) as Any
})

export const planRow = (plan: Plan): PlanTable => ({
  id: plan.id,
  pupil_id: plan.pupilId,
  created_by: plan.createdBy,
  template_id: plan.templateId,
  title: plan.title,
  start_date: plan.startDate,
  end_date: plan.endDate,
  published: flag(plan.published),
  header_version: plan.headerVersion,
  created_at: instantText(plan.createdAt),
  updated_at: instantText(plan.updatedAt)
})

export const planFieldRows = (plan: Plan): ReadonlyArray<PlanFieldTable> =>
  plan.fields.map((field, position) => ({
    plan_id: plan.id,
    field_id: field.fieldId,
    position,
    heading: field.heading,
    visible_to_json: JSON.stringify(field.visibleTo),
    editable_by_json: JSON.stringify(field.editableBy),
    value: field.value,
    version: field.version,
    last_edited_at: field.lastEditedAt === null ? null : instantText(field.lastEditedAt),
    last_edited_by: field.lastEditedBy
  }))

export const planFieldOf = (row: Selectable<PlanFieldTable>): PlanField => ({
  fieldId: row.field_id as Any,
  heading: row.heading,
  visibleTo: JSON.parse(row.visible_to_json),
  editableBy: JSON.parse(row.editable_by_json),
  value: row.value,
  version: integer(row.version) as Any,
  lastEditedAt: nullableInstantOf(row.last_edited_at),
  lastEditedBy: row.last_edited_by as Any
})

export const planHeaderOf = (row: Selectable<PlanTable>): PlanHeader => ({
  id: row.id as Any,
  pupilId: row.pupil_id as Any,
  createdBy: row.created_by as Any,
  templateId: row.template_id as Any,
  title: row.title,
  startDate: row.start_date as Any,
  endDate: row.end_date as Any,
  published: integer(row.published) === 1,
  headerVersion: integer(row.header_version) as Any,
  createdAt: instantOf(row.created_at),
  updatedAt: instantOf(row.updated_at)
})

export const planOf = (row: Selectable<PlanTable>, fields: ReadonlyArray<Selectable<PlanFieldTable>>): Plan => ({
  ...planHeaderOf(row),
  fields: fields.toSorted((a, b) => integer(a.position) - integer(b.position)).map(planFieldOf)
})

export const documentRow = (document: LegacyDocument): LegacyDocumentTable => ({
  id: document.id,
  pupil_id: document.pupilId,
  title: document.title,
  file_name: document.fileName,
  media_type: document.mediaType,
  byte_size: document.byteSize,
  document_date: document.documentDate,
  source: document.source,
  uploaded_by: document.uploadedBy,
  uploaded_at: instantText(document.uploadedAt)
})

export const documentOf = (row: Selectable<LegacyDocumentTable>): LegacyDocument => ({
  id: row.id as Any,
  pupilId: row.pupil_id as Any,
  title: row.title,
  fileName: row.file_name,
  mediaType: row.media_type as Any,
  byteSize: integer(row.byte_size),
  documentDate: row.document_date as Any,
  source: row.source as Any,
  uploadedBy: row.uploaded_by as Any,
  uploadedAt: instantOf(row.uploaded_at)
})

export const auditRow = (entry: AuditEntry): Omit<AuditLogTable, "seq"> => ({
  id: entry.id,
  at: instantText(entry.at),
  actor_id: entry.actorId,
  action: entry.action,
  target_id: entry.targetId,
  pupil_id: entry.pupilId
})

export const auditOf = (row: Omit<Selectable<AuditLogTable>, "seq">): AuditEntry => ({
  id: row.id as Any,
  at: instantOf(row.at),
  actorId: row.actor_id as Any,
  action: row.action as Any,
  targetId: row.target_id,
  pupilId: row.pupil_id as Any
})
