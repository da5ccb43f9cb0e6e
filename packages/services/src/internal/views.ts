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
  DocumentStore as DocumentStoreTag,
  EntryStore,
  type GradingScale,
  GradingScaleStore,
  isArchivedOn,
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
import { Effect } from "effect"
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
    const requested = [...new Set(ids)]
    if (requested.length === 0) return new Map()
    const directory = yield* Directory
    return new Map((yield* directory.courses(requested)).map((course) => [course.id, course]))
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
  archived: isArchivedOn(plan, session.today)
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
  Effect.map(readableEntryViewGroups(session, [entries]), (groups) => groups[0]!)

/**
 * {@link readableEntryViews} of several groups of entries at once (one group per plan of an
 * export), with one read per kind of record for all of them. `knownPeople` spares the read of
 * people the caller already has.
 */
const readableEntryViewGroups = (
  session: Session,
  groups: ReadonlyArray<ReadonlyArray<AssessmentEntry>>,
  knownPeople: ReadonlyMap<PersonId, Person> = new Map()
): Effect.Effect<ReadonlyArray<ReadonlyArray<EntryView>>, StorageError, Directory | AssessmentStore | GradingScaleStore> =>
  Effect.gen(function*() {
    const all = groups.flat()
    if (all.length === 0) return groups.map(() => [])
    const assessmentStore = yield* AssessmentStore
    const assessments = new Map(
      (yield* assessmentStore.getMany([...new Set(all.map((entry) => entry.assessmentId))])).map((a) => [a.id, a])
    )
    yield* session.loadPupils(all.map((entry) => entry.pupilId))
    const readable: Array<Array<{ entry: AssessmentEntry; assessment: Assessment }>> = []
    for (const group of groups) {
      const readableOfGroup: Array<{ entry: AssessmentEntry; assessment: Assessment }> = []
      for (const entry of group) {
        const assessment = assessments.get(entry.assessmentId)
        if (assessment === undefined) continue
        const relations = yield* session.relationsTo(entry.pupilId)
        if (canReadEntry(session.actor, relations, assessment)) readableOfGroup.push({ entry, assessment })
      }
      readable.push(readableOfGroup)
    }
    return yield* entryViewGroups(readable, knownPeople)
  })

/** Views of entries already known to be readable. */
export const entryViews = (
  readable: ReadonlyArray<{ readonly entry: AssessmentEntry; readonly assessment: Assessment }>
): Effect.Effect<ReadonlyArray<EntryView>, StorageError, Directory | GradingScaleStore> =>
  Effect.map(entryViewGroups([readable]), (groups) => groups[0]!)

const entryViewGroups = (
  groups: ReadonlyArray<ReadonlyArray<{ readonly entry: AssessmentEntry; readonly assessment: Assessment }>>,
  knownPeople: ReadonlyMap<PersonId, Person> = new Map()
): Effect.Effect<ReadonlyArray<ReadonlyArray<EntryView>>, StorageError, Directory | GradingScaleStore> =>
  Effect.gen(function*() {
    const all = groups.flat()
    if (all.length === 0) return groups.map(() => [])
    // Scales are read only when an assessment uses one; nothing is cached between operations,
    // so an edited scale shows at once.
    const scales = all.some(({ assessment }) => assessment.gradingScaleId !== null) ? yield* scalesById() : new Map<string, GradingScale>()
    const courses = yield* coursesById(all.map(({ assessment }) => assessment.courseId))
    const unknown = all.map(({ entry }) => entry.pupilId).filter((id) => !knownPeople.has(id))
    const people = unknown.length === 0 ? knownPeople : new Map([...knownPeople, ...(yield* peopleById(unknown))])
    return groups.map((readable) =>
      readable
        .map(({ assessment, entry }) => entryView(entry, assessment, scales, courses, people))
        .toSorted((a, b) => b.lastEditedAt.epochMillis - a.lastEditedAt.epochMillis)
    )
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

/** A plan the actor may read, with its relations to the pupil and the pupil as shown. */
export interface PlanToView {
  readonly plan: Plan
  readonly relations: ReadonlySet<PupilRelation>
  readonly pupil: PersonSummary
}

/**
 * Plans as the actor may read them, each written to the audit log under `action`. The caller has
 * already checked that each plan is readable. Entries, assessments, courses, people and documents
 * are read once for all the plans, so an export of 100 plans costs about what one plan costs.
 * `knownPeople` spares the read of people the caller already has.
 */
export const planViews = (
  session: Session,
  items: ReadonlyArray<PlanToView>,
  action: "plan.read" | "plan.export",
  knownPeople: ReadonlyMap<PersonId, Person> = new Map()
): Effect.Effect<ReadonlyArray<PlanView>, StorageError, ServicePorts> =>
  Effect.gen(function*() {
    if (items.length === 0) return []
    const zone = session.config.timeZone
    const entryStore = yield* EntryStore
    const entriesOf = groupByPupil(yield* entryStore.listByPupils([...new Set(items.map(({ plan }) => plan.pupilId))]))
    const entries = yield* readableEntryViewGroups(
      session,
      items.map(({ plan }) => matchingEntries(plan, entriesOf.get(plan.pupilId) ?? [], zone)),
      knownPeople
    )
    const documentPupils = [...new Set(items.filter(({ relations }) => canReadDocuments(relations)).map(({ plan }) => plan.pupilId))]
    const documentsOf = groupByPupil(
      documentPupils.length === 0 ? [] : yield* Effect.flatMap(DocumentStoreTag, (store) => store.listByPupils(documentPupils))
    )
    yield* audit(session, action, items.map(({ plan }) => ({ targetId: plan.id, pupilId: plan.pupilId })))
    return items.map(({ plan, pupil, relations }, index) => {
      const archived = isArchivedOn(plan, session.today)
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
        entries: entries[index]!,
        fields: plan.fields
          .filter((field) => canReadField(relations, plan, field))
          .map((field) => fieldView(relations, plan, field, archived)),
        documents: canReadDocuments(relations)
          ? (documentsOf.get(plan.pupilId) ?? [])
            .toSorted((a, b) => b.uploadedAt.epochMillis - a.uploadedAt.epochMillis)
            .map(documentView)
          : [],
        sensitive: true
      } satisfies PlanView
    })
  })

const groupByPupil = <A extends { readonly pupilId: PersonId }>(items: ReadonlyArray<A>): ReadonlyMap<PersonId, ReadonlyArray<A>> => {
  const groups = new Map<PersonId, Array<A>>()
  for (const item of items) {
    const group = groups.get(item.pupilId)
    if (group === undefined) groups.set(item.pupilId, [item])
    else group.push(item)
  }
  return groups
}
