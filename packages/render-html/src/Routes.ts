/**
 * The URLs pages link to and post forms to. Hosts mount the SDK under their own paths, so every
 * URL comes from this table, and a host overrides the entries it serves elsewhere.
 *
 * @since 0.1.0
 */
import type { AssessmentId, CourseId, DocumentId, FieldId, PersonId, PlanId } from "@iupkit/core"

/**
 * Builders of every URL a page uses. Form targets receive POST requests with
 * `application/x-www-form-urlencoded` bodies, except `uploadDocument`, which receives
 * `multipart/form-data`; the field names are listed on each form's renderer.
 *
 * @category routes
 * @since 0.1.0
 */
export interface Routes {
  readonly home: string
  readonly mentorPage: string
  readonly overview: string
  readonly plan: (planId: PlanId) => string
  readonly pupilPlans: (pupilId: PersonId) => string
  readonly createPlans: string
  readonly updatePlanHeader: (planId: PlanId) => string
  readonly deletePlan: (planId: PlanId) => string
  /** Publishes the plans checked on the mentor page; field `planIds`, repeated. */
  readonly publishPlans: string
  readonly updatePlanField: (planId: PlanId, fieldId: FieldId) => string
  /** The download URL of a legacy document; the host sends the file as an attachment. */
  readonly document: (documentId: DocumentId) => string
  /** The target of the plan page's upload form, which adds a document for the pupil. */
  readonly uploadDocument: (pupilId: PersonId) => string
  readonly print: string
  readonly exportPdf: string
  /** The administrator's page listing current plans for export. */
  readonly adminPage: string
  /** The administrator's PDF export; see the admin page renderer for its fields. */
  readonly adminExportPdf: string
  readonly course: (courseId: CourseId) => string
  readonly createAssessment: (courseId: CourseId) => string
  readonly updateAssessment: (assessmentId: AssessmentId) => string
  readonly deleteAssessment: (assessmentId: AssessmentId) => string
  readonly updateEntry: (assessmentId: AssessmentId, pupilId: PersonId) => string
  readonly setLevels: (assessmentId: AssessmentId) => string
  readonly selfAssess: (assessmentId: AssessmentId) => string
  readonly stylesheet: string
  readonly autosaveScript: string
  /** The site icon every page links, so browsers do not request a missing /favicon.ico. */
  readonly icon: string
}

const segment = (id: string): string => encodeURIComponent(id)

/**
 * Builds the route table under a path prefix (no trailing slash), e.g. "/iup".
 *
 * @category routes
 * @since 0.1.0
 */
export const makeRoutes = (prefix = "", overrides: Partial<Routes> = {}): Routes => ({
  home: `${prefix}/`,
  mentorPage: `${prefix}/mentor`,
  overview: `${prefix}/mentor/overview`,
  plan: (planId) => `${prefix}/plans/${segment(planId)}`,
  pupilPlans: (pupilId) => `${prefix}/pupils/${segment(pupilId)}/plans`,
  createPlans: `${prefix}/plans`,
  updatePlanHeader: (planId) => `${prefix}/plans/${segment(planId)}/header`,
  deletePlan: (planId) => `${prefix}/plans/${segment(planId)}/delete`,
  publishPlans: `${prefix}/plans/publish`,
  updatePlanField: (planId, fieldId) => `${prefix}/plans/${segment(planId)}/fields/${segment(fieldId)}`,
  document: (documentId) => `${prefix}/documents/${segment(documentId)}`,
  uploadDocument: (pupilId) => `${prefix}/pupils/${segment(pupilId)}/documents`,
  print: `${prefix}/plans/print`,
  exportPdf: `${prefix}/plans/export.pdf`,
  adminPage: `${prefix}/admin`,
  adminExportPdf: `${prefix}/admin/export.pdf`,
  course: (courseId) => `${prefix}/courses/${segment(courseId)}`,
  createAssessment: (courseId) => `${prefix}/courses/${segment(courseId)}/assessments`,
  updateAssessment: (assessmentId) => `${prefix}/assessments/${segment(assessmentId)}`,
  deleteAssessment: (assessmentId) => `${prefix}/assessments/${segment(assessmentId)}/delete`,
  updateEntry: (assessmentId, pupilId) => `${prefix}/assessments/${segment(assessmentId)}/entries/${segment(pupilId)}`,
  setLevels: (assessmentId) => `${prefix}/assessments/${segment(assessmentId)}/levels`,
  selfAssess: (assessmentId) => `${prefix}/assessments/${segment(assessmentId)}/self-assessment`,
  stylesheet: `${prefix}/assets/iupkit.css`,
  autosaveScript: `${prefix}/assets/iupkit-autosave.js`,
  icon: `${prefix}/assets/iupkit-icon.svg`,
  ...overrides
})

/**
 * The route table without a prefix.
 *
 * @category routes
 * @since 0.1.0
 */
export const defaultRoutes: Routes = makeRoutes()
