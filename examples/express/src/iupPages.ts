/**
 * The IUP's HTML pages from @iupkit/render-html and the form posts they send, as one router. Every
 * form works without JavaScript: a post redirects (303) back to the page it came from. The
 * autosave script posts the same forms with `Accept: application/json` and gets the new version.
 */
import type { PersonId } from "@iupkit/core"
import {
  assetContent,
  autosaveScript,
  defaultRoutes,
  renderCoursePage,
  renderGuardianPage,
  renderMentorPage,
  renderOverviewPage,
  renderPlanPage,
  renderPrintPage,
  renderPupilPage,
  renderPupilPlansPage,
  type RenderOptions,
  stylesheet
} from "@iupkit/render-html"
import { renderExportPdf } from "@iupkit/render-pdf"
import type { IupClient } from "@iupkit/services"
import { Either } from "effect"
import { type Request, type Response, Router } from "express"
import { requireActor } from "./auth.js"
import { checked, field, fields, optionalDate, version } from "./forms.js"
import type { CsrfTokenFor } from "./pages.js"
import { languageOf } from "./pages.js"

const routes = defaultRoutes

const actorOf = (req: Request): { readonly personId: PersonId } => ({ personId: requireActor(req).personId })

/** Responds to a form post: JSON for the autosave script, otherwise a redirect to `location`. */
const afterPost = (req: Request, res: Response, location: string, json: unknown): void => {
  if (req.accepts(["html", "json"]) === "json") res.json(json)
  else res.redirect(303, location)
}

const emptyToNull = (value: string): string | null => (value === "" ? null : value)

