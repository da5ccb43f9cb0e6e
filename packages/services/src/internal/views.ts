// Builders of the view models. Each one receives what the actor may read and leaves out the
// rest, so nothing unreadable ever reaches a view and has to be hidden later.
import {
  type Assessment,
  type AssessmentEntry,
  AssessmentStore,
  canDeletePlan,
  canReadDocuments,
  canWriteDocuments,
  canReadEntry,
  canReadField,
  canWriteField,
  canWriteHeader,
  type Course,
  type CourseId,
  Directory,
  type DocumentStore,
  DocumentStore as DocumentStoreTag,
  EntryStore,
  type GradingScale,
  GradingScaleStore,
  isArchived,
  isProtected,
  type LegacyDocument,
  matchingEntries,
  type Person,
  type PersonId,
  type Plan,
  type PlanField,
  type PupilRelation,
  type StorageError
} from "@iupkit/core"
import { Effect, Option } from "effect"
import type {
  CourseSummary,
  DocumentView,
  EntryView,
  GradingScaleView,
  PersonSummary,
  PlanFieldView,
  PlanSummary,
  PlanView
} from "../Views.js"
import { audit, type ServicePorts, type Session } from "./session.js"

export const personSummary = (person: Person): PersonSummary => ({
  id: person.id,
  givenName: person.givenName,
  familyName: person.familyName,
  protected: isProtected(person)
})

// A pupil missing from the directory still owns its plans. It is shown without a name and
// treated as protected, the cautious choice.
const unknownPerson = (id: PersonId): PersonSummary => ({ id, givenName: "", familyName: "", protected: true })

export const courseSummary = (course: Course): CourseSummary => ({
  id: course.id,
  name: course.name,
  subjectCode: course.subjectCode
})

const unknownCourse = (id: CourseId): CourseSummary => ({ id, name: id, subjectCode: null })

export const scaleView = (scale: GradingScale): GradingScaleView => ({
  id: scale.id,
  name: scale.name,
  steps: scale.steps
})

/** Looks up people in the directory, once each. */
export const peopleById = (
  ids: Iterable<PersonId>
): Effect.Effect<ReadonlyMap<PersonId, Person>, StorageError, Directory> =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const people = yield* directory.people([...new Set(ids)])
    return new Map(people.map((person) => [person.id, person]))
  })

export const summaryOf = (people: ReadonlyMap<PersonId, Person>, id: PersonId): PersonSummary => {
  const person = people.get(id)
  return person === undefined ? unknownPerson(id) : personSummary(person)
}

export const coursesById = (
  ids: Iterable<CourseId>
): Effect.Effect<ReadonlyMap<CourseId, Course>, StorageError, Directory> =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const found = yield* Effect.forEach([...new Set(ids)], (id) => directory.course(id))
    return new Map(found.flatMap((course) => (Option.isSome(course) ? [[course.value.id, course.value] as const] : [])))
  })

export const courseSummaryOf = (courses: ReadonlyMap<CourseId, Course>, id: CourseId): CourseSummary => {
  const course = courses.get(id)
  return course === undefined ? unknownCourse(id) : courseSummary(course)
}

export const planSummary = (session: Session, plan: Plan, pupil: PersonSummary): PlanSummary => ({
  id: plan.id,
  pupil,
  title: plan.title,
  startDate: plan.startDate,
  endDate: plan.endDate,
  published: plan.published,
  archived: isArchived(plan, session.now, session.config.timeZone)
})

/** People sorted for lists: family name, then given name, in Swedish order. */
export const byName = (a: PersonSummary, b: PersonSummary): number =>
  `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`, "sv")

/** Plans sorted for lists: latest start first, then title. */
export const byStartDescending = <A extends { readonly startDate: string; readonly title: string }>(a: A, b: A): number =>
  a.startDate === b.startDate ? a.title.localeCompare(b.title, "sv") : a.startDate < b.startDate ? 1 : -1

export const documentView = (document: LegacyDocument): DocumentView => ({
  id: document.id,
  title: document.title,
  fileName: document.fileName,
  mediaType: document.mediaType,
  byteSize: document.byteSize,
  documentDate: document.documentDate,
  source: document.source,
  uploadedAt: document.uploadedAt
})

/**
 * The entries the actor may read, as views, most recently edited first. Entries of assessments
 * that no longer exist are dropped.
 */
export const readableEntryViews = (
  session: Session,
  entries: ReadonlyArray<AssessmentEntry>
): Effect.Effect<ReadonlyArray<EntryView>, StorageError, Directory | AssessmentStore | GradingScaleStore> =>
  Effect.gen(function*() {
    if (entries.length === 0) return []
    const assessmentStore = yield* AssessmentStore
    const assessments = new Map(
      (yield* assessmentStore.getMany([...new Set(entries.map((entry) => entry.assessmentId))])).map((a) => [a.id, a])
    )
    const readable: Array<{ entry: AssessmentEntry; assessment: Assessment }> = []
    for (const entry of entries) {
      const assessment = assessments.get(entry.assessmentId)
      if (assessment === undefined) continue
      const relations = yield* session.relationsTo(entry.pupilId)
      if (canReadEntry(session.actor, relations, assessment)) readable.push({ entry, assessment })
    }
    return yield* entryViews(readable)
  })

