/**
 * Table types of the iupkit schema, for Kysely. Both dialects store instants as ISO 8601 text in
 * UTC with milliseconds (`2026-03-02T09:00:00.000Z`), which sorts as time does, and calendar dates
 * as `YYYY-MM-DD` text. Booleans are integers 0 and 1. Lists that change as a whole (template
 * fields, scale steps, field roles) are JSON text.
 *
 * @since 0.1.0
 */
import type { Generated } from "kysely"

/** @category tables */
export interface SchemaVersionTable {
  readonly version: number
  readonly name: string
  readonly applied_at: string
}

/** @category tables */
export interface TemplateTable {
  readonly id: string
  readonly title: string
  /** Null for a site-wide template. */
  readonly scope_organisation_id: string | null
  readonly fields_json: string
  readonly hidden: number
  readonly version: number
  readonly created_at: string
  readonly updated_at: string
}

/** @category tables */
export interface GradingScaleTable {
  readonly id: string
  readonly name: string
  readonly steps_json: string
  readonly version: number
  readonly created_at: string
  readonly updated_at: string
}

/** @category tables */
export interface AssessmentTable {
  readonly id: string
  readonly course_id: string
  readonly title: string
  readonly grading_scale_id: string | null
  readonly visible_to_pupils: number
  readonly self_assessment_enabled: number
  readonly created_by: string
  readonly created_at: string
  readonly updated_at: string
  readonly version: number
}

/** @category tables */
export interface AssessmentEntryTable {
  readonly assessment_id: string
  readonly pupil_id: string
  readonly level: string | null
  readonly comment: string
  readonly self_level: string | null
  /** Null when the pupil has written no self-assessment. */
  readonly self_comment: string | null
  readonly last_edited_at: string
  readonly last_edited_by: string
  readonly version: number
}

/** @category tables */
export interface PlanTable {
  readonly id: string
  readonly pupil_id: string
  readonly created_by: string
  readonly template_id: string
  readonly title: string
  readonly start_date: string
  readonly end_date: string | null
  readonly published: number
  readonly header_version: number
  readonly created_at: string
  readonly updated_at: string
}

/** @category tables */
export interface PlanFieldTable {
  readonly plan_id: string
  readonly field_id: string
  /** The field's place in the plan, from 0. */
  readonly position: number
  readonly heading: string
  readonly visible_to_json: string
  readonly editable_by_json: string
  readonly value: string
  readonly version: number
  readonly last_edited_at: string | null
  readonly last_edited_by: string | null
}

/** @category tables */
export interface LegacyDocumentTable {
  readonly id: string
  readonly pupil_id: string
  readonly title: string
  readonly file_name: string
  readonly media_type: string
  readonly byte_size: number
  readonly document_date: string | null
  readonly source: string
  readonly uploaded_by: string
  readonly uploaded_at: string
}

/** @category tables */
export interface BlobTable {
  readonly key: string
  readonly bytes: Uint8Array
}

/** @category tables */
export interface AuditLogTable {
  /** Append order, which breaks ties between entries of the same instant. */
  readonly seq: Generated<number>
  readonly id: string
  readonly at: string
  readonly actor_id: string
  readonly action: string
  readonly target_id: string
  readonly pupil_id: string | null
}

/** @category tables */
export interface PersonTable {
  readonly id: string
  readonly given_name: string
  readonly family_name: string
  /** "none", "confidential" or "protectedRegistration". */
  readonly protection: string
}

/** @category tables */
export interface OrganisationTable {
  readonly id: string
  readonly name: string
  readonly parent_id: string | null
}

/** @category tables */
export interface CourseTable {
  readonly id: string
  readonly name: string
  readonly organisation_id: string
  readonly subject_code: string | null
}

interface Dated {
  readonly start_date: string
  readonly end_date: string | null
}

/** @category tables */
export interface EnrolmentTable extends Dated {
  readonly pupil_id: string
  readonly organisation_id: string
  readonly school_year: number | null
}

/** @category tables */
export interface MentorshipTable extends Dated {
  readonly mentor_id: string
  readonly pupil_id: string
}

/** @category tables */
export interface TeachingTable extends Dated {
  readonly teacher_id: string
  readonly course_id: string
}

/** @category tables */
export interface CourseMembershipTable extends Dated {
  readonly pupil_id: string
  readonly course_id: string
}

/** @category tables */
export interface GuardianshipTable extends Dated {
  readonly guardian_id: string
  readonly pupil_id: string
}

/** @category tables */
export interface AdministrationTable extends Dated {
  readonly person_id: string
  /** Null for a site administrator. */
  readonly scope_organisation_id: string | null
}

/**
 * Every table of the schema.
 *
 * @category tables
 * @since 0.1.0
 */
export interface Database {
  readonly schema_version: SchemaVersionTable
  readonly templates: TemplateTable
  readonly grading_scales: GradingScaleTable
  readonly assessments: AssessmentTable
  readonly assessment_entries: AssessmentEntryTable
  readonly plans: PlanTable
  readonly plan_fields: PlanFieldTable
  readonly legacy_documents: LegacyDocumentTable
  readonly blobs: BlobTable
  readonly audit_log: AuditLogTable
  readonly people: PersonTable
  readonly organisations: OrganisationTable
  readonly courses: CourseTable
  readonly enrolments: EnrolmentTable
  readonly mentorships: MentorshipTable
  readonly teachings: TeachingTable
  readonly course_memberships: CourseMembershipTable
  readonly guardianships: GuardianshipTable
  readonly administrations: AdministrationTable
}
