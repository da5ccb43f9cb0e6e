/**
 * The IUP's HTML pages from @iupkit/render-html and the form posts they send, as one router. Every
 * form works without JavaScript: a post redirects (303) back to the page it came from. The
 * autosave script posts the same forms with `Accept: application/json` and gets the new version.
 */
import { InvalidInputError, type PersonId, type Role } from "@iupkit/core"
import {
  assetContent,
  autosaveScript,
  defaultRoutes,
  fullName,
  icon,
  type PublishFailure,
  renderCoursePage,
  renderGuardianPage,
  renderMentorPage,
  renderOverviewPage,
  renderPlanPage,
  renderPrintPage,
  renderPupilPage,
  renderPupilPlansPage,
  renderRoleRequiredPage,
  type PageRole,
  type RenderOptions,
  stylesheet,
  withNotice
} from "@iupkit/render-html"
import { renderExportPdf } from "@iupkit/render-pdf"
import type { IupClient } from "@iupkit/services"
import { Either } from "effect"
import { type Request, type Response, Router } from "express"
import { requireActor } from "./auth.js"
import { checked, field, fields, optionalDate, requireConfirmation, selection, version } from "./forms.js"
import { type DemoPerson, languageOf, type PageOptions } from "./pages.js"
import { problemOf } from "./problems.js"

const routes = defaultRoutes

// Errors a form shows next to the user's input instead of an error page: invalid input (400) and
// a version conflict (409), where the form keeps the user's text beside the text saved meanwhile.
const rejectedFormStatus = (tag: string): number | undefined =>
  tag === "InvalidInputError" ? 400 : tag === "VersionConflictError" ? 409 : undefined

const actorOf = (req: Request): { readonly personId: PersonId } => ({ personId: requireActor(req).personId })

/** Responds to a form post: JSON for the autosave script, otherwise a redirect to `location`. */
const afterPost = (req: Request, res: Response, location: string, json: unknown): void => {
  if (req.accepts(["html", "json"]) === "json") res.json(json)
  else res.redirect(303, location)
}

const emptyToNull = (value: string): string | null => (value === "" ? null : value)

/** Returns the plans picked for print or PDF, rejecting an empty pick as invalid input. */
const pickedPlans = (body: unknown): ReadonlyArray<string> => {
  const planIds = fields(body, "planIds")
  if (planIds.length === 0) throw InvalidInputError.of("planIds", planIds, "must not be empty")
  return planIds
}

