// Hand-built view models for renderer tests and screenshots. Every text a user can type comes
// from one `Texts` record, so the escaping property test can fill every slot with hostile text.
import type {
  AssessmentId,
  CourseId,
  DocumentId,
  FieldId,
  GradingScaleId,
  LocalDate,
  PersonId,
  PlanId,
  TemplateId,
  Version
} from "@iupkit/core"
import type {
  CourseAssessmentView,
  CoursePageView,
  CourseSummary,
  EntryView,
  ExportView,
  GradingScaleView,
  GuardianPageView,
  MentorOverviewView,
  MentorPageView,
  PersonSummary,
  PlanSummary,
  PlanView,
  PupilAssessmentView,
  PupilPageView
} from "@iupkit/services"
import { DateTime } from "effect"

export interface Texts {
  readonly pupilGiven: string
  readonly pupilFamily: string
  readonly otherGiven: string
  readonly otherFamily: string
  readonly mentorGiven: string
  readonly mentorFamily: string
  readonly courseName: string
  readonly otherCourseName: string
  readonly assessmentTitle: string
  readonly comment: string
  readonly selfComment: string
  readonly scaleName: string
  readonly step: string
  readonly planTitle: string
  readonly templateTitle: string
  readonly fieldHeading: string
  readonly fieldValue: string
  readonly pupilFieldHeading: string
  readonly pupilFieldValue: string
  readonly documentTitle: string
  readonly fileName: string
}

export const swedishTexts: Texts = {
  pupilGiven: "Åsa",
  pupilFamily: "Öberg",
  otherGiven: "Ängla",
  otherFamily: "Lindqvist",
  mentorGiven: "Göran",
  mentorFamily: "Nyström",
  courseName: "Svenska 7A",
  otherCourseName: "Matematik 7A",
  assessmentTitle: "Omdöme HT 2026",
  comment: "Läser flytande och skriver egna texter med tydlig röd tråd.\nArbeta vidare med styckeindelning.",
  selfComment: "Jag tycker att jag har blivit bättre på att läsa högt.",
  scaleName: "Tre steg",
  step: "Godtagbara kunskaper",
  planTitle: "Utvecklingssamtal HT 2026",
  templateTitle: "Utvecklingssamtal",
  fieldHeading: "Mål och åtgärder",
  fieldValue: "Åsa övar på läsförståelse två gånger i veckan.\nMentorn följer upp i december.",
  pupilFieldHeading: "Elevens egna mål",
  pupilFieldValue: "Jag vill läsa en bok i månaden.",
  documentTitle: "IUP VT 2025 (äldre verktyg)",
  fileName: "iup-vt-2025.pdf"
}

export const at = (iso: string): DateTime.Utc => DateTime.unsafeMake(iso) as DateTime.Utc
const date = (text: string) => text as LocalDate
const version = (n: number) => n as Version

export const person = (id: string, givenName: string, familyName: string, isProtected = false): PersonSummary => ({
  id: id as PersonId,
  givenName,
  familyName,
  protected: isProtected
})

