/**
 * Written assessments (skriftliga omdömen) and their per-pupil entries. An entry is stored on its
 * first write and has its own version. What places an entry in time is its last edit: an autumn
 * assessment edited in February belongs with the spring plan.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { InvalidInputError, VersionConflictError } from "./Errors.js"
import type { GradingScale } from "./GradingScale.js"
import { AssessmentId, CourseId, GradingScaleId, PersonId } from "./Ids.js"
import { BodyText, Title } from "./Text.js"
import { Instant } from "./Time.js"
import { initialVersion, nextVersion, Version } from "./Version.js"

/**
 * What a teacher submits to create an assessment.
 *
 * @category assessments
 * @since 0.1.0
 */
export const AssessmentInput = Schema.Struct({
  courseId: CourseId,
  title: Title,
  /** Null means "Ingen bedömning": free text without levels. */
  gradingScaleId: Schema.NullOr(GradingScaleId),
  visibleToPupils: Schema.Boolean,
  selfAssessmentEnabled: Schema.Boolean
})
/** @category assessments */
export type AssessmentInput = typeof AssessmentInput.Type

/**
 * A stored assessment in one course.
 *
 * @category assessments
 * @since 0.1.0
 */
export const Assessment = Schema.Struct({
  id: AssessmentId,
  courseId: CourseId,
  title: Title,
  gradingScaleId: Schema.NullOr(GradingScaleId),
  visibleToPupils: Schema.Boolean,
  selfAssessmentEnabled: Schema.Boolean,
  createdBy: PersonId,
  createdAt: Instant,
  updatedAt: Instant,
  version: Version
})
/** @category assessments */
export type Assessment = typeof Assessment.Type

/**
 * A pupil's own judgement in a course: a level on the assessment's scale and a text.
 *
 * @category assessments
 * @since 0.1.0
 */
export const SelfAssessment = Schema.Struct({
  level: Schema.NullOr(Schema.String),
  comment: BodyText
})
/** @category assessments */
export type SelfAssessment = typeof SelfAssessment.Type

/**
 * One pupil's entry in an assessment.
 *
 * @category assessments
 * @since 0.1.0
 */
export const AssessmentEntry = Schema.Struct({
  assessmentId: AssessmentId,
  pupilId: PersonId,
  level: Schema.NullOr(Schema.String),
  comment: BodyText,
  selfAssessment: Schema.NullOr(SelfAssessment),
  lastEditedAt: Instant,
  lastEditedBy: PersonId,
  version: Version
})
/** @category assessments */
export type AssessmentEntry = typeof AssessmentEntry.Type

/**
 * A change to one entry. Omitted parts keep their value. `expectedVersion` is the version the
 * writer read, or null for an entry never written.
 *
 * @category assessments
 * @since 0.1.0
 */
export const EntryWrite = Schema.Struct({
  assessmentId: AssessmentId,
  pupilId: PersonId,
  expectedVersion: Schema.NullOr(Version),
  level: Schema.optional(Schema.NullOr(Schema.String)),
  comment: Schema.optional(BodyText),
  selfAssessment: Schema.optional(SelfAssessment)
})
/** @category assessments */
export type EntryWrite = typeof EntryWrite.Type

/**
 * Applies a write to the current entry (undefined when never written) at `editedAt` by `editedBy`.
 * Fails with a conflict carrying the current entry when the named version is stale. Every write,
 * including a self-assessment, moves the last edit time.
 *
 * @category assessments
 * @since 0.1.0
 */
export const applyEntryWrite = (
  current: AssessmentEntry | undefined,
  write: EntryWrite,
  editedAt: Instant,
  editedBy: PersonId
): Either.Either<AssessmentEntry, VersionConflictError> => {
  const currentVersion = current?.version ?? null
  if (currentVersion !== write.expectedVersion) {
    return Either.left(
      new VersionConflictError({
        kind: "assessmentEntry",
        id: entryKey(write.assessmentId, write.pupilId),
        expectedVersion: write.expectedVersion,
        currentVersion,
        currentValue: current ?? null
      })
    )
  }
  return Either.right({
    assessmentId: write.assessmentId,
    pupilId: write.pupilId,
    level: write.level !== undefined ? write.level : (current?.level ?? null),
    comment: write.comment ?? current?.comment ?? "",
    selfAssessment: write.selfAssessment ?? current?.selfAssessment ?? null,
    lastEditedAt: editedAt,
    lastEditedBy: editedBy,
    version: current === undefined ? initialVersion : nextVersion(current.version)
  })
}

/**
 * The key of an entry in errors and logs: assessment and pupil ids joined by a slash.
 *
 * @category assessments
 * @since 0.1.0
 */
export const entryKey = (assessmentId: string, pupilId: string): string => `${assessmentId}/${pupilId}`

/**
 * Checks that the levels of a write belong to the assessment's scale; an assessment without a
 * scale takes no level.
 *
 * @category assessments
 * @since 0.1.0
 */
export const validateEntryLevels = (
  write: EntryWrite,
  scale: Pick<GradingScale, "steps"> | null
): Either.Either<EntryWrite, InvalidInputError> => {
  const check = (field: string, level: string | null | undefined): InvalidInputError | undefined => {
    if (level === undefined || level === null) return undefined
    if (scale === null) return InvalidInputError.of(field, level, "this assessment has no grading scale, so it takes no level")
    if (!scale.steps.includes(level)) {
      return InvalidInputError.of(field, level, `must be one of the scale's steps: ${scale.steps.join(", ")}`)
    }
    return undefined
  }
  const error = check("level", write.level) ?? check("selfAssessment.level", write.selfAssessment?.level)
  return error === undefined ? Either.right(write) : Either.left(error)
}

// A term is HT or VT (any case) or the spelled-out term, then a 2- or 4-digit year with an
// optional space or hyphen. Letters or digits on either side break the match.
const termPattern = /(?<![\p{L}\p{N}])(?:ht|vt|höstterminen|vårterminen)[ -]?(?:\d{4}|\d{2})(?![\p{L}\p{N}])/iu

/**
 * The pattern that recognises a term and year in an assessment title, such as "HT20", "ht-2020",
 * "VT 2021" or "Vårterminen 2021".
 *
 * @category assessments
 * @since 0.1.0
 */
export const titleTermPattern: RegExp = termPattern

/**
 * Whether a title names a term and year. Nothing locks an assessment to a term, so a title
 * without one earns a warning, not a rejection.
 *
 * @category assessments
 * @since 0.1.0
 */
export const titleNamesTerm = (title: string): boolean => termPattern.test(title.normalize("NFC"))

/**
 * A warning that does not stop an operation.
 *
 * @category warnings
 * @since 0.1.0
 */
export type Warning =
  | { readonly _tag: "TitleNamesNoTerm"; readonly title: string }
  | { readonly _tag: "PlanOverlap"; readonly pupilId: string; readonly planId: string; readonly otherPlanIds: ReadonlyArray<string> }

/**
 * The warnings for an assessment title.
 *
 * @category assessments
 * @since 0.1.0
 */
export const titleWarnings = (title: string): ReadonlyArray<Warning> =>
  titleNamesTerm(title) ? [] : [{ _tag: "TitleNamesNoTerm", title }]
