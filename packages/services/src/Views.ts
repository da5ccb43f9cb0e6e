/**
 * View models: what service reads return. A view holds only what the actor may read; a field,
 * entry or document the actor may not read is absent, not flagged. Renderers (HTML, PDF) and
 * vendors' own UIs build on these types.
 *
 * @since 0.1.0
 */
import type {
  AssessmentId,
  CourseId,
  DocumentId,
  DocumentMediaType,
  FieldId,
  GradingScaleId,
  Instant,
  LocalDate,
  OverviewSupport,
  PersonId,
  PlanId,
  TemplateId,
  Version,
  Warning
} from "@iupkit/core"

/**
 * A person as views show them.
 *
 * @category views
 * @since 0.1.0
 */
export interface PersonSummary {
  readonly id: PersonId
  readonly givenName: string
  readonly familyName: string
  /** True when the record carries a protection marking; renderers must not expose more. */
  readonly protected: boolean
}

/**
 * A course as views show it.
 *
 * @category views
 * @since 0.1.0
 */
export interface CourseSummary {
  readonly id: CourseId
  readonly name: string
  readonly subjectCode: string | null
}

/**
 * A plan in a list.
 *
 * @category views
 * @since 0.1.0
 */
export interface PlanSummary {
  readonly id: PlanId
  readonly pupil: PersonSummary
  readonly title: string
  readonly startDate: LocalDate
  readonly endDate: LocalDate | null
  readonly published: boolean
  readonly archived: boolean
}

/**
 * A field of a plan the actor may read.
 *
 * @category views
 * @since 0.1.0
 */
export interface PlanFieldView {
  readonly fieldId: FieldId
  readonly heading: string
  readonly value: string
  readonly version: Version
  readonly canEdit: boolean
  readonly lastEditedAt: Instant | null
}

/**
 * A pupil's own judgement as views show it.
 *
 * @category views
 * @since 0.1.0
 */
export interface SelfAssessmentView {
  readonly level: string | null
  readonly comment: string
}

/**
 * An assessment entry the actor may read.
 *
 * @category views
 * @since 0.1.0
 */
export interface EntryView {
  readonly assessmentId: AssessmentId
  readonly assessmentTitle: string
  readonly course: CourseSummary
  readonly pupil: PersonSummary
  readonly level: string | null
  /** The scale's steps, lowest first; null for an assessment without a scale. */
  readonly scaleSteps: ReadonlyArray<string> | null
  readonly comment: string
  readonly selfAssessment: SelfAssessmentView | null
  readonly lastEditedAt: Instant
  readonly version: Version
}

/**
 * A legacy document in a list.
 *
 * @category views
 * @since 0.1.0
 */
export interface DocumentView {
  readonly id: DocumentId
  readonly title: string
  readonly fileName: string
  readonly mediaType: DocumentMediaType
  readonly byteSize: number
  readonly documentDate: LocalDate | null
  readonly source: "upload" | "import"
  readonly uploadedAt: Instant
}

/**
 * One plan as the actor may read it: the matched entries first, then the readable fields, then
 * the pupil's legacy documents. Every reader is shown the sensitive-information notice.
 *
 * @category views
 * @since 0.1.0
 */
export interface PlanView {
  readonly id: PlanId
  readonly pupil: PersonSummary
  readonly createdBy: PersonId
  readonly templateId: TemplateId
  readonly title: string
  readonly startDate: LocalDate
  readonly endDate: LocalDate | null
  readonly published: boolean
  readonly archived: boolean
  readonly headerVersion: Version
  readonly canEditHeader: boolean
  readonly canDelete: boolean
  /** Whether the actor may upload and delete the pupil's legacy documents: its mentors and administrators. */
  readonly canWriteDocuments: boolean
  readonly entries: ReadonlyArray<EntryView>
  readonly fields: ReadonlyArray<PlanFieldView>
  readonly documents: ReadonlyArray<DocumentView>
  /** Always true, because the plan contains sensitive information about a child. */
  readonly sensitive: true
}

/**
 * A template offered when creating plans.
 *
 * @category views
 * @since 0.1.0
 */
export interface TemplateSummary {
  readonly id: TemplateId
  readonly title: string
  readonly fieldHeadings: ReadonlyArray<string>
}

/**
 * The mentor's IUP page: current plans, archived plans and assessments of the mentees.
 *
 * @category views
 * @since 0.1.0
 */
