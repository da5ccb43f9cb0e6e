/**
 * Turns the bodies of the pages' POST forms into the requests the services take. The field names
 * are the pages' contract, so hosts do not repeat them: parse the urlencoded body with the
 * framework's usual parser and pass the resulting record here. Only the form's own structure is
 * checked (versions, required fields); the services validate the values.
 *
 * @since 0.1.0
 */
import { InvalidInputError } from "@iupkit/core"
import { Either } from "effect"

/**
 * A parsed `application/x-www-form-urlencoded` body: repeated names give arrays.
 *
 * @category forms
 * @since 0.1.0
 */
export type FormBody = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

const values = (body: FormBody, name: string): ReadonlyArray<string> => {
  const value = body[name]
  return value === undefined ? [] : typeof value === "string" ? [value] : value
}

// A field sent twice (e.g. by a tampered form) keeps its last value, as browsers' own parsers do.
const single = (body: FormBody, name: string): string | undefined => values(body, name).at(-1)

const required = (body: FormBody, name: string): Either.Either<string, InvalidInputError> => {
  const value = single(body, name)
  return value === undefined ? Either.left(InvalidInputError.of(name, value, "is missing from the form")) : Either.right(value)
}

const emptyAsNull = (value: string | undefined): string | null => (value === undefined || value === "" ? null : value)

/**
 * The rule a checkbox value breaks. The pages' boxes send "true", a box without a value attribute
 * sends "on", and an unchecked box sends nothing.
 *
 * @category forms
 * @since 0.1.0
 */
export const checkboxRule = 'is a checkbox and must be "true" or "on" when checked, or absent when unchecked'

// Any other value is a tampered or foreign form, so it fails instead of silently counting as unchecked.
const checked = (body: FormBody, name: string): Either.Either<boolean, InvalidInputError> => {
  const value = single(body, name)
  if (value === undefined) return Either.right(false)
  return value === "true" || value === "on" ? Either.right(true) : Either.left(InvalidInputError.of(name, value, checkboxRule))
}

/** Reads a version field: a whole number from 1, or "new" (null) where a form allows it. */
const versionField = (
  body: FormBody,
  name: string,
  allowNew: boolean
): Either.Either<number | null, InvalidInputError> =>
  Either.flatMap(required(body, name), (text) => {
    if (allowNew && text === "new") return Either.right(null)
    return /^[1-9]\d{0,14}$/.test(text)
      ? Either.right(Number(text))
      : Either.left(InvalidInputError.of(name, text, allowNew ? "must be a version number or \"new\"" : "must be a version number"))
  })

const knownVersion = (body: FormBody, name = "version") =>
  versionField(body, name, false) as Either.Either<number, InvalidInputError>

/**
 * Reads the bulk-create form as the mentoring service's `createPlans` request. "all" selects every
 * mentee; otherwise the checked pupils.
 *
 * @category forms
 * @since 0.1.0
 */
export const bulkCreateRequest = (body: FormBody) =>
  Either.gen(function*() {
    const selection = single(body, "selection") ?? "chosen"
    if (selection !== "all" && selection !== "chosen") {
      return yield* Either.left(InvalidInputError.of("selection", selection, "must be \"all\" or \"chosen\""))
    }
    return {
      pupilIds: selection === "all" ? ("all" as const) : values(body, "pupilIds"),
      plan: {
        templateId: yield* required(body, "templateId"),
        title: yield* required(body, "title"),
        startDate: yield* required(body, "startDate"),
        endDate: emptyAsNull(single(body, "endDate"))
      }
    }
  })

/**
 * Reads the plan header form as `expectedVersion` and the patch for the plans service's
 * `updateHeader`. The form of an archived plan carries no title, and its patch holds only the end
 * date, the one change an archived plan accepts.
 *
 * @category forms
 * @since 0.1.0
 */
