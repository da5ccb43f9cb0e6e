/**
 * The JSON API under `/api` as a table of routes. Each entry names its request Schemas; the
 * router decodes bodies and path parameters with them, and the OpenAPI document is generated
 * from the same table.
 */
import { decodeInput, type PersonId } from "@iupkit/core"
import type { IupClient } from "@iupkit/services"
import { Effect, type Schema } from "effect"
import { type Request, type RequestHandler, Router } from "express"
import { requireActor } from "./auth.js"
import * as Api from "./schemas.js"

type AnySchema = Schema.Schema<any, any, never>

/** One API route: Express path, request Schemas, a summary for the document, and the call. */
export interface ApiRoute<P extends AnySchema = AnySchema, B extends AnySchema = AnySchema> {
  readonly method: "get" | "post" | "put" | "patch" | "delete"
  readonly path: string
  readonly summary: string
  readonly params?: P
  readonly body?: B
  readonly status?: number
  readonly run: (input: { readonly actor: { readonly personId: PersonId }; readonly params: P["Type"]; readonly body: B["Type"] }) => Promise<unknown>
}

// Keeps each entry's Schema types tied to its `run` while the table holds mixed entries.
const route = <P extends AnySchema, B extends AnySchema>(definition: ApiRoute<P, B>): ApiRoute =>
  definition as unknown as ApiRoute

/** The API's routes over the services, paths relative to `/api`. */
export const apiRoutes = (iup: IupClient): ReadonlyArray<ApiRoute> => [
  route({ method: "get", path: "/me", summary: "The signed-in person", run: async ({ actor }) => actor }),

  route({
    method: "get",
    path: "/mentor",
    summary: "The mentor's page: current and archived plans and recent assessments of the mentees",
    run: ({ actor }) => iup.mentoring.page(actor)
  }),
  route({
    method: "get",
    path: "/mentor/overview",
    summary: "Levels of the mentees per course over the last four months",
    run: ({ actor }) => iup.mentoring.overview(actor)
  }),
  route({
    method: "post",
    path: "/mentor/plans",
    summary: "Create one plan per selected mentee, all or nothing",
    body: Api.CreatePlansBody,
    status: 201,
    run: ({ actor, body }) => iup.mentoring.createPlans(actor, body)
  }),

  route({
    method: "get",
    path: "/plans/:planId",
    summary: "Read a plan with the fields and entries the actor may read",
    params: Api.PlanParams,
    run: ({ actor, params }) => iup.plans.getPlan(actor, params.planId)
  }),
  route({
    method: "patch",
    path: "/plans/:planId",
    summary: "Change a plan's title, dates or publication",
    params: Api.PlanParams,
    body: Api.UpdatePlanHeaderBody,
    run: ({ actor, params, body }) => iup.plans.updateHeader(actor, params.planId, body.expectedVersion, body.patch)
  }),
  route({
    method: "delete",
    path: "/plans/:planId",
    summary: "Delete a plan",
    params: Api.PlanParams,
    run: ({ actor, params }) => iup.plans.deletePlan(actor, params.planId)
  }),
  route({
    method: "put",
    path: "/plans/:planId/fields/:fieldId",
    summary: "Write one field of a plan",
    params: Api.PlanFieldParams,
    body: Api.UpdatePlanFieldBody,
    run: ({ actor, params, body }) => iup.plans.updateField(actor, { ...params, ...body })
  }),
  route({
    method: "get",
    path: "/pupils/:pupilId/plans",
    summary: "A pupil's plans the actor may read, newest first",
    params: Api.PupilParams,
    run: ({ actor, params }) => iup.plans.plansOfPupil(actor, params.pupilId)
  }),

  route({
    method: "get",
    path: "/courses/:courseId",
    summary: "A course page for its teachers",
    params: Api.CourseParams,
    run: ({ actor, params }) => iup.teaching.coursePage(actor, params.courseId)
  }),
  route({
    method: "post",
    path: "/assessments",
    summary: "Create an assessment in a course the actor teaches",
    body: Api.CreateAssessmentBody,
    status: 201,
    run: ({ actor, body }) => iup.teaching.createAssessment(actor, body)
  }),
  route({
    method: "put",
    path: "/assessments/:assessmentId/entries/:pupilId",
    summary: "Write one pupil's level and comment",
    params: Api.EntryParams,
    body: Api.WriteEntryBody,
    run: ({ actor, params, body }) => iup.teaching.writeEntry(actor, { ...params, ...body })
  }),
  route({
    method: "post",
    path: "/assessments/:assessmentId/levels",
    summary: "Set one level for several pupils, all or nothing",
    params: Api.AssessmentParams,
    body: Api.SetLevelsBody,
    run: ({ actor, params, body }) => iup.teaching.setLevelForPupils(actor, { ...params, ...body })
  }),

  route({ method: "get", path: "/pupil", summary: "The pupil's own published plans and assessments", run: ({ actor }) => iup.pupils.page(actor) }),
  route({
    method: "put",
    path: "/assessments/:assessmentId/self-assessment",
    summary: "Write the pupil's self-assessment",
    params: Api.AssessmentParams,
    body: Api.SelfAssessmentBody,
    run: ({ actor, params, body }) => iup.pupils.selfAssess(actor, { ...params, ...body })
  }),
  route({
    method: "get",
    path: "/guardian",
    summary: "The guardian's children with their published plans and assessments",
    run: ({ actor }) => iup.guardians.page(actor)
  }),

  route({
    method: "post",
    path: "/exports",
    summary: "Export at most 100 plans",
    body: Api.ExportPlansBody,
    run: ({ actor, body }) => iup.exports.exportPlans(actor, body)
  }),

  route({ method: "get", path: "/templates", summary: "Templates the actor administers; 403 for anyone who administers nothing", run: ({ actor }) => iup.administration.listTemplates(actor) }),
  route({
    method: "post",
    path: "/templates",
    summary: "Create a template",
    body: Api.CreateTemplateBody,
    status: 201,
    run: ({ actor, body }) => iup.administration.createTemplate(actor, body)
  }),
  route({ method: "get", path: "/grading-scales", summary: "Every grading scale", run: ({ actor }) => iup.administration.listGradingScales(actor) }),
  route({
    method: "post",
    path: "/grading-scales",
    summary: "Create a grading scale",
    body: Api.CreateGradingScaleBody,
    status: 201,
    run: ({ actor, body }) => iup.administration.createGradingScale(actor, body)
  }),
  route({
    method: "post",
    path: "/organisation-plans",
    summary: "Create plans for every pupil of an organisation or the site",
    body: Api.OrganisationPlansBody,
    status: 201,
    run: ({ actor, body }) => iup.administration.createPlansForOrganisation(actor, body)
  })
]