/** Builds the router of pages and form handlers; mount it after sign-in and CSRF middleware. */
export const iupPagesRouter = (iup: IupClient, csrfToken: CsrfTokenFor): Router => {
  const router = Router()
  const options = (req: Request, res: Response): RenderOptions => ({ locale: languageOf(req), csrfToken: csrfToken(req, res), routes })
  const html = (res: Response, page: string): void => {
    res.type("html").send(page)
  }

  for (const asset of [stylesheet, autosaveScript]) {
    const path = asset === stylesheet ? routes.stylesheet : routes.autosaveScript
    router.get(path, (_req, res) => {
      res.type(asset.mediaType).set("cache-control", "public, max-age=3600").send(assetContent(asset))
    })
  }

  router.get(routes.mentorPage, async (req, res) => {
    const { start, end } = req.query
    const period = typeof start === "string" && typeof end === "string" ? { start, end } : undefined
    html(res, renderMentorPage(await iup.mentoring.page(actorOf(req), period), options(req, res)))
  })
  router.get(routes.overview, async (req, res) => {
    html(res, renderOverviewPage(await iup.mentoring.overview(actorOf(req)), options(req, res)))
  })
  router.get("/pupil", async (req, res) => {
    html(res, renderPupilPage(await iup.pupils.page(actorOf(req)), options(req, res)))
  })
  router.get("/guardian", async (req, res) => {
    html(res, renderGuardianPage(await iup.guardians.page(actorOf(req)), options(req, res)))
  })
  router.get("/plans/:planId", async (req, res) => {
    html(res, renderPlanPage(await iup.plans.getPlan(actorOf(req), req.params.planId), options(req, res)))
  })
  router.get("/pupils/:pupilId/plans", async (req, res) => {
    html(res, renderPupilPlansPage(await iup.plans.plansOfPupil(actorOf(req), req.params.pupilId), options(req, res)))
  })
  router.get("/courses/:courseId", async (req, res) => {
    html(res, renderCoursePage(await iup.teaching.coursePage(actorOf(req), req.params.courseId), options(req, res)))
  })

  router.post(routes.createPlans, async (req, res) => {
    const body: unknown = req.body
    const pupilIds = field(body, "selection") === "all" ? "all" : fields(body, "pupilIds")
    const plan = { templateId: field(body, "templateId"), title: field(body, "title"), startDate: field(body, "startDate"), endDate: optionalDate(body, "endDate") }
    await iup.mentoring.createPlans(actorOf(req), { pupilIds, plan })
    res.redirect(303, routes.mentorPage)
  })
  router.post("/plans/:planId/header", async (req, res) => {
    const body: unknown = req.body
    const patch = { title: field(body, "title"), startDate: field(body, "startDate"), endDate: optionalDate(body, "endDate"), published: checked(body, "published") }
    const updated = await iup.plans.updateHeader(actorOf(req), req.params.planId, Number(field(body, "version")), patch)
    afterPost(req, res, routes.plan(updated.plan.id), { version: updated.headerVersion })
  })
  router.post("/plans/:planId/delete", async (req, res) => {
    await iup.plans.deletePlan(actorOf(req), req.params.planId)
    res.redirect(303, routes.mentorPage)
  })
  router.post("/plans/:planId/fields/:fieldId", async (req, res) => {
    const { planId, fieldId } = req.params
    const body: unknown = req.body
    const written = await iup.plans.updateField(actorOf(req), { planId, fieldId, expectedVersion: Number(field(body, "version")), value: field(body, "value") })
    afterPost(req, res, routes.plan(planId as never), { version: written.version })
  })
  router.post(routes.print, async (req, res) => {
    const view = await iup.exports.exportPlans(actorOf(req), { planIds: fields(req.body, "planIds") })
    const page = renderPrintPage(view, options(req, res))
    if (Either.isLeft(page)) throw page.left
    html(res, page.right)
  })
  router.post(routes.exportPdf, async (req, res) => {
    const view = await iup.exports.exportPlans(actorOf(req), { planIds: fields(req.body, "planIds") })
    const pdf = renderExportPdf(view, { locale: languageOf(req) })
    if (Either.isLeft(pdf)) throw pdf.left
    res.type("application/pdf").attachment("iup-planer.pdf")
    pdf.right.pipe(res)
  })

  router.post("/courses/:courseId/assessments", async (req, res) => {
    const body: unknown = req.body
    await iup.teaching.createAssessment(actorOf(req), {
      courseId: req.params.courseId,
      title: field(body, "title"),
      gradingScaleId: emptyToNull(field(body, "gradingScaleId")),
      visibleToPupils: checked(body, "visibleToPupils"),
      selfAssessmentEnabled: checked(body, "selfAssessmentEnabled")
    })
    res.redirect(303, routes.course(req.params.courseId as never))
  })
  router.post("/assessments/:assessmentId", async (req, res) => {
    const body: unknown = req.body
    const patch = { title: field(body, "title"), visibleToPupils: checked(body, "visibleToPupils"), selfAssessmentEnabled: checked(body, "selfAssessmentEnabled") }
    const updated = await iup.teaching.updateAssessment(actorOf(req), req.params.assessmentId, Number(field(body, "version")), patch)
    res.redirect(303, routes.course(updated.assessment.courseId))
  })
  router.post("/assessments/:assessmentId/delete", async (req, res) => {
    await iup.teaching.deleteAssessment(actorOf(req), req.params.assessmentId)
    // The form names no course, and pages send no Referer, so the start page links back to it.
    res.redirect(303, routes.home)
  })
  router.post("/assessments/:assessmentId/entries/:pupilId", async (req, res) => {
    const body: unknown = req.body
    const entry = await iup.teaching.writeEntry(actorOf(req), {
      ...req.params,
      expectedVersion: version(body),
      level: emptyToNull(field(body, "level")),
      comment: field(body, "comment")
    })
    afterPost(req, res, routes.course(entry.course.id), { version: entry.version })
  })
  router.post("/assessments/:assessmentId/levels", async (req, res) => {
    const body: unknown = req.body
    const entries = fields(body, "pupilIds").map((pupilId) => ({ pupilId, expectedVersion: version(body, `version.${pupilId}`) }))
    const written = await iup.teaching.setLevelForPupils(actorOf(req), { assessmentId: req.params.assessmentId, level: emptyToNull(field(body, "level")), entries })
    res.redirect(303, written[0] === undefined ? routes.home : routes.course(written[0].course.id))
  })
  router.post("/assessments/:assessmentId/self-assessment", async (req, res) => {
    const body: unknown = req.body
    const entry = await iup.pupils.selfAssess(actorOf(req), {
      assessmentId: req.params.assessmentId,
      expectedVersion: version(body),
      level: emptyToNull(field(body, "level")),
      comment: field(body, "comment")
    })
    afterPost(req, res, "/pupil", { version: entry.version })
  })

  return router
}