export const planHeaderRequest = (body: FormBody) =>
  Either.gen(function*() {
    const expectedVersion = yield* knownVersion(body)
    const endDate = emptyAsNull(single(body, "endDate"))
    if (single(body, "title") === undefined) return { expectedVersion, patch: { endDate } }
    return {
      expectedVersion,
      patch: {
        title: yield* required(body, "title"),
        startDate: yield* required(body, "startDate"),
        endDate,
        published: yield* checked(body, "published")
      }
    }
  })

/**
 * Reads a plan field form as the plans service's `updateField` request.
 *
 * @category forms
 * @since 0.1.0
 */
export const fieldWriteRequest = (body: FormBody, planId: string, fieldId: string) =>
  Either.gen(function*() {
    return { planId, fieldId, expectedVersion: yield* knownVersion(body), value: yield* required(body, "value") }
  })

/**
 * Reads a row of the entry grid as the teaching service's `writeEntry` request. The level is left out
 * when the assessment has no scale, and an empty choice clears it.
 *
 * @category forms
 * @since 0.1.0
 */
export const entryWriteRequest = (body: FormBody, assessmentId: string, pupilId: string) =>
  Either.gen(function*() {
    const level = single(body, "level")
    const comment = single(body, "comment")
    return {
      assessmentId,
      pupilId,
      expectedVersion: yield* versionField(body, "version", true),
      ...(level === undefined ? {} : { level: emptyAsNull(level) }),
      ...(comment === undefined ? {} : { comment })
    }
  })

/**
 * Reads the set-one-level form as the teaching service's `setLevelForPupils` request: each checked
 * pupil with the entry version its row was rendered with.
 *
 * @category forms
 * @since 0.1.0
 */
export const levelsRequest = (body: FormBody, assessmentId: string) =>
  Either.gen(function*() {
    const pupilIds = [...new Set(values(body, "pupilIds"))]
    const entries: Array<{ readonly pupilId: string; readonly expectedVersion: number | null }> = []
    for (const pupilId of pupilIds) {
      entries.push({ pupilId, expectedVersion: yield* versionField(body, `version.${pupilId}`, true) })
    }
    return { assessmentId, level: emptyAsNull(single(body, "level")), entries }
  })

/**
 * Reads the course-wide settings form as `expectedVersion` and the patch for the teaching service's
 * `updateAssessment`.
 *
 * @category forms
 * @since 0.1.0
 */
export const assessmentSettingsRequest = (body: FormBody) =>
  Either.gen(function*() {
    return {
      expectedVersion: yield* knownVersion(body),
      patch: {
        title: yield* required(body, "title"),
        visibleToPupils: yield* checked(body, "visibleToPupils"),
        selfAssessmentEnabled: yield* checked(body, "selfAssessmentEnabled")
      }
    }
  })

/**
 * Reads the new-assessment form as the teaching service's `createAssessment` request.
 *
 * @category forms
 * @since 0.1.0
 */
export const newAssessmentRequest = (body: FormBody, courseId: string) =>
  Either.gen(function*() {
    return {
      courseId,
      title: yield* required(body, "title"),
      gradingScaleId: emptyAsNull(single(body, "gradingScaleId")),
      visibleToPupils: yield* checked(body, "visibleToPupils"),
      selfAssessmentEnabled: yield* checked(body, "selfAssessmentEnabled")
    }
  })

/**
 * Reads the pupil's self-assessment form as the pupils service's `selfAssess` request.
 *
 * @category forms
 * @since 0.1.0
 */
export const selfAssessmentRequest = (body: FormBody, assessmentId: string) =>
  Either.gen(function*() {
    return {
      assessmentId,
      expectedVersion: yield* versionField(body, "version", true),
      level: emptyAsNull(single(body, "level")),
      comment: single(body, "comment") ?? ""
    }
  })

/**
 * Reads the plan selection of the mentor page as the exports service's `exportPlans` request.
 *
 * @category forms
 * @since 0.1.0
 */
export const planSelectionRequest = (body: FormBody) => ({ planIds: [...new Set(values(body, "planIds"))] })
