/**
 * The page renderers: pure functions from a view to a complete HTML document. Every value from a
 * view is written as a JSX child or attribute, so preact-render-to-string escapes it; no user text
 * is ever concatenated into markup.
 *
 * @since 0.1.0
 */
import { checkExportSize, type ExportLimitExceededError } from "@iupkit/core"
import type {
  CoursePageView,
  ExportView,
  GuardianPageView,
  MentorOverviewView,
  MentorPageView,
  PersonSummary,
  PlanSummary,
  PlanView,
  PupilPageView,
  TemplateSummary
} from "@iupkit/services"
import { Either } from "effect"
import type { VNode } from "preact"
import { renderToString } from "preact-render-to-string"
import { OptionsContext, SiteHeader } from "./internal/components.js"
import type { PageRole } from "./Messages.js"
import { AdminPage } from "./pages/AdminPage.js"
import { CoursePage } from "./pages/CoursePage.js"
import { ErrorPage } from "./pages/ErrorPage.js"
import { BulkCreateForm, MentorPage } from "./pages/MentorPage.js"
import { OverviewPage } from "./pages/OverviewPage.js"
import { PlanPage } from "./pages/PlanPage.js"
import { PrintPage } from "./pages/PrintPage.js"
import { PupilPlansPage } from "./pages/PupilPlansPage.js"
import { RoleRequiredPage } from "./pages/RoleRequiredPage.js"
import { GuardianPage, PupilPage } from "./pages/PupilPages.js"
import { type RenderOptions, resolveOptions } from "./RenderOptions.js"

const renderFragment = (node: VNode, options: RenderOptions | undefined): string =>
  renderToString(<OptionsContext.Provider value={resolveOptions(options)}>{node}</OptionsContext.Provider>)

const renderDocument = (node: VNode, options: RenderOptions | undefined): string =>
  `<!DOCTYPE html>${renderFragment(node, options)}`

/**
 * Renders the mentor's IUP page: current plans, archived plans, assessments in the chosen window,
 * print and PDF export of selected plans, and bulk plan creation.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderMentorPage = (view: MentorPageView, options?: RenderOptions): string =>
  renderDocument(<MentorPage view={view} />, options)

/**
 * Renders only the bulk-create form (pupil selection with an "all mentees" choice, template,
 * title and dates) as an HTML fragment, for hosts that place it on a page of their own.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderBulkCreateForm = (
  args: { readonly mentees: ReadonlyArray<PersonSummary>; readonly templates: ReadonlyArray<TemplateSummary> },
  options?: RenderOptions
): string => renderFragment(<BulkCreateForm mentees={args.mentees} templates={args.templates} />, options)

/**
 * Renders one plan: matched entries, fields (each collapsible), legacy documents, and the edit
 * controls the view allows.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderPlanPage = (view: PlanView, options?: RenderOptions): string =>
  renderDocument(<PlanPage view={view} />, options)

/**
 * Renders every plan of one pupil the reader may read, current and archived, from the list the
 * plans service's `plansOfPupil` returns.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderPupilPlansPage = (plans: ReadonlyArray<PlanSummary>, options?: RenderOptions): string =>
  renderDocument(<PupilPlansPage plans={plans} />, options)

/**
 * Renders the teacher's course page.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderCoursePage = (view: CoursePageView, options?: RenderOptions): string =>
  renderDocument(<CoursePage view={view} />, options)

/**
 * Renders the mentor overview of levels per pupil and course.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderOverviewPage = (view: MentorOverviewView, options?: RenderOptions): string =>
  renderDocument(<OverviewPage view={view} />, options)

/**
 * Renders the pupil's page with its self-assessment forms.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderPupilPage = (view: PupilPageView, options?: RenderOptions): string =>
  renderDocument(<PupilPage view={view} />, options)

/**
 * Renders the guardian's page.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderGuardianPage = (view: GuardianPageView, options?: RenderOptions): string =>
  renderDocument(<GuardianPage view={view} />, options)

/**
 * Renders the administrator's page: the current plans from the administration service's
 * `currentPlans`, selectable one by one or all at once, and their PDF export.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderAdminPage = (plans: ReadonlyArray<PlanSummary>, options?: RenderOptions): string =>
  renderDocument(<AdminPage plans={plans} />, options)

/**
 * Renders the print view of at most 100 plans, one plan per printed page run. A larger export is
 * rejected with the export-limit error instead of rendering.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderPrintPage = (
  view: ExportView,
  options?: RenderOptions
): Either.Either<string, ExportLimitExceededError> =>
  Either.map(checkExportSize(view.plans), () => renderDocument(<PrintPage view={view} />, options))

/**
 * Renders an error page. The core's tagged errors are explained from the catalogue; any other
 * value gets a generic message, so no internal detail reaches the user.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderErrorPage = (error: unknown, options?: RenderOptions): string =>
  renderDocument(<ErrorPage error={error} />, options)

/**
 * Renders the refusal a person gets on a page made for a role they do not have, such as a pupil
 * opening the mentor page. Hosts send it with status 403.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderRoleRequiredPage = (role: PageRole, options?: RenderOptions): string =>
  renderDocument(<RoleRequiredPage role={role} />, options)

/**
 * Renders the header every page carries (a link home, who is signed in and a sign-out button) as
 * an HTML fragment, for the host's own pages such as its start and sign-in pages.
 *
 * @category pages
 * @since 0.1.0
 */
export const renderSiteHeader = (options?: RenderOptions): string => renderFragment(<SiteHeader />, options)