/** Views of entries already known to be readable. */
export const entryViews = (
  readable: ReadonlyArray<{ readonly entry: AssessmentEntry; readonly assessment: Assessment }>
): Effect.Effect<ReadonlyArray<EntryView>, StorageError, Directory | GradingScaleStore> =>
  Effect.gen(function*() {
    if (readable.length === 0) return []
    const scales = yield* scalesById()
    const courses = yield* coursesById(readable.map(({ assessment }) => assessment.courseId))
    const people = yield* peopleById(readable.map(({ entry }) => entry.pupilId))
    return readable
      .map(({ assessment, entry }) => entryView(entry, assessment, scales, courses, people))
      .toSorted((a, b) => b.lastEditedAt.epochMillis - a.lastEditedAt.epochMillis)
  })

export const entryView = (
  entry: AssessmentEntry,
  assessment: Assessment,
  scales: ReadonlyMap<string, GradingScale>,
  courses: ReadonlyMap<CourseId, Course>,
  people: ReadonlyMap<PersonId, Person>
): EntryView => ({
  assessmentId: assessment.id,
  assessmentTitle: assessment.title,
  course: courseSummaryOf(courses, assessment.courseId),
  pupil: summaryOf(people, entry.pupilId),
  level: entry.level,
  scaleSteps: assessment.gradingScaleId === null ? null : (scales.get(assessment.gradingScaleId)?.steps ?? null),
  comment: entry.comment,
  selfAssessment: entry.selfAssessment === null
    ? null
    : { level: entry.selfAssessment.level, comment: entry.selfAssessment.comment },
  lastEditedAt: entry.lastEditedAt,
  version: entry.version
})

export const scalesById = (): Effect.Effect<ReadonlyMap<string, GradingScale>, StorageError, GradingScaleStore> =>
  Effect.map(
    Effect.flatMap(GradingScaleStore, (store) => store.list()),
    (scales) => new Map(scales.map((scale) => [scale.id as string, scale]))
  )

export const fieldView = (
  relations: ReadonlySet<PupilRelation>,
  plan: Plan,
  field: PlanField,
  archived: boolean
): PlanFieldView => ({
  fieldId: field.fieldId,
  heading: field.heading,
  value: field.value,
  version: field.version,
  canEdit: canWriteField(relations, plan, field, archived),
  lastEditedAt: field.lastEditedAt
})

/**
 * One plan as the actor may read it, written to the audit log under `action`. The caller has
 * already checked that the plan is readable.
 */
export const planView = (
  session: Session,
  plan: Plan,
  relations: ReadonlySet<PupilRelation>,
  pupil: PersonSummary,
  action: "plan.read" | "plan.export"
): Effect.Effect<PlanView, StorageError, ServicePorts> =>
  Effect.gen(function*() {
    const zone = session.config.timeZone
    const archived = isArchived(plan, session.now, zone)
    const entryStore = yield* EntryStore
    const pupilEntries = yield* entryStore.listByPupils([plan.pupilId])
    const entries = yield* readableEntryViews(session, matchingEntries(plan, pupilEntries, zone))
    const documents = canReadDocuments(relations) ? yield* pupilDocuments(plan.pupilId) : []
    yield* audit(session, action, [{ targetId: plan.id, pupilId: plan.pupilId }])
    return {
      id: plan.id,
      pupil,
      createdBy: plan.createdBy,
      templateId: plan.templateId,
      title: plan.title,
      startDate: plan.startDate,
      endDate: plan.endDate,
      published: plan.published,
      archived,
      headerVersion: plan.headerVersion,
      canEditHeader: canWriteHeader(relations, {}, archived),
      canDelete: canDeletePlan(relations, archived),
      canWriteDocuments: canWriteDocuments(relations),
      entries,
      fields: plan.fields
        .filter((field) => canReadField(relations, plan, field))
        .map((field) => fieldView(relations, plan, field, archived)),
      documents,
      sensitive: true
    }
  })

const pupilDocuments = (pupilId: PersonId): Effect.Effect<ReadonlyArray<DocumentView>, StorageError, DocumentStore> =>
  Effect.map(
    Effect.flatMap(DocumentStoreTag, (store) => store.listByPupils([pupilId])),
    (documents) =>
      documents
        .toSorted((a, b) => b.uploadedAt.epochMillis - a.uploadedAt.epochMillis)
        .map(documentView)
  )