export interface MentorPageView {
  readonly mentor: PersonSummary
  readonly mentees: ReadonlyArray<PersonSummary>
  readonly currentPlans: ReadonlyArray<PlanSummary>
  readonly archivedPlans: ReadonlyArray<PlanSummary>
  readonly assessments: ReadonlyArray<EntryView>
  readonly window: { readonly start: LocalDate; readonly end: LocalDate }
  readonly templates: ReadonlyArray<TemplateSummary>
}

/**
 * One cell of the mentor overview as views show it.
 *
 * @category views
 * @since 0.1.0
 */
export type OverviewCellView =
  | {
    readonly _tag: "level"
    readonly pupilId: PersonId
    readonly courseId: CourseId
    readonly level: string | null
    readonly stepIndex: number | null
    readonly stepCount: number
    readonly editedAt: Instant
  }
  | {
    readonly _tag: "unsupported"
    readonly pupilId: PersonId
    readonly courseId: CourseId
    readonly support: Exclude<OverviewSupport, { readonly _tag: "supported" }>
    readonly editedAt: Instant
  }

/**
 * The mentor overview: mentees against their courses.
 *
 * @category views
 * @since 0.1.0
 */
export interface MentorOverviewView {
  readonly window: { readonly start: LocalDate; readonly end: LocalDate }
  readonly pupils: ReadonlyArray<PersonSummary>
  readonly courses: ReadonlyArray<CourseSummary>
  readonly cells: ReadonlyArray<OverviewCellView>
  readonly unsupportedCourses: ReadonlyArray<{
    readonly courseId: CourseId
    readonly support: Exclude<OverviewSupport, { readonly _tag: "supported" }>
  }>
  /** How many mentees were left out because they have a protection marking and were not named. */
  readonly leftOutProtectedCount: number
}

/**
 * A grading scale as views show it.
 *
 * @category views
 * @since 0.1.0
 */
export interface GradingScaleView {
  readonly id: GradingScaleId
  readonly name: string
  readonly steps: ReadonlyArray<string>
}

/**
 * An assessment on the teacher's course page, with one row per pupil of the course.
 *
 * @category views
 * @since 0.1.0
 */
export interface CourseAssessmentView {
  readonly id: AssessmentId
  readonly title: string
  readonly scale: GradingScaleView | null
  readonly visibleToPupils: boolean
  readonly selfAssessmentEnabled: boolean
  readonly version: Version
  readonly warnings: ReadonlyArray<Warning>
  readonly rows: ReadonlyArray<{
    readonly pupil: PersonSummary
    /** Null when the entry was never written; writes then name version "new". */
    readonly entry: EntryView | null
  }>
}

/**
 * The teacher's course page.
 *
 * @category views
 * @since 0.1.0
 */
export interface CoursePageView {
  readonly course: CourseSummary
  readonly pupils: ReadonlyArray<PersonSummary>
  readonly scales: ReadonlyArray<GradingScaleView>
  readonly assessments: ReadonlyArray<CourseAssessmentView>
  /** Current published plans of the course's pupils. */
  readonly publishedPlans: ReadonlyArray<PlanSummary>
}

/**
 * An assessment as a pupil or guardian sees it, with the pupil's own entry.
 *
 * @category views
 * @since 0.1.0
 */
export interface PupilAssessmentView {
  readonly assessmentId: AssessmentId
  readonly title: string
  readonly course: CourseSummary
  readonly scale: GradingScaleView | null
  readonly entry: EntryView | null
  readonly canSelfAssess: boolean
}

/**
 * The pupil's page: its published plans and the assessments it sees.
 *
 * @category views
 * @since 0.1.0
 */
export interface PupilPageView {
  readonly pupil: PersonSummary
  readonly plans: ReadonlyArray<PlanSummary>
  readonly assessments: ReadonlyArray<PupilAssessmentView>
}

/**
 * The guardian's page: per child, the published plans and the assessments the child sees.
 *
 * @category views
 * @since 0.1.0
 */
export interface GuardianPageView {
  readonly guardian: PersonSummary
  readonly children: ReadonlyArray<{
    readonly child: PersonSummary
    readonly plans: ReadonlyArray<PlanSummary>
    readonly assessments: ReadonlyArray<PupilAssessmentView>
  }>
}

/**
 * An export or print of at most 100 plans, as the renderers print it.
 *
 * @category views
 * @since 0.1.0
 */
export interface ExportView {
  readonly exportedBy: PersonSummary
  readonly exportedAt: Instant
  readonly plans: ReadonlyArray<PlanView>
  /** How many selected plans were left out because their pupil has a protection marking. */
  readonly leftOutProtectedCount: number
}
