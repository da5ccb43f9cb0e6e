/**
 * The pupil's and the guardian's pages, and the pupil's self-assessment. A pupil writes the plan
 * fields its role may edit through the plan operations.
 *
 * @since 0.1.0
 */
import {
  type Actor,
  AssessmentId,
  BodyText,
  canReadEntry,
  canSelfAssess,
  decodeInput,
  Directory,
  EntryStore,
  entryKey,
  GradingScaleStore,
  type PersonId,
  Transactor,
  validateEntryLevels,
  Version
} from "@iupkit/core"
import { Context, Effect, Either, Layer, Option, Schema } from "effect"
import { existingAssessment } from "./internal/assessments.js"
import { type Bound, bindOperations } from "./internal/bind.js"
import { pupilSection } from "./internal/pupilPage.js"
import { audit, forbidden, notFound, openSession } from "./internal/session.js"
import { byName, coursesById, entryView, peopleById, scalesById, summaryOf } from "./internal/views.js"
import type { GuardianPageView, PupilPageView } from "./Views.js"

const SelfAssessmentWrite = Schema.Struct({
    assessmentId: AssessmentId,
    expectedVersion: Schema.NullOr(Version),
    level: Schema.NullOr(Schema.String),
    comment: BodyText
})
const decodeSelfAssessment = decodeInput(SelfAssessmentWrite, "selfAssessment")

const pupilPage = (actor: Actor) =>
  Effect.gen(function*() {
    const session = yield* openSession(actor)
    const people = yield* peopleById([session.actor.personId])
    const section = yield* pupilSection(session, session.actor.personId, people)
    return { pupil: summaryOf(people, session.actor.personId), ...section } satisfies PupilPageView
  })

const guardianPage = (actor: Actor) =>
  Effect.gen(function*() {
    const session = yield* openSession(actor)
    const directory = yield* Directory
    const childIds: ReadonlyArray<PersonId> = yield* directory.childrenOf(session.actor.personId, session.today)
    const people = yield* peopleById([session.actor.personId, ...childIds])
    const children = yield* Effect.forEach(childIds, (childId) =>
      Effect.map(pupilSection(session, childId, people), (section) => ({ child: summaryOf(people, childId), ...section })))
    return {
      guardian: summaryOf(people, session.actor.personId),
      children: children.toSorted((a, b) => byName(a.child, b.child))
    } satisfies GuardianPageView
  })

const selfAssess = (actor: Actor, request: typeof SelfAssessmentWrite.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeSelfAssessment(request)
    const session = yield* openSession(actor)
    const pupilId = session.actor.personId
    const key = entryKey(decoded.assessmentId, pupilId)
    const assessment = yield* existingAssessment(decoded.assessmentId)
    const relations = yield* session.relationsTo(pupilId)
    const facts = yield* session.pupilFacts(pupilId)
    const inCourse = facts.courseIds.has(assessment.courseId)
    if (!inCourse || !canReadEntry(session.actor, relations, assessment)) {
      return yield* Effect.fail(notFound("assessment", decoded.assessmentId))
    }
    if (!canSelfAssess(relations, assessment)) {
      return yield* Effect.fail(
        forbidden("assessmentEntry", key, "self-assess in", "the teacher has not switched on self-assessment for this assessment")
      )
    }
    const scaleStore = yield* GradingScaleStore
    const scale = assessment.gradingScaleId === null ? null : Option.getOrNull(yield* scaleStore.get(assessment.gradingScaleId))
    const write = {
      assessmentId: decoded.assessmentId,
      pupilId,
      expectedVersion: decoded.expectedVersion,
      selfAssessment: { level: decoded.level, comment: decoded.comment }
    }
    yield* Either.match(validateEntryLevels(write, scale), { onLeft: Effect.fail, onRight: () => Effect.void })
    const store = yield* EntryStore
    const transactor = yield* Transactor
    const entry = yield* transactor.withTransaction(
      Effect.tap(store.write(write, session.now, pupilId), () => audit(session, "entry.write", [{ targetId: key, pupilId }]))
    )
    const people = yield* peopleById([pupilId])
    return entryView(entry, assessment, yield* scalesById(), yield* coursesById([assessment.courseId]), people)
  })

const pupilOperations = {
  /** The pupil's page: its readable plans and the assessments visible to it. */
  page: pupilPage,
  /** Writes the pupil's own level and text where self-assessment is on and the assessment visible. */
  selfAssess
}

/**
 * Pupil operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface PupilsService extends Bound<typeof pupilOperations> {}

/**
 * Tag of the pupil operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Pupils extends Context.Tag("iupkit/Pupils")<Pupils, PupilsService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Pupils, bindOperations(pupilOperations))
}

const guardianOperations = {
  /** Per child, its published plans and the assessments the child sees, children by name. */
  page: guardianPage
}

/**
 * Guardian operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface GuardiansService extends Bound<typeof guardianOperations> {}

/**
 * Tag of the guardian operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Guardians extends Context.Tag("iupkit/Guardians")<Guardians, GuardiansService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Guardians, bindOperations(guardianOperations))
}
