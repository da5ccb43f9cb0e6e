/**
 * Tagged errors of the IUP domain. Each carries the values a caller needs to act on it and builds
 * its message from them; none knows about HTTP, so hosts map tags to status codes in one place.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Shortens a rejected value for an error message, so a 20,000-character comment does not flood
 * logs or responses.
 *
 * @category errors
 * @since 0.1.0
 */
export const shortenValue = (value: unknown, max = 60): string => {
  const text = typeof value === "string" ? value : safeStringify(value)
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}… (${chars.length} characters)`
}

const safeStringify = (value: unknown): string => {
  try {
    const json = JSON.stringify(value)
    return json === undefined ? String(value) : json
  } catch {
    return String(value)
  }
}

/**
 * Input broke a rule: names the field (a dotted path), the rejected value (shortened) and the rule.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidInputError extends Schema.TaggedError<InvalidInputError>("iupkit/InvalidInputError")(
  "InvalidInputError",
  {
    field: Schema.String,
    value: Schema.String,
    rule: Schema.String
  }
) {
  override get message(): string {
    return `Invalid ${this.field || "input"}: ${this.rule} (got ${this.value})`
  }

  /** Builds the error from a raw value, shortening it. */
  static of(field: string, value: unknown, rule: string): InvalidInputError {
    return new InvalidInputError({ field, value: shortenValue(value), rule })
  }
}

/**
 * The kinds of resource an error can name.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourceKind = Schema.Literal(
  "plan",
  "planField",
  "template",
  "gradingScale",
  "assessment",
  "assessmentEntry",
  "document",
  "person",
  "organisation",
  "course"
)
/** @category errors */
export type ResourceKind = typeof ResourceKind.Type

/**
 * The resource does not exist, or the actor may not read it. Both cases produce the same error,
 * so ids of other pupils' resources reveal nothing.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>("iupkit/NotFoundError")("NotFoundError", {
  kind: ResourceKind,
  id: Schema.String
}) {
  override get message(): string {
    return `No ${this.kind} with id ${this.id} was found`
  }
}

/**
 * The actor may read the resource but may not perform this action on it.
 *
 * @category errors
 * @since 0.1.0
 */
export class ForbiddenError extends Schema.TaggedError<ForbiddenError>("iupkit/ForbiddenError")("ForbiddenError", {
  kind: ResourceKind,
  id: Schema.String,
  action: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Not allowed to ${this.action} ${this.kind} ${this.id}: ${this.reason}`
  }
}

/**
 * A write named a version that is no longer current. Carries the current value and version so the
 * caller can show them and retry; nothing was written.
 *
 * @category errors
 * @since 0.1.0
 */
export class VersionConflictError extends Schema.TaggedError<VersionConflictError>("iupkit/VersionConflictError")(
  "VersionConflictError",
  {
    kind: ResourceKind,
    id: Schema.String,
    expectedVersion: Schema.NullOr(Schema.Number),
    currentVersion: Schema.NullOr(Schema.Number),
    currentValue: Schema.Unknown
  }
) {
  override get message(): string {
    const expected = this.expectedVersion === null ? "new" : `version ${this.expectedVersion}`
    const current = this.currentVersion === null ? "it does not exist yet" : `it is at version ${this.currentVersion}`
    return `Conflict on ${this.kind} ${this.id}: the write expected ${expected} but ${current}; reload and try again`
  }
}

/**
 * An export or print asked for more plans than one batch allows.
 *
 * @category errors
 * @since 0.1.0
 */
export class ExportLimitExceededError extends Schema.TaggedError<ExportLimitExceededError>(
  "iupkit/ExportLimitExceededError"
)("ExportLimitExceededError", {
  requested: Schema.Number,
  limit: Schema.Number
}) {
  override get message(): string {
    return `An export holds at most ${this.limit} plans, but ${this.requested} were requested; split the selection into batches of ${this.limit}`
  }
}

/**
 * Organisation- or site-wide plan creation found pupils who have no mentor today.
 *
 * @category errors
 * @since 0.1.0
 */
export class PupilsWithoutMentorError extends Schema.TaggedError<PupilsWithoutMentorError>(
  "iupkit/PupilsWithoutMentorError"
)("PupilsWithoutMentorError", {
  pupilIds: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `${this.pupilIds.length} pupil(s) have no mentor: ${this.pupilIds.join(", ")}; assign mentors or ask to skip these pupils`
  }
}

/**
 * A storage adapter failed for a reason other than a domain rule (connection, constraint, driver).
 *
 * @category errors
 * @since 0.1.0
 */
export class StorageError extends Schema.TaggedError<StorageError>("iupkit/StorageError")("StorageError", {
  operation: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Storage operation ${this.operation} failed: ${this.reason}`
  }
}
