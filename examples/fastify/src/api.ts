/**
 * The JSON API under `/api`, as an encapsulated plugin: its validator compiler decodes request
 * bodies and path parameters with effect Schemas, and its error and not-found handlers answer in
 * JSON, while the pages outside keep their HTML handlers.
 */
import { decodeInputEither, type PersonId } from "@iupkit/core"
import type { IupClient } from "@iupkit/services"
import { Either, type Schema } from "effect"
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"
import { requireActor } from "./auth.js"
import { documentApiPlugin } from "./documents.js"
import { errorNameOf, logCaughtError } from "./logging.js"
import { message } from "./messages.js"
import { languageOf } from "./pages.js"
import { problemOf, problemPageText, wwwAuthenticate } from "./problems.js"
import * as Api from "./schemas.js"

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

/**
 * Sends an error as `{ error: { tag, message, detail, ...data } }` with its status: `message` for
 * end users in the request's language, `detail` in English for developers.
 */
export const sendJsonProblem = (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply => {
  const problem = problemOf(error)
  logCaughtError(reply, problem.status, errorNameOf(error))
  if (problem.status === 401) reply.header("www-authenticate", wwwAuthenticate(problem))
  const text = problemPageText(problem, error, languageOf(request), request.id).text
  return reply
    .status(problem.status)
    .type("application/json; charset=utf-8")
    .send({ error: { tag: problem.tag, message: text, detail: problem.message, ...problem.data } })
}

/** Registers the API routes; mount with `prefix: "/api"`. */
export const apiPlugin: FastifyPluginAsync<{ readonly iup: IupClient; readonly maxDocumentBytes: number }> = async (fastify, options) => {
  const { iup } = options

  // Excess properties fail, as the OpenAPI document's `additionalProperties: false` promises, so a
  // misspelt property is reported instead of silently dropped.
  fastify.setValidatorCompiler(({ schema }) => {
    const decode = decodeInputEither(schema as Schema.Schema<unknown, unknown, never>, undefined, { onExcessProperty: "error" })
    return (data) => Either.match(decode(data), { onLeft: (error) => ({ error }), onRight: (value) => ({ value }) })
  })
  fastify.setErrorHandler((error, request, reply) => sendJsonProblem(request, reply, error))
  fastify.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        tag: "NotFoundError",
        message: message(languageOf(request), "apiRouteNotFound"),
        detail: `No API route ${request.method} ${request.url.split("?")[0]}`
      }
    })
  )

  // Every API route needs a signed-in actor, checked before the body is decoded. Unknown routes
  // return 404 to everyone, because their paths name no resource to protect.
  fastify.addHook("onRequest", async (request) => {
    if (!request.is404) requireActor(request)
  })

  // Browsers attach the session cookie on their own, so cookie-authenticated writes need the CSRF
  // token; bearer tokens are never sent implicitly.
  fastify.addHook("preValidation", (request, reply, done) => {
    if (unsafeMethods.has(request.method) && request.actor?.via === "session") {
      fastify.csrfProtection(request, reply, done)
    } else done()
  })

  // Each route declares its Schemas in `schema`, so the validator compiler above decodes with them
  // and the OpenAPI plugin documents them; handlers read the decoded values.
  const route = <P, B>(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    definition: {
      readonly summary: string
      readonly params?: Schema.Schema<P, any, never>
      readonly body?: Schema.Schema<B, any, never>
      readonly status?: number
    },
    run: (actor: { readonly personId: PersonId }, params: P, body: B) => Promise<unknown>
  ) =>
    fastify.route({
      method,
      url,
      schema: {
        ...(definition.params === undefined ? {} : { params: definition.params }),
        ...(definition.body === undefined ? {} : { body: definition.body })
      },
      config: { summary: definition.summary },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = { personId: requireActor(request).personId }
        const result = await run(actor, request.params as P, request.body as B)
        return reply.status(definition.status ?? 200).send(result ?? null)
      }
    })

  route("GET", "/me", { summary: "The signed-in person" }, async (actor) => actor)

  route("GET", "/mentor", { summary: "The mentor's page: current and archived plans and recent assessments of the mentees" }, (actor) =>
    iup.mentoring.page(actor))
  route("GET", "/mentor/overview", { summary: "Levels of the mentees per course over the last four months" }, (actor) =>
    iup.mentoring.overview(actor))
  route("POST", "/mentor/plans", { summary: "Create one plan per selected mentee, all or nothing", body: Api.CreatePlansBody, status: 201 }, (actor, _params, body) =>
    iup.mentoring.createPlans(actor, body))

  route("GET", "/plans/:planId", { summary: "Read a plan with the fields and entries the actor may read", params: Api.PlanParams }, (actor, params) =>
    iup.plans.getPlan(actor, params.planId))
  route("PATCH", "/plans/:planId", { summary: "Change a plan's title, dates or publication", params: Api.PlanParams, body: Api.UpdatePlanHeaderBody }, (actor, params, body) =>
    iup.plans.updateHeader(actor, params.planId, body.expectedVersion, body.patch))
  route("DELETE", "/plans/:planId", { summary: "Delete a plan", params: Api.PlanParams }, (actor, params) =>
    iup.plans.deletePlan(actor, params.planId))
  route("PUT", "/plans/:planId/fields/:fieldId", { summary: "Write one field of a plan", params: Api.PlanFieldParams, body: Api.UpdatePlanFieldBody }, (actor, params, body) =>
    iup.plans.updateField(actor, { ...params, ...body }))
  route("GET", "/pupils/:pupilId/plans", { summary: "A pupil's plans the actor may read, newest first", params: Api.PupilParams }, (actor, params) =>
    iup.plans.plansOfPupil(actor, params.pupilId))

  route("GET", "/courses/:courseId", { summary: "A course page for its teachers", params: Api.CourseParams }, (actor, params) =>
    iup.teaching.coursePage(actor, params.courseId))
  route("POST", "/assessments", { summary: "Create an assessment in a course the actor teaches", body: Api.CreateAssessmentBody, status: 201 }, (actor, _params, body) =>
    iup.teaching.createAssessment(actor, body))
  route("PUT", "/assessments/:assessmentId/entries/:pupilId", { summary: "Write one pupil's level and comment", params: Api.EntryParams, body: Api.WriteEntryBody }, (actor, params, body) =>
    iup.teaching.writeEntry(actor, { ...params, ...body }))
  route("POST", "/assessments/:assessmentId/levels", { summary: "Set one level for several pupils, all or nothing", params: Api.AssessmentParams, body: Api.SetLevelsBody }, (actor, params, body) =>
    iup.teaching.setLevelForPupils(actor, { ...params, ...body }))

  route("GET", "/pupil", { summary: "The pupil's own published plans and assessments" }, (actor) => iup.pupils.page(actor))
  route("PUT", "/assessments/:assessmentId/self-assessment", { summary: "Write the pupil's self-assessment", params: Api.AssessmentParams, body: Api.SelfAssessmentBody }, (actor, params, body) =>
    iup.pupils.selfAssess(actor, { ...params, ...body }))
  route("GET", "/guardian", { summary: "The guardian's children with their published plans and assessments" }, (actor) =>
    iup.guardians.page(actor))

  route("POST", "/exports", { summary: "Export at most 100 plans", body: Api.ExportPlansBody }, (actor, _params, body) =>
    iup.exports.exportPlans(actor, body))

  route("GET", "/templates", { summary: "Templates the actor administers; 403 for anyone who administers nothing" }, (actor) => iup.administration.listTemplates(actor))
  route("POST", "/templates", { summary: "Create a template", body: Api.CreateTemplateBody, status: 201 }, (actor, _params, body) =>
    iup.administration.createTemplate(actor, body))
  route("GET", "/grading-scales", { summary: "Every grading scale" }, (actor) => iup.administration.listGradingScales(actor))
  route("POST", "/grading-scales", { summary: "Create a grading scale", body: Api.CreateGradingScaleBody, status: 201 }, (actor, _params, body) =>
    iup.administration.createGradingScale(actor, body))
  route("POST", "/organisation-plans", { summary: "Create plans for every pupil of an organisation or the site", body: Api.OrganisationPlansBody, status: 201 }, (actor, _params, body) =>
    iup.administration.createPlansForOrganisation(actor, body))

  await fastify.register(documentApiPlugin, { iup, maxDocumentBytes: options.maxDocumentBytes })
}
