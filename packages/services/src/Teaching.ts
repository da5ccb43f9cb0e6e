/**
 * The teacher's course page and assessments. Teachers create, edit, retitle and delete
 * assessments in the courses they teach, write a level and comment per pupil (autosave), and set
 * one level for several pupils at once. The course page also lists the current published plans
 * of the course's pupils.
 *
 * @since 0.1.0
 */
import {
  type Actor,
  type Assessment,
  AssessmentId,
  AssessmentInput,
  AssessmentStore,
  canManageAssessments,
  CourseId,
  decodeInput,
  Directory,
  EntryStore,
  type EntryWrite,
  entryKey,
  type GradingScale,
  GradingScaleId,
  GradingScaleStore,
  IdGenerator,
  initialVersion,
  InvalidInputError,
  PersonId,
  BodyText,
  Title,
  titleWarnings,
  Transactor,
  validateEntryLevels,
  Version
} from "@iupkit/core"
import { Context, Effect, Either, Layer, Option, Schema } from "effect"
import { visibleAssessment } from "./internal/assessments.js"
import { type Bound, bindOperations } from "./internal/bind.js"
import { readablePlansOf } from "./internal/plans.js"
import { audit, forbidden, notFound, openSession, type Session } from "./internal/session.js"
import {
  byName,
  coursesById,
  courseSummary,
  entryView,
  peopleById,
  planSummary,
  scalesById,
  scaleView,
  summaryOf
} from "./internal/views.js"
import type { CourseAssessmentView, CoursePageView, EntryView } from "./Views.js"

const decodeCourseId = decodeInput(CourseId, "courseId")
const decodeAssessmentId = decodeInput(AssessmentId, "assessmentId")
const decodeVersion = decodeInput(Version, "expectedVersion")
const decodeAssessmentInput = decodeInput(AssessmentInput, "assessment")
const AssessmentPatchInput = Schema.Struct({
    title: Schema.optionalWith(Title, { exact: true }),
    gradingScaleId: Schema.optionalWith(Schema.NullOr(GradingScaleId), { exact: true }),
    visibleToPupils: Schema.optionalWith(Schema.Boolean, { exact: true }),
    selfAssessmentEnabled: Schema.optionalWith(Schema.Boolean, { exact: true })
})
const decodeAssessmentPatch = decodeInput(AssessmentPatchInput, "patch")
const TeacherEntryWrite = Schema.Struct({
    assessmentId: AssessmentId,
    pupilId: PersonId,
    expectedVersion: Schema.NullOr(Version),
    level: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true }),
    comment: Schema.optionalWith(BodyText, { exact: true })
})
const decodeEntryWrite = decodeInput(TeacherEntryWrite, "entry")
const BulkLevelWrite = Schema.Struct({
    assessmentId: AssessmentId,
    level: Schema.NullOr(Schema.String),
    entries: Schema.Array(Schema.Struct({ pupilId: PersonId, expectedVersion: Schema.NullOr(Version) })).pipe(
      Schema.minItems(1, { message: () => "select at least one pupil" })
    )
})
const decodeBulkLevel = decodeInput(BulkLevelWrite, "levels")

/** A course the actor teaches; not found for anyone else. */
const taughtCourse = (session: Session, courseId: CourseId) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const course = yield* directory.course(courseId)
    if (Option.isNone(course) || !canManageAssessments(session.actor, courseId)) {
      return yield* Effect.fail(notFound("course", courseId))
    }
    return course.value
  })

/** An assessment the actor teaches; not found when it may not read it, forbidden when it only reads it. */
const managedAssessment = (session: Session, id: AssessmentId, action: string) =>
  Effect.gen(function*() {
    const assessment = yield* visibleAssessment(session, id)
    if (!canManageAssessments(session.actor, assessment.courseId)) {
      return yield* Effect.fail(forbidden("assessment", id, action, "only the course's teachers change its assessments"))
    }
    return assessment
  })

const scaleOf = (id: GradingScaleId | null) =>
  Effect.gen(function*() {
    if (id === null) return null
    const store = yield* GradingScaleStore
    const scale = yield* store.get(id)
    if (Option.isNone(scale)) return yield* Effect.fail(notFound("gradingScale", id))
    return scale.value
  })

