/**
 * The audit log: who read which plan and who wrote what, when. Plans hold sensitive information
 * about children, so the log stores ids and actions, never field text, comments or names.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { AuditEntryId, PersonId } from "./Ids.js"
import { Instant } from "./Time.js"

/**
 * Actions the log records.
 *
 * @category audit
 * @since 0.1.0
 */
export const AuditAction = Schema.Literal(
  "plan.read",
  "plan.create",
  "plan.updateHeader",
  "plan.updateField",
  "plan.delete",
  "plan.export",
  "assessment.create",
  "assessment.update",
  "assessment.delete",
  "entry.write",
  "template.create",
  "template.update",
  "template.delete",
  "gradingScale.create",
  "gradingScale.update",
  "gradingScale.delete",
  "document.upload",
  "document.read",
  "document.delete",
  "directory.import"
)
/** @category audit */
export type AuditAction = typeof AuditAction.Type

/**
 * One audit record. `targetId` is the id of the plan, assessment, entry (assessment/pupil) or
 * other resource acted on; `pupilId` is set when the resource belongs to a pupil.
 *
 * @category audit
 * @since 0.1.0
 */
export const AuditEntry = Schema.Struct({
  id: AuditEntryId,
  at: Instant,
  actorId: PersonId,
  action: AuditAction,
  targetId: Schema.String,
  pupilId: Schema.NullOr(PersonId)
})
/** @category audit */
export type AuditEntry = typeof AuditEntry.Type
