// Assessment lookups shared by teachers' and pupils' operations.
import {
  type Assessment,
  type AssessmentId,
  AssessmentStore,
  canManageAssessments,
  canReadEntry,
  Directory,
  type NotFoundError,
  type StorageError
} from "@iupkit/core"
import { Effect, Option } from "effect"
import { notFound, type Session } from "./session.js"

export const existingAssessment = (id: AssessmentId) =>
  Effect.flatMap(AssessmentStore, (store) =>
    Effect.flatMap(
      store.get(id),
      Option.match({ onNone: () => Effect.fail(notFound("assessment", id)), onSome: Effect.succeed })
    ))

/**
 * Whether the actor may read an assessment at all: it teaches the course, or it may read the
 * entry of at least one pupil of the course.
 */
export const canSeeAssessment = (
  session: Session,
  assessment: Assessment
): Effect.Effect<boolean, StorageError, Directory> =>
  Effect.gen(function*() {
    if (canManageAssessments(session.actor, assessment.courseId)) return true
    const directory = yield* Directory
    const pupils = yield* directory.pupilsOfCourse(assessment.courseId, session.today)
    for (const pupilId of pupils) {
      if (canReadEntry(session.actor, yield* session.relationsTo(pupilId), assessment)) return true
    }
    return false
  })

/** The assessment, when the actor may read it; not found otherwise. */
export const visibleAssessment = (
  session: Session,
  id: AssessmentId
): Effect.Effect<Assessment, NotFoundError | StorageError, AssessmentStore | Directory> =>
  Effect.gen(function*() {
    const assessment = yield* existingAssessment(id)
    if (!(yield* canSeeAssessment(session, assessment))) return yield* Effect.fail(notFound("assessment", id))
    return assessment
  })