const coursePage = (actor: Actor, courseId: string) =>
  Effect.gen(function*() {
    const id = yield* decodeCourseId(courseId)
    const session = yield* openSession(actor)
    const course = yield* taughtCourse(session, id)
    const directory = yield* Directory
    const pupilIds = yield* directory.pupilsOfCourse(id, session.today)
    const assessmentStore = yield* AssessmentStore
    const assessments = (yield* assessmentStore.listByCourses([id]))
      .toSorted((a, b) => b.createdAt.epochMillis - a.createdAt.epochMillis)
    const entryStore = yield* EntryStore
    const entries = assessments.length === 0 ? [] : yield* entryStore.listByAssessments(assessments.map((a) => a.id))
    const scales = yield* scalesById()
    const people = yield* peopleById([...pupilIds, ...entries.map((entry) => entry.pupilId)])
    const courses = new Map([[course.id, course]])
    const pupils = pupilIds
      .map((pupilId) => summaryOf(people, pupilId))
      .toSorted(byName)
    const plans = (yield* readablePlansOf(session, pupilIds))
      .filter((plan) => plan.published)
      .map((plan) => planSummary(session, plan, summaryOf(people, plan.pupilId)))
      .filter((plan) => !plan.archived)
    const assessmentViews: Array<CourseAssessmentView> = assessments.map((assessment) => {
      const scale = assessment.gradingScaleId === null ? undefined : scales.get(assessment.gradingScaleId)
      return {
        id: assessment.id,
        title: assessment.title,
        scale: scale === undefined ? null : scaleView(scale),
        visibleToPupils: assessment.visibleToPupils,
        selfAssessmentEnabled: assessment.selfAssessmentEnabled,
        version: assessment.version,
        warnings: titleWarnings(assessment.title),
        rows: pupils.map((pupil) => {
          const entry = entries.find((candidate) => candidate.assessmentId === assessment.id && candidate.pupilId === pupil.id)
          return { pupil, entry: entry === undefined ? null : entryView(entry, assessment, scales, courses, people) }
        })
      }
    })
    return {
      course: courseSummary(course),
      pupils,
      scales: [...scales.values()].toSorted((a, b) => a.name.localeCompare(b.name, "sv")).map(scaleView),
      assessments: assessmentViews,
      publishedPlans: plans
    } satisfies CoursePageView
  })

const createAssessment = (actor: Actor, input: typeof AssessmentInput.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeAssessmentInput(input)
    const session = yield* openSession(actor)
    yield* taughtCourse(session, decoded.courseId)
    yield* scaleOf(decoded.gradingScaleId)
    const ids = yield* IdGenerator
    const assessment: Assessment = {
      id: AssessmentId.make(yield* ids.next("assessment")),
      courseId: decoded.courseId,
      title: decoded.title,
      gradingScaleId: decoded.gradingScaleId,
      visibleToPupils: decoded.visibleToPupils,
      selfAssessmentEnabled: decoded.selfAssessmentEnabled,
      createdBy: session.actor.personId,
      createdAt: session.now,
      updatedAt: session.now,
      version: initialVersion
    }
    const store = yield* AssessmentStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.insert(assessment), audit(session, "assessment.create", [{ targetId: assessment.id, pupilId: null }]))
    )
    return { assessment, warnings: titleWarnings(assessment.title) }
  })

/** Fails when an entry has a level the new scale lacks, so a scale change never strands levels. */
const checkLevelsFit = (assessment: Assessment, scale: GradingScale | null) =>
  Effect.gen(function*() {
    const entryStore = yield* EntryStore
    for (const entry of yield* entryStore.listByAssessments([assessment.id])) {
      const levels = [entry.level, entry.selfAssessment?.level ?? null].filter((level) => level !== null)
      for (const level of levels) {
        if (scale === null || !scale.steps.includes(level)) {
          return yield* Effect.fail(
            InvalidInputError.of(
              "patch.gradingScaleId",
              scale?.id ?? null,
              `the new scale lacks the level "${level}" already given to a pupil; clear those levels first`
            )
          )
        }
      }
    }
  })