// Excess properties fail, as the OpenAPI document's `additionalProperties: false` promises, so a
// misspelt property is reported instead of silently dropped.
const decodePart = (schema: AnySchema | undefined, value: unknown): Promise<unknown> =>
  schema === undefined ? Promise.resolve(undefined) : Effect.runPromise(Effect.either(decodeInput(schema, undefined, { onExcessProperty: "error" })(value))).then((result) => {
    if (result._tag === "Left") throw result.left
    return result.right
  })

const handlerOf = (definition: ApiRoute): RequestHandler => async (req: Request, res) => {
  const actor = requireActor(req)
  const params = await decodePart(definition.params, req.params)
  const body = await decodePart(definition.body, req.body)
  const result = await definition.run({ actor: { personId: actor.personId }, params, body })
  res.status(definition.status ?? 200).json(result ?? null)
}

// Checked per route, so unknown paths fall through to the 404 answer for every caller: their
// paths name no resource to protect.
const signedIn: RequestHandler = (req, _res, next) => {
  requireActor(req)
  next()
}

/**
 * A router serving the routes, each after the `before` handlers; mount it at `/api` after body parsing, sign-in and CSRF
 * middleware. Unknown paths fall through to the next handler, which answers 404.
 */
export const apiRouter = (routes: ReadonlyArray<ApiRoute>, ...before: ReadonlyArray<RequestHandler>): Router => {
  const router = Router()
  for (const definition of routes) router[definition.method](definition.path, ...before, signedIn, handlerOf(definition))
  return router
}
