/**
 * Request Schemas of the JSON API. Each mirrors what the service operation behind the route
 * decodes, so a request the host accepts reaches the service in the shape it expects, and the
 * OpenAPI document shows the same rules.
 */
import {
  AssessmentId,
  AssessmentInput,
  BodyText,
  CourseId,
  DocumentId,
  FieldId,
  GradingScaleInput,
  LocalDate,
  OrganisationId,
  PersonId,
  PlanHeaderPatch,
  PlanId,
  PlanInput,
  TemplateInput,
  Title,
  Version
} from "@iupkit/core"
import { Schema } from "effect"

const pupilSelection = Schema.Array(PersonId).pipe(Schema.minItems(1, { message: () => "select at least one pupil" }))

/** Body of a mentor's plan creation: one plan per selected mentee, or for every mentee with "all". */
export const CreatePlansBody = Schema.Struct({
  pupilIds: Schema.Union(Schema.Literal("all"), pupilSelection),
  plan: PlanInput
})

/** Body of a plan header change, naming the header version it was based on. */
export const UpdatePlanHeaderBody = Schema.Struct({ expectedVersion: Version, patch: PlanHeaderPatch })

/** Body of a field write, naming the field version it was based on. */
export const UpdatePlanFieldBody = Schema.Struct({ expectedVersion: Version, value: BodyText })

/** Body of an assessment entry write; null version for an entry never written. */
export const WriteEntryBody = Schema.Struct({
  expectedVersion: Schema.NullOr(Version),
  level: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true }),
  comment: Schema.optionalWith(BodyText, { exact: true })
})

/** Body of setting one level for several pupils: all entries are written, or none. */
export const SetLevelsBody = Schema.Struct({
  level: Schema.NullOr(Schema.String),
  entries: Schema.Array(Schema.Struct({ pupilId: PersonId, expectedVersion: Schema.NullOr(Version) })).pipe(
    Schema.minItems(1, { message: () => "select at least one pupil" })
  )
})

/** Body of a pupil's self-assessment. */
export const SelfAssessmentBody = Schema.Struct({
  expectedVersion: Schema.NullOr(Version),
  level: Schema.NullOr(Schema.String),
  comment: BodyText
})

/** Body of a plan export: at most 100 plans; protected pupils only when named. */
export const ExportPlansBody = Schema.Struct({
  planIds: Schema.Array(PlanId),
  includeProtectedPupilIds: Schema.optionalWith(Schema.Array(PersonId), { exact: true })
})

/** Body of an administrator's plan creation for a whole organisation, or the site with null. */
export const OrganisationPlansBody = Schema.Struct({
  organisationId: Schema.NullOr(OrganisationId),
  plan: PlanInput,
  skipPupilsWithoutMentor: Schema.optionalWith(Schema.Boolean, { exact: true })
})

/** Body of a new assessment. */
export const CreateAssessmentBody = AssessmentInput
/** Body of a new template. */
export const CreateTemplateBody = TemplateInput
/** Body of a new grading scale. */
export const CreateGradingScaleBody = GradingScaleInput

/** Path parameters. */
export const PlanParams = Schema.Struct({ planId: PlanId })
export const PlanFieldParams = Schema.Struct({ planId: PlanId, fieldId: FieldId })
export const PupilParams = Schema.Struct({ pupilId: PersonId })
export const CourseParams = Schema.Struct({ courseId: CourseId })
export const AssessmentParams = Schema.Struct({ assessmentId: AssessmentId })
export const EntryParams = Schema.Struct({ assessmentId: AssessmentId, pupilId: PersonId })
export const DocumentParams = Schema.Struct({ documentId: DocumentId })

/** Body of a plan imported as text from an earlier system: it becomes a published, dated plan. */
export const ImportPlanBody = Schema.Struct({ title: Title, date: LocalDate, text: BodyText })