const updateAssessment = (
  actor: Actor,
  assessmentId: string,
  expectedVersion: number,
  patch: typeof AssessmentPatchInput.Encoded
) =>
  Effect.gen(function*() {
    const id = yield* decodeAssessmentId(assessmentId)
    const version = yield* decodeVersion(expectedVersion)
    const decoded = yield* decodeAssessmentPatch(patch)
    const session = yield* openSession(actor)
    const assessment = yield* managedAssessment(session, id, "edit")
    if (decoded.gradingScaleId !== undefined && decoded.gradingScaleId !== assessment.gradingScaleId) {
      yield* checkLevelsFit(assessment, yield* scaleOf(decoded.gradingScaleId))
    }
    const store = yield* AssessmentStore
    const transactor = yield* Transactor
    const updated = yield* transactor.withTransaction(
      Effect.tap(
        store.update(id, version, decoded, session.now),
        () => audit(session, "assessment.update", [{ targetId: id, pupilId: null }])
      )
    )
    return { assessment: updated, warnings: titleWarnings(updated.title) }
  })

const deleteAssessment = (actor: Actor, assessmentId: string) =>
  Effect.gen(function*() {
    const id = yield* decodeAssessmentId(assessmentId)
    const session = yield* openSession(actor)
    yield* managedAssessment(session, id, "delete")
    const store = yield* AssessmentStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.delete(id), audit(session, "assessment.delete", [{ targetId: id, pupilId: null }]))
    )
  })

/** Checks every write against the assessment and the course roster, then writes them in one step. */
const writeEntries = (session: Session, assessment: Assessment, writes: ReadonlyArray<EntryWrite>) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const pupils = new Set(yield* directory.pupilsOfCourse(assessment.courseId, session.today))
    const scale = yield* scaleOf(assessment.gradingScaleId)
    for (const write of writes) {
      if (!pupils.has(write.pupilId)) {
        return yield* Effect.fail(notFound("assessmentEntry", entryKey(assessment.id, write.pupilId)))
      }
      yield* Either.match(validateEntryLevels(write, scale), { onLeft: Effect.fail, onRight: () => Effect.void })
    }
    const store = yield* EntryStore
    const transactor = yield* Transactor
    const written = yield* transactor.withTransaction(
      Effect.tap(
        writes.length === 1
          ? Effect.map(store.write(writes[0]!, session.now, session.actor.personId), (entry) => [entry])
          : store.writeMany(writes, session.now, session.actor.personId),
        (entries) =>
          audit(session, "entry.write", entries.map((entry) => ({ targetId: entryKey(entry.assessmentId, entry.pupilId), pupilId: entry.pupilId })))
      )
    )
    const scales = yield* scalesById()
    const courses = yield* coursesById([assessment.courseId])
    const people = yield* peopleById(written.map((entry) => entry.pupilId))
    return written.map((entry): EntryView => entryView(entry, assessment, scales, courses, people))
  })

const writeEntry = (actor: Actor, write: typeof TeacherEntryWrite.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeEntryWrite(write)
    const session = yield* openSession(actor)
    const assessment = yield* managedAssessment(session, decoded.assessmentId, "write entries of")
    const [entry] = yield* writeEntries(session, assessment, [decoded])
    return entry!
  })

const setLevelForPupils = (actor: Actor, request: typeof BulkLevelWrite.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeBulkLevel(request)
    const session = yield* openSession(actor)
    const assessment = yield* managedAssessment(session, decoded.assessmentId, "write entries of")
    const writes = decoded.entries.map((entry): EntryWrite => ({
      assessmentId: decoded.assessmentId,
      pupilId: entry.pupilId,
      expectedVersion: entry.expectedVersion,
      level: decoded.level
    }))
    return yield* writeEntries(session, assessment, writes)
  })

const teachingOperations = {
  /** The course page: pupils, scales, assessments with one row per pupil, and current published plans. */
  coursePage,
  /** Creates an assessment in a course the actor teaches; warns when the title names no term. */
  createAssessment,
  /** Retitles (for the whole course), changes the scale, or switches visibility and self-assessment. */
  updateAssessment,
  /** Deletes an assessment and all its entries. */
  deleteAssessment,
  /** Writes one pupil's level and comment, naming the entry's version or null for a new entry. */
  writeEntry,
  /** Sets one level for several pupils; if any entry is stale, none is written. */
  setLevelForPupils
}

/**
 * Teacher operations. A teacher reads one pupil's plans through the plans service (`plansOfPupil`).
 *
 * @category services
 * @since 0.1.0
 */
export interface TeachingService extends Bound<typeof teachingOperations> {}

/**
 * Tag of the teacher operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Teaching extends Context.Tag("iupkit/Teaching")<Teaching, TeachingService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Teaching, bindOperations(teachingOperations))
}

