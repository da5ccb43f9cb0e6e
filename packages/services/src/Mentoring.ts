/**
 * The mentor's operations. The IUP page lists the mentees' current plans, archived plans and
 * assessments. The overview shows the latest level per pupil and course. Mentors also read
 * assessments of any period and create plans for selected or all mentees.
 *
 * @since 0.1.0
 */
import {
  type Actor,
  AssessmentStore,
  cellKey,
  type Course,
  type CourseId,
  decodeInput,
  Directory,
  EntryStore,
  excludeProtectedPupils,
  GradingScaleStore,
  mentorOverview,
  PersonId,
  PlanInput,
  PlanStore,
  TemplateStore,
  templatesOfferedToMentor
} from "@iupkit/core"
import { Context, Effect, Layer, Schema } from "effect"
import { type Bound, bindOperations } from "./internal/bind.js"
import { instantRange, type PeriodInput, resolveWindow } from "./internal/period.js"
import { openSession, type Session } from "./internal/session.js"
import {
  byName,
  byStartDescending,
  coursesById,
  courseSummaryOf,
  peopleById,
  planSummary,
  readableEntryViews,
  summaryOf
} from "./internal/views.js"
import { insertPlans } from "./internal/createPlans.js"
import type { MentorOverviewView, MentorPageView, OverviewCellView } from "./Views.js"

const decodeBulk = decodeInput(
  Schema.Struct({
    pupilIds: Schema.Union(Schema.Literal("all"), Schema.Array(PersonId).pipe(Schema.minItems(1, { message: () => "select at least one pupil" }))),
    plan: PlanInput
  })
)
const decodeIncluded = decodeInput(Schema.Array(PersonId), "includeProtectedPupilIds")

const menteesOf = (session: Session) =>
  Effect.flatMap(Directory, (directory) => directory.menteesOf(session.actor.personId, session.today))

const assessmentsOfMentees = (session: Session, pupilIds: ReadonlyArray<PersonId>, period: PeriodInput | undefined) =>
  Effect.gen(function*() {
    const window = yield* resolveWindow(session, period)
    if (pupilIds.length === 0) return { window, entries: [] }
    const store = yield* EntryStore
    const entries = yield* store.listByPupils(pupilIds, instantRange(session, window))
    return { window, entries: yield* readableEntryViews(session, entries) }
  })

const page = (actor: Actor, period?: PeriodInput) =>
  Effect.gen(function*() {
    const session = yield* openSession(actor)
    const menteeIds = yield* menteesOf(session)
    const people = yield* peopleById([session.actor.personId, ...menteeIds])
    const plans = menteeIds.length === 0 ? [] : yield* Effect.flatMap(PlanStore, (store) => store.listByPupils(menteeIds))
    const summaries = plans
      .map((plan) => planSummary(session, plan, summaryOf(people, plan.pupilId)))
      .toSorted(byStartDescending)
    const { entries, window } = yield* assessmentsOfMentees(session, menteeIds, period)
    const organisations = new Set<string>()
    yield* session.loadPupils(menteeIds)
    for (const pupilId of menteeIds) {
      for (const id of (yield* session.pupilFacts(pupilId)).organisationIds) organisations.add(id)
    }
    const templates = templatesOfferedToMentor(yield* Effect.flatMap(TemplateStore, (store) => store.list()), organisations)
    return {
      mentor: summaryOf(people, session.actor.personId),
      mentees: menteeIds.map((id) => summaryOf(people, id)).toSorted(byName),
      currentPlans: summaries.filter((plan) => !plan.archived),
      archivedPlans: summaries.filter((plan) => plan.archived),
      assessments: entries,
      window,
      templates: templates.map((template) => ({
        id: template.id,
        title: template.title,
        fieldHeadings: template.fields.map((field) => field.heading)
      }))
    } satisfies MentorPageView
  })

const assessments = (actor: Actor, period?: PeriodInput) =>
  Effect.gen(function*() {
    const session = yield* openSession(actor)
    return yield* assessmentsOfMentees(session, yield* menteesOf(session), period)
  })

