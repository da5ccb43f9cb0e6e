/**
 * The mentor's assessments overview: mentees against their courses, showing the level of the most
 * recently edited entry per pupil and course within a window (by default the last four months).
 * Only scales of 2, 3 or 6 steps can be shown; for any other, the cell says why instead.
 *
 * @since 0.1.0
 */
import { DateTime } from "effect"
import type { Assessment, AssessmentEntry } from "./Assessment.js"
import { type GradingScale, type OverviewSupport, overviewSupport, stepIndex } from "./GradingScale.js"
import type { AssessmentId, CourseId, PersonId } from "./Ids.js"
import type { LocalDate } from "./LocalDate.js"
import { defaultTimeZone, localDateOf } from "./Time.js"

/**
 * One cell of the overview.
 *
 * @category overview
 * @since 0.1.0
 */
export type OverviewCell =
  | {
    readonly _tag: "level"
    readonly assessmentId: AssessmentId
    /** Null when the latest entry holds only a comment. */
    readonly level: string | null
    /** 0 is the lowest step; null when no level is set. */
    readonly stepIndex: number | null
    readonly stepCount: number
    readonly editedAt: DateTime.Utc
  }
  | {
    readonly _tag: "unsupported"
    readonly assessmentId: AssessmentId
    readonly support: Exclude<OverviewSupport, { readonly _tag: "supported" }>
    readonly editedAt: DateTime.Utc
  }

/**
 * The overview: rows of pupils, columns of courses, and a cell where a pupil has an entry in the
 * window. A course whose latest entries use an unsupported scale carries the reason.
 *
 * @category overview
 * @since 0.1.0
 */
export interface MentorOverview {
  readonly window: { readonly start: LocalDate; readonly end: LocalDate }
  readonly pupilIds: ReadonlyArray<PersonId>
  readonly courseIds: ReadonlyArray<CourseId>
  readonly cells: ReadonlyMap<string, OverviewCell>
  /** Courses where at least one shown cell has an unsupported scale, with the latest reason. */
  readonly unsupportedCourses: ReadonlyMap<CourseId, Exclude<OverviewSupport, { readonly _tag: "supported" }>>
}

/**
 * The key of a cell in {@link MentorOverview.cells}.
 *
 * @category overview
 * @since 0.1.0
 */
export const cellKey = (pupilId: string, courseId: string): string => `${pupilId}|${courseId}`

const later = (a: AssessmentEntry, b: AssessmentEntry): boolean => {
  const difference = DateTime.toEpochMillis(a.lastEditedAt) - DateTime.toEpochMillis(b.lastEditedAt)
  // Ties (two entries edited in the same millisecond) fall back to ids so the result is stable.
  return difference !== 0 ? difference > 0 : a.assessmentId > b.assessmentId
}

/**
 * Builds the overview for the given pupils and their courses. Entries of other pupils, of courses
 * not listed, or edited outside the window are ignored.
 *
 * @category overview
 * @since 0.1.0
 */
export const mentorOverview = (args: {
  readonly pupilIds: ReadonlyArray<PersonId>
  /** The courses of each pupil; the columns are their union. */
  readonly coursesOfPupil: ReadonlyMap<PersonId, ReadonlyArray<CourseId>>
  readonly assessments: ReadonlyArray<Pick<Assessment, "id" | "courseId" | "gradingScaleId">>
  readonly scales: ReadonlyArray<Pick<GradingScale, "id" | "steps">>
  readonly entries: ReadonlyArray<AssessmentEntry>
  readonly window: { readonly start: LocalDate; readonly end: LocalDate }
  readonly zone?: DateTime.TimeZone
}): MentorOverview => {
  const zone = args.zone ?? defaultTimeZone
  const assessments = new Map(args.assessments.map((assessment) => [assessment.id, assessment]))
  const scales = new Map(args.scales.map((scale) => [scale.id, scale]))
  const pupils = new Set(args.pupilIds)
  const courseIds = [...new Set(args.pupilIds.flatMap((pupilId) => args.coursesOfPupil.get(pupilId) ?? []))]
  const memberOf = new Set(
    args.pupilIds.flatMap((pupilId) => (args.coursesOfPupil.get(pupilId) ?? []).map((courseId) => cellKey(pupilId, courseId)))
  )

  const latest = new Map<string, AssessmentEntry>()
  for (const entry of args.entries) {
    const assessment = assessments.get(entry.assessmentId)
    if (assessment === undefined || !pupils.has(entry.pupilId)) continue
    const key = cellKey(entry.pupilId, assessment.courseId)
    if (!memberOf.has(key)) continue
    const day = localDateOf(entry.lastEditedAt, zone)
    if (day < args.window.start || day > args.window.end) continue
    const current = latest.get(key)
    if (current === undefined || later(entry, current)) latest.set(key, entry)
  }

  const cells = new Map<string, OverviewCell>()
  const unsupportedCourses = new Map<CourseId, Exclude<OverviewSupport, { readonly _tag: "supported" }>>()
  const unsupportedSince = new Map<CourseId, number>()
  for (const [key, entry] of latest) {
    const assessment = assessments.get(entry.assessmentId)!
    const scale = assessment.gradingScaleId === null ? null : (scales.get(assessment.gradingScaleId) ?? null)
    const support = overviewSupport(scale)
    if (support._tag === "supported" && scale !== null) {
      const index = entry.level === null ? -1 : stepIndex(scale, entry.level)
      cells.set(key, {
        _tag: "level",
        assessmentId: entry.assessmentId,
        level: index < 0 ? null : entry.level,
        stepIndex: index < 0 ? null : index,
        stepCount: support.stepCount,
        editedAt: entry.lastEditedAt
      })
    } else if (support._tag !== "supported") {
      cells.set(key, { _tag: "unsupported", assessmentId: entry.assessmentId, support, editedAt: entry.lastEditedAt })
      const editedAt = DateTime.toEpochMillis(entry.lastEditedAt)
      if ((unsupportedSince.get(assessment.courseId) ?? -Infinity) < editedAt) {
        unsupportedSince.set(assessment.courseId, editedAt)
        unsupportedCourses.set(assessment.courseId, support)
      }
    }
  }
  return { window: args.window, pupilIds: [...pupils], courseIds, cells, unsupportedCourses }
}
