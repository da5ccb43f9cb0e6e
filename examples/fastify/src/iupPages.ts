/**
 * The IUP's HTML pages from @iupkit/render-html and the form posts they send. Every form works
 * without JavaScript: a post redirects (303) back to the page it came from. The autosave script
 * posts the same forms with `Accept: application/json` and gets the new version as JSON.
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
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"
import { requireActor } from "./auth.js"
import { checked, field, fields, optionalDate, requireConfirmation, selection, version } from "./forms.js"
import { type DemoPerson, languageOf, type PageOptions } from "./pages.js"
import { problemOf } from "./problems.js"

const routes = defaultRoutes

// Errors a form shows next to the user's input instead of an error page: invalid input (400) and
// a version conflict (409), where the form keeps the user's text beside the text saved meanwhile.
const rejectedFormStatus = (tag: string): number | undefined =>
  tag === "InvalidInputError" ? 400 : tag === "VersionConflictError" ? 409 : undefined

const sendHtml = (reply: FastifyReply, html: string): FastifyReply => reply.type("text/html; charset=utf-8").send(html)

const wantsJson = (request: FastifyRequest): boolean => (request.headers.accept ?? "").includes("application/json")

/** Responds to a form post: JSON for the autosave script, otherwise a redirect to `location`. */
const afterPost = (request: FastifyRequest, reply: FastifyReply, location: string, json: unknown): FastifyReply =>
  wantsJson(request) ? reply.send(json) : reply.redirect(location, 303)

const actorOf = (request: FastifyRequest): { readonly personId: PersonId } => ({ personId: requireActor(request).personId })

// Print and PDF of nothing would show an empty document, so an empty selection is invalid input.
const selectedPlanIds = (body: unknown): ReadonlyArray<string> => {
  const planIds = fields(body, "planIds")
  if (planIds.length === 0) throw InvalidInputError.of("planIds", planIds, "must not be empty")
  return planIds
}

