/**
 * Small, valid domain records for storage tests, built from ids the caller chooses. Every record
 * passes the core's Schemas.
 *
 * @since 0.1.0
 */
import type {
  Assessment,
  AssessmentId,
  AuditEntry,
  AuditEntryId,
  CourseId,
  DocumentId,
  FieldId,
  GradingScale,
  GradingScaleId,
  LegacyDocument,
  LocalDate,
  PersonId,
  Plan,
  PlanId,
  Template,
  TemplateId,
  Version
} from "@iupkit/core"
import { DateTime } from "effect"

/**
 * A fixed instant in UTC, with milliseconds so storage must keep them.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const fixtureInstant: DateTime.Utc = DateTime.unsafeMake("2026-03-02T09:15:30.123Z")

/**
 * Makes ids unique to one run of a suite, so several runs can share a database.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const makeIds = (prefix: string) => {
  const run = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  let counter = 0
  return <A extends string>(kind: string): A => `${run}-${kind}-${++counter}` as A
}

/**
 * A site-wide template with the given number of fields.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const templateFixture = (id: TemplateId, fieldCount = 2): Template => ({
  id,
  title: "Utvecklingssamtal",
  scope: { _tag: "site" },
  fields: Array.from({ length: fieldCount }, (_, index) => ({
    id: `field-${index + 1}` as FieldId,
    heading: index === 0 ? "Mål framåt" : `Fält ${index + 1}`,
    visibleTo: ["mentor", "pupil", "guardian"],
    editableBy: ["mentor"]
  })),
  hidden: false,
  version: 1 as Version,
  createdAt: fixtureInstant,
  updatedAt: fixtureInstant
})

/**
 * A three-step grading scale.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const scaleFixture = (id: GradingScaleId): GradingScale => ({
  id,
  name: "Tre steg",
  steps: ["Otillräckligt", "Godtagbart", "Mer än godtagbart"],
  version: 1 as Version,
  createdAt: fixtureInstant,
  updatedAt: fixtureInstant
})

/**
 * An assessment in a course, without a grading scale unless one is given.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const assessmentFixture = (
  id: AssessmentId,
  courseId: CourseId,
  createdBy: PersonId,
  gradingScaleId: GradingScaleId | null = null
): Assessment => ({
  id,
  courseId,
  title: "Omdöme VT 2026",
  gradingScaleId,
  visibleToPupils: false,
  selfAssessmentEnabled: true,
  createdBy,
  createdAt: fixtureInstant,
  updatedAt: fixtureInstant,
  version: 1 as Version
})

/**
 * A new plan for a pupil with empty fields copied from a fixture template.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const planFixture = (
  id: PlanId,
  pupilId: PersonId,
  createdBy: PersonId,
  options: { readonly startDate?: string; readonly endDate?: string | null; readonly fieldCount?: number } = {}
): Plan => {
  const template = templateFixture("template-1" as TemplateId, options.fieldCount ?? 3)
  return {
    id,
    pupilId,
    createdBy,
    templateId: template.id,
    title: "Planering VT 2026",
    startDate: (options.startDate ?? "2026-01-07") as LocalDate,
    endDate: (options.endDate === undefined ? "2026-06-12" : options.endDate) as LocalDate | null,
    published: false,
    headerVersion: 1 as Version,
    createdAt: fixtureInstant,
    updatedAt: fixtureInstant,
    fields: template.fields.map((field) => ({
      fieldId: field.id,
      heading: field.heading,
      visibleTo: field.visibleTo,
      editableBy: field.editableBy,
      value: "",
      version: 1 as Version,
      lastEditedAt: null,
      lastEditedBy: null
    }))
  }
}

/**
 * Metadata of an uploaded PDF.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const documentFixture = (id: DocumentId, pupilId: PersonId, uploadedBy: PersonId): LegacyDocument => ({
  id,
  pupilId,
  title: "IUP från tidigare system",
  fileName: "iup-ht2019.pdf",
  mediaType: "application/pdf",
  byteSize: 2048,
  documentDate: "2019-11-20" as LocalDate,
  source: "upload",
  uploadedBy,
  uploadedAt: fixtureInstant
})

/**
 * An audit record of a plan read.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const auditFixture = (
  id: AuditEntryId,
  actorId: PersonId,
  targetId: string,
  at: DateTime.Utc = fixtureInstant,
  pupilId: PersonId | null = null
): AuditEntry => ({ id, at, actorId, action: "plan.read", targetId, pupilId })
