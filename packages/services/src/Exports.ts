/**
 * Exports of up to 100 plans as the renderers print them. Pupils under a protection marking are
 * left out unless named, and larger selections are split into batches. Also the assessment
 * entries of a course or of the mentor's group, for data exports (CSV, JSON).
 *
 * @since 0.1.0
 */
import {
  type Actor,
  canExportPlans,
  canManageAssessments,
  checkExportSize,
  CourseId,
  decodeInput,
  Directory,
  EntryStore,
  excludeProtectedPupils,
  exportBatches,
  exportLimit,
  PersonId,
  PlanId
} from "@iupkit/core"
import { Context, Effect, Either, Layer, Option, Schema } from "effect"
import { type Bound, bindOperations } from "./internal/bind.js"
import { instantRange, type PeriodInput, resolveWindow } from "./internal/period.js"
import { readablePlansById } from "./internal/plans.js"
import { forbidden, notFound, openSession } from "./internal/session.js"
import { peopleById, planViews, readableEntryViews, summaryOf } from "./internal/views.js"
import type { EntryView, ExportView } from "./Views.js"

const decodeExport = decodeInput(
  Schema.Struct({
    planIds: Schema.Array(PlanId),
    includeProtectedPupilIds: Schema.optionalWith(Schema.Array(PersonId), { default: () => [] })
  })
)
const EntrySource = Schema.Union(
    Schema.TaggedStruct("course", { courseId: CourseId }),
    Schema.TaggedStruct("mentees", {})
)
const decodeEntrySource = decodeInput(EntrySource, "source")

const exportPlans = (
  actor: Actor,
  request: { readonly planIds: ReadonlyArray<string>; readonly includeProtectedPupilIds?: ReadonlyArray<string> }
) =>
  Effect.gen(function*() {
    const decoded = yield* decodeExport(request)
    const planIds = [...new Set(decoded.planIds)]
    yield* Either.match(checkExportSize(planIds), { onLeft: Effect.fail, onRight: () => Effect.void })
    const session = yield* openSession(actor)
    const selected = yield* readablePlansById(session, planIds, (readable) =>
      canExportPlans(readable.relations)
        ? Effect.succeed({ ...readable, pupilId: readable.plan.pupilId })
        : Effect.fail(forbidden("plan", readable.plan.id, "export", "mentors export their mentees' plans, administrators those in their scope")))
    const people = yield* peopleById([session.actor.personId, ...selected.map((item) => item.pupilId)])
    const { included, leftOutCount } = excludeProtectedPupils(
      selected,
      (pupilId) => people.get(pupilId)?.protection ?? "protectedRegistration",
      new Set(decoded.includeProtectedPupilIds)
    )
    const plans = yield* planViews(
      session,
      included.map(({ plan, relations }) => ({ plan, relations, pupil: summaryOf(people, plan.pupilId) })),
      "plan.export",
      people
    )
    return {
      exportedBy: summaryOf(people, session.actor.personId),
      exportedAt: session.now,
      plans,
      leftOutProtectedCount: leftOutCount
    } satisfies ExportView
  })

const assessmentEntries = (actor: Actor, source: typeof EntrySource.Encoded, period?: PeriodInput) =>
  Effect.gen(function*() {
    const decoded = yield* decodeEntrySource(source)
    const session = yield* openSession(actor)
    const window = yield* resolveWindow(session, period)
    const directory = yield* Directory
    let pupilIds: ReadonlyArray<PersonId>
    let courseFilter: CourseId | undefined
    if (decoded._tag === "course") {
      const course = yield* directory.course(decoded.courseId)
      if (Option.isNone(course)) return yield* Effect.fail(notFound("course", decoded.courseId))
      pupilIds = yield* directory.pupilsOfCourse(decoded.courseId, session.today)
      courseFilter = decoded.courseId
      yield* session.loadPupils(pupilIds)
      const related = yield* Effect.forEach(pupilIds, (pupilId) => session.relationsTo(pupilId))
      const teaches = canManageAssessments(session.actor, decoded.courseId)
      if (!teaches && related.every((relations) => relations.size === 0)) {
        return yield* Effect.fail(notFound("course", decoded.courseId))
      }
    } else {
      pupilIds = yield* directory.menteesOf(session.actor.personId, session.today)
    }
    if (pupilIds.length === 0) return { window, entries: [] as ReadonlyArray<EntryView> }
    const store = yield* EntryStore
    const entries = yield* readableEntryViews(session, yield* store.listByPupils(pupilIds, instantRange(session, window)))
    return {
      window,
      entries: courseFilter === undefined ? entries : entries.filter((entry) => entry.course.id === courseFilter)
    }
  })

const exportOperations = {
  /**
   * At most 100 plans as the renderers print them, each showing what the exporter may read.
   * Pupils with a protection marking are left out unless named in `includeProtectedPupilIds`;
   * `leftOutProtectedCount` gives how many. Every exported plan is audited.
   */
  exportPlans,
  /**
   * The readable assessment entries of a course (`{ _tag: "course", courseId }`) or of the
   * actor's mentees (`{ _tag: "mentees" }`) edited within a period (default: the last four months).
   */
  assessmentEntries,
  /** Splits a selection of plan ids into batches of at most 100. */
  batches: (planIds: ReadonlyArray<string>) => Effect.sync(() => exportBatches(planIds, exportLimit))
}

/**
 * Export operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface ExportsService extends Bound<typeof exportOperations> {}

/**
 * Tag of the export operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Exports extends Context.Tag("iupkit/Exports")<Exports, ExportsService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Exports, bindOperations(exportOperations))
}