/** Builds the router of pages and form handlers; mount it after sign-in and CSRF middleware. */
export const iupPagesRouter = (iup: IupClient, demoPeople: ReadonlyArray<DemoPerson> | undefined, pageOptions: PageOptions): Router => {
  const router = Router()
  const options = (req: Request, res: Response): RenderOptions => pageOptions(req, res, true)
  const html = (res: Response, page: string): void => {
    res.type("html").send(page)
  }

  // A page made for a role the actor lacks is refused with 403. Mentors have mentees and
  // guardians children, so their views tell; a pupil's empty page does not, so the demo list does.
  const refused = (req: Request, res: Response, role: PageRole): void => {
    res.status(403)
    html(res, renderRoleRequiredPage(role, options(req, res)))
  }
  const demoPersonLacks = (req: Request, role: Role): boolean => {
    const person = demoPeople?.find((candidate) => candidate.id === req.actor?.personId)
    return person !== undefined && !person.roles.includes(role)
  }

  // After invalid input (400) or a version conflict (409) a form post shows its page again with
  // the input and the error. Autosave posts and other errors go on to the error middleware.
  const rejected = async (
    req: Request,
    res: Response,
    error: unknown,
    action: string,
    page: (options: RenderOptions) => Promise<string>
  ): Promise<void> => {
    const status = rejectedFormStatus(problemOf(error).tag)
    if (req.accepts(["html", "json"]) === "json" || status === undefined) throw error
    const values = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Readonly<Record<string, string>>
    const body = await page({ ...options(req, res), rejectedForm: { action, values, error } })
    res.status(status)
    html(res, body)
  }

  for (const [path, asset] of [[routes.stylesheet, stylesheet], [routes.autosaveScript, autosaveScript], [routes.icon, icon]] as const) {
    router.get(path, (_req, res) => {
      res.type(asset.mediaType).set("cache-control", "public, max-age=3600").send(assetContent(asset))
    })
  }
  // Pages link the icon, but some clients still ask for the traditional address.
  router.get("/favicon.ico", (_req, res) => {
    res.redirect(301, routes.icon)
  })

  router.get(routes.mentorPage, async (req, res) => {
    const { start, end } = req.query
    const period = typeof start === "string" && typeof end === "string" ? { start, end } : undefined
    const view = await iup.mentoring.page(actorOf(req), period)
    if (view.mentees.length === 0) return refused(req, res, "mentor")
    html(res, renderMentorPage(view, options(req, res)))
  })
  router.get(routes.overview, async (req, res) => {
    // Protected pupils appear only when the mentor names them with the mentor page's `pupil` boxes.
    const named = fields(req.query, "pupil")
    const view = await iup.mentoring.overview(actorOf(req), { includeProtectedPupilIds: named })
    if (view.pupils.length === 0 && view.leftOutProtectedCount === 0) return refused(req, res, "mentor")
    html(res, renderOverviewPage(view, options(req, res)))
  })
  router.get("/pupil", async (req, res) => {
    const actor = actorOf(req)
    if (demoPersonLacks(req, "pupil")) return refused(req, res, "pupil")
    html(res, renderPupilPage(await iup.pupils.page(actor), options(req, res)))
  })
  router.get("/guardian", async (req, res) => {
    const view = await iup.guardians.page(actorOf(req))
    if (view.children.length === 0) return refused(req, res, "guardian")
    html(res, renderGuardianPage(view, options(req, res)))
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
    const pupilIds = selection(body) === "all" ? "all" : fields(body, "pupilIds")
    const plan = { templateId: field(body, "templateId"), title: field(body, "title"), startDate: field(body, "startDate"), endDate: optionalDate(body, "endDate") }
    let created
    try {
      created = await iup.mentoring.createPlans(actorOf(req), { pupilIds, plan })
    } catch (error) {
      return rejected(req, res, error, routes.createPlans, async (page) => renderMentorPage(await iup.mentoring.page(actorOf(req)), page))
    }
    res.redirect(303, withNotice(routes.mentorPage, "plansCreated", created.plans.length))
  })
  router.post("/plans/:planId/header", async (req, res) => {
    const body: unknown = req.body
    const patch = { title: field(body, "title"), startDate: field(body, "startDate"), endDate: optionalDate(body, "endDate"), published: checked(body, "published") }
    const { planId } = req.params
    // The plan page's publish button sends only the version, so title and dates stay as they are.
    const publishing = field(body, "intent") === "publish"
    let updated
    try {
      updated = publishing
        ? await iup.plans.publish(actorOf(req), planId, Number(field(body, "version")))
        : await iup.plans.updateHeader(actorOf(req), planId, Number(field(body, "version")), patch)
    } catch (error) {
      return rejected(req, res, error, routes.updatePlanHeader(planId as never), async (page) => renderPlanPage(await iup.plans.getPlan(actorOf(req), planId), page))
    }
    afterPost(req, res, withNotice(routes.plan(updated.plan.id), publishing ? "planPublished" : "planSaved"), { version: updated.headerVersion })
  })
  router.post("/plans/:planId/delete", async (req, res) => {
    const { planId } = req.params
    try {
      requireConfirmation(req.body)
    } catch (error) {
      return rejected(req, res, error, routes.deletePlan(planId as never), async (page) => renderPlanPage(await iup.plans.getPlan(actorOf(req), planId), page))
    }
    await iup.plans.deletePlan(actorOf(req), planId)
    res.redirect(303, withNotice(routes.mentorPage, "planDeleted"))
  })
  router.post(routes.publishPlans, async (req, res) => {
    const actor = actorOf(req)
    const failures: Array<PublishFailure> = []
    let published = 0
    // One plan at a time, so a stale or archived plan is reported and the others are still published.
    for (const planId of pickedPlans(req.body)) {
      let plan
      try {
        plan = await iup.plans.getPlan(actor, planId)
        if (plan.published) continue
        await iup.plans.publish(actor, planId, plan.headerVersion)
        published += 1
      } catch (error) {
        failures.push({ title: plan?.title ?? planId, pupilName: plan === undefined ? "–" : fullName(plan.pupil), error })
      }
    }
    if (failures.length === 0) return res.redirect(303, withNotice(routes.mentorPage, "plansPublished", published))
    const page = { ...options(req, res), notice: { kind: "plansPublished", count: published } as const, publishFailures: failures }
    res.status(published === 0 ? problemOf(failures[0]!.error).status : 200)
    html(res, renderMentorPage(await iup.mentoring.page(actor), page))
  })
  router.post("/plans/:planId/fields/:fieldId", async (req, res) => {
    const { planId, fieldId } = req.params
    const body: unknown = req.body
    let written
    try {
      written = await iup.plans.updateField(actorOf(req), { planId, fieldId, expectedVersion: Number(field(body, "version")), value: field(body, "value") })
    } catch (error) {
      return rejected(req, res, error, routes.updatePlanField(planId as never, fieldId as never), async (page) => renderPlanPage(await iup.plans.getPlan(actorOf(req), planId), page))
    }
    afterPost(req, res, routes.plan(planId as never), { version: written.version })
  })
  router.post(routes.print, async (req, res) => {
    const view = await iup.exports.exportPlans(actorOf(req), { planIds: pickedPlans(req.body) })
    const page = renderPrintPage(view, options(req, res))
    if (Either.isLeft(page)) throw page.left
    html(res, page.right)
  })
  router.post(routes.exportPdf, async (req, res) => {
    const view = await iup.exports.exportPlans(actorOf(req), { planIds: pickedPlans(req.body) })
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
    res.redirect(303, withNotice(routes.course(req.params.courseId as never), "assessmentCreated"))
  })
  router.post("/assessments/:assessmentId", async (req, res) => {
    const body: unknown = req.body
    const patch = { title: field(body, "title"), visibleToPupils: checked(body, "visibleToPupils"), selfAssessmentEnabled: checked(body, "selfAssessmentEnabled") }
    const updated = await iup.teaching.updateAssessment(actorOf(req), req.params.assessmentId, Number(field(body, "version")), patch)
    res.redirect(303, withNotice(routes.course(updated.assessment.courseId), "assessmentSaved"))
  })
  router.post("/assessments/:assessmentId/delete", async (req, res) => {
    const { assessmentId } = req.params
    // The course page sends its course to land back on; without one the start page links to it.
    const courseId = field(req.body, "courseId")
    try {
      requireConfirmation(req.body)
    } catch (error) {
      if (courseId === "") throw error
      return rejected(req, res, error, routes.deleteAssessment(assessmentId as never), async (page) =>
        renderCoursePage(await iup.teaching.coursePage(actorOf(req), courseId), page))
    }
    await iup.teaching.deleteAssessment(actorOf(req), assessmentId)
    res.redirect(303, withNotice(courseId === "" ? routes.home : routes.course(courseId as never), "assessmentDeleted"))
  })
  router.post("/assessments/:assessmentId/entries/:pupilId", async (req, res) => {
    const body: unknown = req.body
    const { assessmentId, pupilId } = req.params
    let entry
    try {
      entry = await iup.teaching.writeEntry(actorOf(req), {
        assessmentId,
        pupilId,
        expectedVersion: version(body),
        level: emptyToNull(field(body, "level")),
        comment: field(body, "comment")
      })
    } catch (error) {
      return rejected(req, res, error, routes.updateEntry(assessmentId as never, pupilId as never), async (page) =>
        renderCoursePage(await iup.teaching.coursePage(actorOf(req), field(body, "courseId")), page))
    }
    afterPost(req, res, routes.course(entry.course.id), { version: entry.version })
  })
  router.post("/assessments/:assessmentId/levels", async (req, res) => {
    const body: unknown = req.body
    const entries = fields(body, "pupilIds").map((pupilId) => ({ pupilId, expectedVersion: version(body, `version.${pupilId}`) }))
    const written = await iup.teaching.setLevelForPupils(actorOf(req), { assessmentId: req.params.assessmentId, level: emptyToNull(field(body, "level")), entries })
    res.redirect(303, written[0] === undefined ? routes.home : withNotice(routes.course(written[0].course.id), "levelsSet", written.length))
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