/** Registers the pages and form handlers; every one needs a signed-in actor. */
export const iupPagesPlugin: FastifyPluginAsync<{
  readonly iup: IupClient
  readonly demoPeople: ReadonlyArray<DemoPerson> | undefined
  readonly pageOptions: PageOptions
}> = async (fastify, options) => {
  const { iup } = options
  const renderOptions = (request: FastifyRequest, reply: FastifyReply): RenderOptions => options.pageOptions(request, reply, true)

  /**
   * Refuses a page made for a role the actor lacks (403). The views show the role: a mentor has
   * mentees and a guardian children. A pupil's page looks the same for a pupil with nothing
   * written yet, so there the demo people's roles decide.
   */
  const refuse = (request: FastifyRequest, reply: FastifyReply, role: PageRole): FastifyReply =>
    sendHtml(reply.status(403), renderRoleRequiredPage(role, renderOptions(request, reply)))
  const lacksDemoRole = (request: FastifyRequest, role: Role): boolean => {
    const person = options.demoPeople?.find((candidate) => candidate.id === request.actor?.personId)
    return person !== undefined && !person.roles.includes(role)
  }

  /**
   * Shows a form again after invalid input (400) or a version conflict (409): the page the form is
   * on, with what the user typed and the error. Other errors, and autosave posts, go to the error handler.
   */
  const showRejected = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
    action: string,
    render: (options: RenderOptions) => Promise<string>
  ): Promise<FastifyReply> => {
    const status = rejectedFormStatus(problemOf(error).tag)
    if (wantsJson(request) || status === undefined) throw error
    const values = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Readonly<Record<string, string>>
    const html = await render({ ...renderOptions(request, reply), rejectedForm: { action, values, error } })
    return sendHtml(reply.status(status), html)
  }

  fastify.get(routes.stylesheet, async (_request, reply) =>
    reply.type(stylesheet.mediaType).header("cache-control", "public, max-age=3600").send(assetContent(stylesheet)))
  fastify.get(routes.autosaveScript, async (_request, reply) =>
    reply.type(autosaveScript.mediaType).header("cache-control", "public, max-age=3600").send(assetContent(autosaveScript)))
  fastify.get(routes.icon, async (_request, reply) =>
    reply.type(icon.mediaType).header("cache-control", "public, max-age=3600").send(assetContent(icon)))
  // Pages link the icon, but some clients still ask for the traditional address.
  fastify.get("/favicon.ico", async (_request, reply) => reply.redirect(routes.icon, 301))

  fastify.get(routes.mentorPage, async (request, reply) => {
    const query = request.query as Readonly<Record<string, string | undefined>>
    const period = query.start !== undefined && query.end !== undefined ? { start: query.start, end: query.end } : undefined
    const view = await iup.mentoring.page(actorOf(request), period)
    if (view.mentees.length === 0) return refuse(request, reply, "mentor")
    return sendHtml(reply, renderMentorPage(view, renderOptions(request, reply)))
  })
  fastify.get(routes.overview, async (request, reply) => {
    // Protected pupils appear only when the mentor names them with the mentor page's `pupil` boxes.
    const named = fields(request.query, "pupil")
    const view = await iup.mentoring.overview(actorOf(request), { includeProtectedPupilIds: named })
    if (view.pupils.length === 0 && view.leftOutProtectedCount === 0) return refuse(request, reply, "mentor")
    return sendHtml(reply, renderOverviewPage(view, renderOptions(request, reply)))
  })
  fastify.get("/pupil", async (request, reply) => {
    const actor = actorOf(request)
    if (lacksDemoRole(request, "pupil")) return refuse(request, reply, "pupil")
    return sendHtml(reply, renderPupilPage(await iup.pupils.page(actor), renderOptions(request, reply)))
  })
  fastify.get("/guardian", async (request, reply) => {
    const view = await iup.guardians.page(actorOf(request))
    if (view.children.length === 0) return refuse(request, reply, "guardian")
    return sendHtml(reply, renderGuardianPage(view, renderOptions(request, reply)))
  })
  fastify.get("/plans/:planId", async (request, reply) => {
    const { planId } = request.params as { readonly planId: string }
    return sendHtml(reply, renderPlanPage(await iup.plans.getPlan(actorOf(request), planId), renderOptions(request, reply)))
  })
  fastify.get("/pupils/:pupilId/plans", async (request, reply) => {
    const { pupilId } = request.params as { readonly pupilId: string }
    return sendHtml(reply, renderPupilPlansPage(await iup.plans.plansOfPupil(actorOf(request), pupilId), renderOptions(request, reply)))
  })
  fastify.get("/courses/:courseId", async (request, reply) => {
    const { courseId } = request.params as { readonly courseId: string }
    return sendHtml(reply, renderCoursePage(await iup.teaching.coursePage(actorOf(request), courseId), renderOptions(request, reply)))
  })

  const post = (url: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    fastify.post(url, { preHandler: fastify.csrfProtection }, handler)

  post(routes.createPlans, async (request, reply) => {
    const body = request.body
    const pupilIds = selection(body) === "all" ? "all" : fields(body, "pupilIds")
    const plan = { templateId: field(body, "templateId"), title: field(body, "title"), startDate: field(body, "startDate"), endDate: optionalDate(body, "endDate") }
    let created
    try {
      created = await iup.mentoring.createPlans(actorOf(request), { pupilIds, plan })
    } catch (error) {
      return showRejected(request, reply, error, routes.createPlans, async (page) => renderMentorPage(await iup.mentoring.page(actorOf(request)), page))
    }
    return reply.redirect(withNotice(routes.mentorPage, "plansCreated", created.plans.length), 303)
  })
  post("/plans/:planId/header", async (request, reply) => {
    const { planId } = request.params as { readonly planId: string }
    const body = request.body
    const patch = { title: field(body, "title"), startDate: field(body, "startDate"), endDate: optionalDate(body, "endDate"), published: checked(body, "published") }
    // The plan page's publish button sends only the version, so title and dates stay as they are.
    const publishing = field(body, "intent") === "publish"
    let updated
    try {
      updated = publishing
        ? await iup.plans.publish(actorOf(request), planId, Number(field(body, "version")))
        : await iup.plans.updateHeader(actorOf(request), planId, Number(field(body, "version")), patch)
    } catch (error) {
      return showRejected(request, reply, error, routes.updatePlanHeader(planId as never), async (page) => renderPlanPage(await iup.plans.getPlan(actorOf(request), planId), page))
    }
    const location = withNotice(routes.plan(updated.plan.id), publishing ? "planPublished" : "planSaved")
    return afterPost(request, reply, location, { version: updated.headerVersion })
  })
  post("/plans/:planId/delete", async (request, reply) => {
    const { planId } = request.params as { readonly planId: string }
    try {
      requireConfirmation(request.body)
    } catch (error) {
      return showRejected(request, reply, error, routes.deletePlan(planId as never), async (page) => renderPlanPage(await iup.plans.getPlan(actorOf(request), planId), page))
    }
    await iup.plans.deletePlan(actorOf(request), planId)
    return reply.redirect(withNotice(routes.mentorPage, "planDeleted"), 303)
  })
  post(routes.publishPlans, async (request, reply) => {
    const actor = actorOf(request)
    const failures: Array<PublishFailure> = []
    let published = 0
    // Each plan is published on its own, so one stale or archived plan does not stop the others.
    for (const planId of selectedPlanIds(request.body)) {
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
    if (failures.length === 0) return reply.redirect(withNotice(routes.mentorPage, "plansPublished", published), 303)
    const page = { ...renderOptions(request, reply), notice: { kind: "plansPublished", count: published } as const, publishFailures: failures }
    const status = published === 0 ? problemOf(failures[0]!.error).status : 200
    return sendHtml(reply.status(status), renderMentorPage(await iup.mentoring.page(actor), page))
  })
  post("/plans/:planId/fields/:fieldId", async (request, reply) => {
    const { planId, fieldId } = request.params as { readonly planId: string; readonly fieldId: string }
    let written
    try {
      written = await iup.plans.updateField(actorOf(request), {
        planId: planId,
        fieldId: fieldId,
        expectedVersion: Number(field(request.body, "version")),
        value: field(request.body, "value")
      })
    } catch (error) {
      return showRejected(request, reply, error, routes.updatePlanField(planId as never, fieldId as never), async (page) =>
        renderPlanPage(await iup.plans.getPlan(actorOf(request), planId), page))
    }
    return afterPost(request, reply, routes.plan(planId as never), { version: written.version })
  })
  post(routes.print, async (request, reply) => {
    const view = await iup.exports.exportPlans(actorOf(request), { planIds: selectedPlanIds(request.body) })
    const html = renderPrintPage(view, renderOptions(request, reply))
    if (Either.isLeft(html)) throw html.left
    return sendHtml(reply, html.right)
  })
  post(routes.exportPdf, async (request, reply) => {
    const view = await iup.exports.exportPlans(actorOf(request), { planIds: selectedPlanIds(request.body) })
    const pdf = renderExportPdf(view, { locale: languageOf(request) })
    if (Either.isLeft(pdf)) throw pdf.left
    return reply.type("application/pdf").header("content-disposition", 'attachment; filename="iup-planer.pdf"').send(pdf.right)
  })

  post("/courses/:courseId/assessments", async (request, reply) => {
    const { courseId } = request.params as { readonly courseId: string }
    const body = request.body
    const scale = field(body, "gradingScaleId")
    await iup.teaching.createAssessment(actorOf(request), {
      courseId,
      title: field(body, "title"),
      gradingScaleId: scale === "" ? null : scale,
      visibleToPupils: checked(body, "visibleToPupils"),
      selfAssessmentEnabled: checked(body, "selfAssessmentEnabled")
    })
    return reply.redirect(withNotice(routes.course(courseId as never), "assessmentCreated"), 303)
  })
  post("/assessments/:assessmentId", async (request, reply) => {
    const { assessmentId } = request.params as { readonly assessmentId: string }
    const body = request.body
    const patch = { title: field(body, "title"), visibleToPupils: checked(body, "visibleToPupils"), selfAssessmentEnabled: checked(body, "selfAssessmentEnabled") }
    const updated = await iup.teaching.updateAssessment(actorOf(request), assessmentId, Number(field(body, "version")), patch)
    return reply.redirect(withNotice(routes.course(updated.assessment.courseId), "assessmentSaved"), 303)
  })
  post("/assessments/:assessmentId/delete", async (request, reply) => {
    const { assessmentId } = request.params as { readonly assessmentId: string }
    // The course page sends its course, so the user lands back on it; without one the start page links to it.
    const courseId = field(request.body, "courseId")
    const back = courseId === "" ? routes.home : routes.course(courseId as never)
    try {
      requireConfirmation(request.body)
    } catch (error) {
      if (courseId === "") throw error
      return showRejected(request, reply, error, routes.deleteAssessment(assessmentId as never), async (page) =>
        renderCoursePage(await iup.teaching.coursePage(actorOf(request), courseId), page))
    }
    await iup.teaching.deleteAssessment(actorOf(request), assessmentId)
    return reply.redirect(withNotice(back, "assessmentDeleted"), 303)
  })
  post("/assessments/:assessmentId/entries/:pupilId", async (request, reply) => {
    const { assessmentId, pupilId } = request.params as { readonly assessmentId: string; readonly pupilId: string }
    const body = request.body
    const level = field(body, "level")
    let entry
    try {
      entry = await iup.teaching.writeEntry(actorOf(request), {
        assessmentId,
        pupilId,
        expectedVersion: version(body),
        level: level === "" ? null : level,
        comment: field(body, "comment")
      })
    } catch (error) {
      return showRejected(request, reply, error, routes.updateEntry(assessmentId as never, pupilId as never), async (page) =>
        renderCoursePage(await iup.teaching.coursePage(actorOf(request), field(body, "courseId")), page))
    }
    return afterPost(request, reply, routes.course(entry.course.id), { version: entry.version })
  })
  post("/assessments/:assessmentId/levels", async (request, reply) => {
    const { assessmentId } = request.params as { readonly assessmentId: string }
    const body = request.body
    const level = field(body, "level")
    const entries = fields(body, "pupilIds").map((pupilId) => ({ pupilId, expectedVersion: version(body, `version.${pupilId}`) }))
    const written = await iup.teaching.setLevelForPupils(actorOf(request), { assessmentId, level: level === "" ? null : level, entries })
    const location = written[0] === undefined ? routes.home : withNotice(routes.course(written[0].course.id), "levelsSet", written.length)
    return reply.redirect(location, 303)
  })
  post("/assessments/:assessmentId/self-assessment", async (request, reply) => {
    const { assessmentId } = request.params as { readonly assessmentId: string }
    const body = request.body
    const level = field(body, "level")
    const entry = await iup.pupils.selfAssess(actorOf(request), {
      assessmentId,
      expectedVersion: version(body),
      level: level === "" ? null : level,
      comment: field(body, "comment")
    })
    return afterPost(request, reply, "/pupil", { version: entry.version })
  })
}
