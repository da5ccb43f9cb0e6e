/**
 * Branded identifiers. The core never makes ids itself: they come from the {@link IdGenerator}
 * port, so tests can make them deterministic and hosts can use their own scheme.
 *
 * @since 0.1.0
 */
import { Context, type Effect, Schema } from "effect"

// Ids are opaque, non-empty and short enough to log; the character set keeps them safe in URLs.
const idString = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_.:-]{1,128}$/, {
    message: () => "an id is 1 to 128 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'"
  })
)

/** @category ids */
export const PersonId = idString.pipe(Schema.brand("PersonId"))
/** @category ids */
export type PersonId = typeof PersonId.Type
/** @category ids */
export const OrganisationId = idString.pipe(Schema.brand("OrganisationId"))
/** @category ids */
export type OrganisationId = typeof OrganisationId.Type
/** @category ids */
export const CourseId = idString.pipe(Schema.brand("CourseId"))
/** @category ids */
export type CourseId = typeof CourseId.Type
/** @category ids */
export const TemplateId = idString.pipe(Schema.brand("TemplateId"))
/** @category ids */
export type TemplateId = typeof TemplateId.Type
/** @category ids */
export const FieldId = idString.pipe(Schema.brand("FieldId"))
/** @category ids */
export type FieldId = typeof FieldId.Type
/** @category ids */
export const GradingScaleId = idString.pipe(Schema.brand("GradingScaleId"))
/** @category ids */
export type GradingScaleId = typeof GradingScaleId.Type
/** @category ids */
export const AssessmentId = idString.pipe(Schema.brand("AssessmentId"))
/** @category ids */
export type AssessmentId = typeof AssessmentId.Type
/** @category ids */
export const PlanId = idString.pipe(Schema.brand("PlanId"))
/** @category ids */
export type PlanId = typeof PlanId.Type
/** @category ids */
export const DocumentId = idString.pipe(Schema.brand("DocumentId"))
/** @category ids */
export type DocumentId = typeof DocumentId.Type
/** @category ids */
export const AuditEntryId = idString.pipe(Schema.brand("AuditEntryId"))
/** @category ids */
export type AuditEntryId = typeof AuditEntryId.Type

/**
 * The kinds of id the {@link IdGenerator} makes.
 *
 * @category ids
 * @since 0.1.0
 */
export type IdKind =
  | "template"
  | "field"
  | "gradingScale"
  | "assessment"
  | "plan"
  | "document"
  | "auditEntry"

/**
 * Port that makes new ids. Guarantees: every id it returns is unique within the site and matches
 * the id pattern above; the kind lets an implementation prefix or partition ids.
 *
 * @category ports
 * @since 0.1.0
 */
export class IdGenerator extends Context.Tag("iupkit/IdGenerator")<
  IdGenerator,
  {
    readonly next: (kind: IdKind) => Effect.Effect<string>
  }
>() {}
