// The section of one pupil on the pupil and guardian pages: readable plans and assessments.
import {
  type Assessment,
  AssessmentStore,
  canReadEntry,
  canSelfAssess,
  Directory,
  EntryStore,
  type PersonId,
  type Person
} from "@iupkit/core"
import { Effect } from "effect"
import { readablePlansOf } from "./plans.js"
import type { Session } from "./session.js"
import { byStartDescending, coursesById, courseSummaryOf, entryView, planSummary, scalesById, scaleView, summaryOf } from "./views.js"
import type { PlanSummary, PupilAssessmentView } from "../Views.js"

export const pupilSection = (session: Session, pupilId: PersonId, people: ReadonlyMap<PersonId, Person>) =>
  Effect.gen(function*() {
    const relations = yield* session.relationsTo(pupilId)
    const plans: ReadonlyArray<PlanSummary> = (yield* readablePlansOf(session, [pupilId]))
      .map((plan) => planSummary(session, plan, summaryOf(people, pupilId)))
      .toSorted(byStartDescending)
    const directory = yield* Directory
    const courseIds = (yield* directory.coursesOfPupil(pupilId, session.today)).map((course) => course.id)
    const currentCourses = new Set<string>(courseIds)
    const entries = yield* Effect.flatMap(EntryStore, (store) => store.listByPupils([pupilId]))
    const assessmentStore = yield* AssessmentStore
    const byId = new Map<string, Assessment>()
    const ofCourses = courseIds.length === 0 ? [] : yield* assessmentStore.listByCourses(courseIds)
    const ofEntries = entries.length === 0 ? [] : yield* assessmentStore.getMany(entries.map((entry) => entry.assessmentId))
    for (const assessment of [...ofCourses, ...ofEntries]) byId.set(assessment.id, assessment)
    const readable = [...byId.values()].filter((assessment) => canReadEntry(session.actor, relations, assessment))
    const scales = yield* scalesById()
    const courses = yield* coursesById(readable.map((assessment) => assessment.courseId))
    const assessments: ReadonlyArray<PupilAssessmentView> = readable
      .toSorted((a, b) => b.createdAt.epochMillis - a.createdAt.epochMillis)
      .map((assessment) => {
        const entry = entries.find((candidate) => candidate.assessmentId === assessment.id)
        const scale = assessment.gradingScaleId === null ? undefined : scales.get(assessment.gradingScaleId)
        return {
          assessmentId: assessment.id,
          title: assessment.title,
          course: courseSummaryOf(courses, assessment.courseId),
          scale: scale === undefined ? null : scaleView(scale),
          entry: entry === undefined ? null : entryView(entry, assessment, scales, courses, people),
          canSelfAssess: canSelfAssess(relations, assessment) && currentCourses.has(assessment.courseId)
        }
      })
    return { plans, assessments }
  })
