/**
 * Small builders for domain values in tests. Ids are plain strings cast to their brands, because
 * the core never makes ids itself.
 */
import { DateTime } from "effect"
import type { AssessmentEntry } from "../../src/Assessment.js"
import type { AssessmentId, CourseId, FieldId, GradingScaleId, OrganisationId, PersonId, PlanId, TemplateId } from "../../src/Ids.js"
import type { LocalDate } from "../../src/LocalDate.js"
import type { Template, TemplateField } from "../../src/Template.js"
import type { Version } from "../../src/Version.js"

export const personId = (id: string) => id as PersonId
export const planId = (id: string) => id as PlanId
export const courseId = (id: string) => id as CourseId
export const assessmentId = (id: string) => id as AssessmentId
export const scaleId = (id: string) => id as GradingScaleId
export const fieldId = (id: string) => id as FieldId
export const templateId = (id: string) => id as TemplateId
export const organisationId = (id: string) => id as OrganisationId
export const date = (text: string) => text as LocalDate
export const version = (value: number) => value as Version

/** An instant from an ISO 8601 text with an offset, such as `2026-06-30T23:59:00+02:00`. */
export const at = (iso: string): DateTime.Utc => DateTime.unsafeMake(iso)

/** An entry of pupil `pupil` in assessment `assessment`, last edited at `editedAt`. */
export const entry = (
  editedAt: DateTime.Utc,
  overrides: Partial<AssessmentEntry> = {}
): AssessmentEntry => ({
  assessmentId: assessmentId("a1"),
  pupilId: personId("pupil1"),
  level: null,
  comment: "",
  selfAssessment: null,
  lastEditedAt: editedAt,
  lastEditedBy: personId("teacher1"),
  version: version(1),
  ...overrides
})

/** A template with the given fields. */
export const template = (fields: ReadonlyArray<TemplateField>, overrides: Partial<Template> = {}): Template => ({
  id: templateId("t1"),
  title: "Utvecklingssamtal",
  scope: { _tag: "site" },
  fields,
  hidden: false,
  version: version(1),
  createdAt: at("2026-01-01T00:00:00Z"),
  updatedAt: at("2026-01-01T00:00:00Z"),
  ...overrides
})