export const fixtures = (t: Texts = swedishTexts) => {
  const pupil = person("pupil-1", t.pupilGiven, t.pupilFamily)
  const other = person("pupil-2", t.otherGiven, t.otherFamily)
  const mentor = person("mentor-1", t.mentorGiven, t.mentorFamily)
  const course: CourseSummary = { id: "course-sv" as CourseId, name: t.courseName, subjectCode: "SVE" }
  const otherCourse: CourseSummary = { id: "course-ma" as CourseId, name: t.otherCourseName, subjectCode: null }
  const steps = [`${t.step} 1`, `${t.step} 2`, `${t.step} 3`]
  const scale: GradingScaleView = { id: "scale-3" as GradingScaleId, name: t.scaleName, steps }

  const entry = (forPupil: PersonSummary, overrides: Partial<EntryView> = {}): EntryView => ({
    assessmentId: "assessment-1" as AssessmentId,
    assessmentTitle: t.assessmentTitle,
    course,
    pupil: forPupil,
    level: steps[1]!,
    scaleSteps: steps,
    comment: t.comment,
    selfAssessment: { level: steps[2]!, comment: t.selfComment },
    lastEditedAt: at("2026-11-03T09:15:00Z"),
    version: version(3),
    ...overrides
  })

  const summary = (id: string, forPupil: PersonSummary, overrides: Partial<PlanSummary> = {}): PlanSummary => ({
    id: id as PlanId,
    pupil: forPupil,
    title: t.planTitle,
    startDate: date("2026-08-17"),
    endDate: date("2027-01-15"),
    published: true,
    archived: false,
    ...overrides
  })

  const planView = (id: string, forPupil: PersonSummary, overrides: Partial<PlanView> = {}): PlanView => ({
    id: id as PlanId,
    pupil: forPupil,
    createdBy: mentor.id,
    templateId: "template-1" as TemplateId,
    title: t.planTitle,
    startDate: date("2026-08-17"),
    endDate: date("2027-01-15"),
    published: true,
    archived: false,
    headerVersion: version(2),
    canEditHeader: true,
    canDelete: true,
    canWriteDocuments: true,
    entries: [entry(forPupil)],
    fields: [
      {
        fieldId: "field-goals" as FieldId,
        heading: t.fieldHeading,
        value: t.fieldValue,
        version: version(4),
        canEdit: true,
        lastEditedAt: at("2026-10-20T13:45:00Z")
      },
      {
        fieldId: "field-pupil" as FieldId,
        heading: t.pupilFieldHeading,
        value: t.pupilFieldValue,
        version: version(1),
        canEdit: false,
        lastEditedAt: null
      }
    ],
    documents: [
      {
        id: "document-1" as DocumentId,
        title: t.documentTitle,
        fileName: t.fileName,
        mediaType: "application/pdf",
        byteSize: 183_204,
        documentDate: date("2025-03-12"),
        source: "import",
        uploadedAt: at("2026-08-01T08:00:00Z")
      }
    ],
    sensitive: true,
    ...overrides
  })

  const mentorPage: MentorPageView = {
    mentor,
    mentees: [pupil, other],
    currentPlans: [summary("plan-1", pupil), summary("plan-2", other, { published: false })],
    archivedPlans: [
      summary("plan-0", pupil, { startDate: date("2026-01-12"), endDate: date("2026-06-12"), archived: true })
    ],
    assessments: [entry(pupil), entry(other, { level: null, selfAssessment: null })],
    window: { start: date("2026-08-04"), end: date("2026-12-04") },
    templates: [
      { id: "template-1" as TemplateId, title: t.templateTitle, fieldHeadings: [t.fieldHeading, t.pupilFieldHeading] }
    ]
  }

  const courseAssessment: CourseAssessmentView = {
    id: "assessment-1" as AssessmentId,
    title: t.assessmentTitle,
    scale,
    visibleToPupils: true,
    selfAssessmentEnabled: true,
    version: version(5),
    warnings: [],
    rows: [
      { pupil, entry: entry(pupil) },
      { pupil: other, entry: null }
    ]
  }

  const coursePage: CoursePageView = {
    course,
    pupils: [pupil, other],
    scales: [scale],
    assessments: [
      courseAssessment,
      {
        ...courseAssessment,
        id: "assessment-2" as AssessmentId,
        title: t.otherCourseName,
        scale: null,
        warnings: [{ _tag: "TitleNamesNoTerm", title: t.otherCourseName }],
        rows: [{ pupil, entry: entry(pupil, { assessmentId: "assessment-2" as AssessmentId, level: null, scaleSteps: null }) }]
      }
    ],
    publishedPlans: [summary("plan-1", pupil)]
  }

  const overview: MentorOverviewView = {
    window: { start: date("2026-08-04"), end: date("2026-12-04") },
    pupils: [pupil, other],
    courses: [course, otherCourse],
    cells: [
      {
        _tag: "level",
        pupilId: pupil.id,
        courseId: course.id,
        level: steps[1]!,
        stepIndex: 1,
        stepCount: 3,
        editedAt: at("2026-11-03T09:15:00Z")
      },
      {
        _tag: "level",
        pupilId: other.id,
        courseId: course.id,
        level: steps[2]!,
        stepIndex: 2,
        stepCount: 3,
        editedAt: at("2026-11-04T09:15:00Z")
      },
      {
        _tag: "unsupported",
        pupilId: pupil.id,
        courseId: otherCourse.id,
        support: { _tag: "unsupportedStepCount", stepCount: 4, supportedStepCounts: [2, 3, 6] },
        editedAt: at("2026-11-05T09:15:00Z")
      }
    ],
    unsupportedCourses: [
      { courseId: otherCourse.id, support: { _tag: "unsupportedStepCount", stepCount: 4, supportedStepCounts: [2, 3, 6] } }
    ],
    leftOutProtectedCount: 0
  }

  const overviewUnsupportedOnly: MentorOverviewView = {
    ...overview,
    courses: [otherCourse],
    cells: overview.cells.filter((cell) => cell._tag === "unsupported"),
    unsupportedCourses: overview.unsupportedCourses
  }

  const pupilAssessment = (overrides: Partial<PupilAssessmentView> = {}): PupilAssessmentView => ({
    assessmentId: "assessment-1" as AssessmentId,
    title: t.assessmentTitle,
    course,
    scale,
    entry: entry(pupil),
    canSelfAssess: true,
    ...overrides
  })

  // The pupil reads only the field whose visibility names pupils; the mentor's field is absent.
  const pupilPlan = planView("plan-1", pupil, {
    canEditHeader: false,
    canDelete: false,
    canWriteDocuments: false,
    fields: [
      {
        fieldId: "field-pupil" as FieldId,
        heading: t.pupilFieldHeading,
        value: t.pupilFieldValue,
        version: version(1),
        canEdit: true,
        lastEditedAt: null
      }
    ]
  })

  const pupilPage: PupilPageView = {
    pupil,
    plans: [summary("plan-1", pupil)],
    assessments: [
      pupilAssessment(),
      pupilAssessment({
        assessmentId: "assessment-3" as AssessmentId,
        course: otherCourse,
        scale: null,
        entry: null,
        canSelfAssess: false
      })
    ]
  }

  const guardianOneChild: GuardianPageView = {
    guardian: person("guardian-1", t.mentorGiven, t.pupilFamily),
    children: [{ child: pupil, plans: [summary("plan-1", pupil)], assessments: [pupilAssessment({ canSelfAssess: false })] }]
  }

  const guardianTwoChildren: GuardianPageView = {
    guardian: guardianOneChild.guardian,
    children: [
      ...guardianOneChild.children,
      { child: other, plans: [summary("plan-2", other)], assessments: [] }
    ]
  }

  const exportOf = (count: number): ExportView => ({
    exportedBy: mentor,
    exportedAt: at("2026-12-04T15:30:00Z"),
    plans: Array.from({ length: count }, (_, index) =>
      planView(`plan-${index + 1}`, index % 2 === 0 ? pupil : other, { canEditHeader: false, canDelete: false, canWriteDocuments: false })
    ),
    leftOutProtectedCount: 0
  })

  return {
    pupil,
    other,
    mentor,
    course,
    otherCourse,
    scale,
    entry,
    summary,
    planView,
    mentorPage,
    coursePage,
    overview,
    overviewUnsupportedOnly,
    pupilPlan,
    pupilPage,
    guardianOneChild,
    guardianTwoChildren,
    exportOf
  }
}