const overview = (
  actor: Actor,
  options: { readonly period?: PeriodInput; readonly includeProtectedPupilIds?: ReadonlyArray<string> } = {}
) =>
  Effect.gen(function*() {
    const session = yield* openSession(actor)
    const included = new Set(yield* decodeIncluded(options.includeProtectedPupilIds ?? []))
    const window = yield* resolveWindow(session, options.period)
    const directory = yield* Directory
    const allMentees = yield* menteesOf(session)
    const people = yield* peopleById(allMentees)
    const { included: shown, leftOutCount } = excludeProtectedPupils(
      allMentees.map((pupilId) => ({ pupilId })),
      (pupilId) => people.get(pupilId)?.protection ?? "protectedRegistration",
      included
    )
    const pupilIds = shown.map((item) => item.pupilId)
    const coursesOfPupil = new Map<PersonId, ReadonlyArray<CourseId>>()
    // The courses come back whole, so the cells' course names need no second lookup per course.
    const knownCourses = new Map<CourseId, Course>()
    const membership = pupilIds.length === 0 ? new Map() : yield* directory.coursesOfPupils(pupilIds, session.today)
    for (const pupilId of pupilIds) {
      const courses: ReadonlyArray<Course> = membership.get(pupilId) ?? []
      for (const course of courses) knownCourses.set(course.id, course)
      coursesOfPupil.set(pupilId, courses.map((course) => course.id))
    }
    const courseIds = [...new Set([...coursesOfPupil.values()].flat())]
    const assessmentList = courseIds.length === 0
      ? []
      : yield* Effect.flatMap(AssessmentStore, (store) => store.listByCourses(courseIds))
    const entries = pupilIds.length === 0
      ? []
      : yield* Effect.flatMap(EntryStore, (store) => store.listByPupils(pupilIds, instantRange(session, window)))
    const scales = yield* Effect.flatMap(GradingScaleStore, (store) => store.list())
    const result = mentorOverview({
      pupilIds,
      coursesOfPupil,
      assessments: assessmentList,
      scales,
      entries,
      window,
      zone: session.config.timeZone
    })
    const missing = result.courseIds.filter((id) => !knownCourses.has(id))
    const courses = missing.length === 0 ? knownCourses : new Map([...knownCourses, ...(yield* coursesById(missing))])
    const cells: Array<OverviewCellView> = []
    for (const pupilId of result.pupilIds) {
      for (const courseId of result.courseIds) {
        const cell = result.cells.get(cellKey(pupilId, courseId))
        if (cell === undefined) continue
        cells.push(
          cell._tag === "level"
            ? { _tag: "level", pupilId, courseId, level: cell.level, stepIndex: cell.stepIndex, stepCount: cell.stepCount, editedAt: cell.editedAt }
            : { _tag: "unsupported", pupilId, courseId, support: cell.support, editedAt: cell.editedAt }
        )
      }
    }
    return {
      window,
      pupils: result.pupilIds.map((id) => summaryOf(people, id)).toSorted(byName),
      courses: result.courseIds.map((id) => courseSummaryOf(courses, id)),
      cells,
      unsupportedCourses: [...result.unsupportedCourses].map(([courseId, support]) => ({ courseId, support })),
      leftOutProtectedCount: leftOutCount
    } satisfies MentorOverviewView
  })

const createPlans = (
  actor: Actor,
  request: { readonly pupilIds: ReadonlyArray<string> | "all"; readonly plan: typeof PlanInput.Encoded }
) =>
  Effect.gen(function*() {
    const decoded = yield* decodeBulk(request)
    const session = yield* openSession(actor)
    const pupilIds = decoded.pupilIds === "all" ? yield* menteesOf(session) : decoded.pupilIds
    if (pupilIds.length === 0) return { plans: [], warnings: [] }
    return yield* insertPlans(session, pupilIds, decoded.plan)
  })

const mentoringOperations = {
  /** The IUP page: current plans, archived plans and the mentees' assessments (default: last four months). */
  page,
  /** The mentees' assessment entries of a chosen period (default: the last four months). */
  assessments,
  /** Mentees against courses with the latest level per cell; protected pupils only when named. */
  overview,
  /** One plan per selected mentee, or per mentee with "all", in one all-or-nothing request. */
  createPlans
}

/**
 * Mentor operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface MentoringService extends Bound<typeof mentoringOperations> {}

/**
 * Tag of the mentor operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Mentoring extends Context.Tag("iupkit/Mentoring")<Mentoring, MentoringService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Mentoring, bindOperations(mentoringOperations))
}

